/**
 * The guards of a command task, read in the fact-gathering exec: whether the
 * creates/removes paths exist, and the exit codes of unless/onlyif. With
 * `jail:` every guard is read through jexec, inside the jail, as the
 * command itself runs there.
 */
import { command, quote } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { hostOrJail, pathScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import { guardPath, type CommandArgs } from './args.js';
import { existsBatch } from './exists-batch.js';
import { jexecShell, jexecWords } from './in-jail.js';

/** `test -e`: 0 exists, 1 does not; it cannot fail otherwise. */
export function existsFact(path: string): FactSpec<boolean> {
  const key = `exists::${path}`;
  return {
    key,
    command: command('test', '-e', path),
    parse(out) {
      if (out.code === 0) return true;
      if (out.code === 1) return false;
      throw new FactParseError(key, 'test -e failed', out);
    },
    reads: [pathScope(path)],
    batch: existsBatch(path),
  };
}

/**
 * The same inside a jail. `test -e` is silent, so anything on stderr is
 * jexec's (no such jail, not running), never "missing".
 */
export function existsInFact(jail: string | undefined, path: string): FactSpec<boolean> {
  if (jail === undefined) return existsFact(path);
  const key = `exists:${jail}:${path}`;
  return {
    key,
    command: jexecWords(jail, ['test', '-e', path]),
    parse(out) {
      if (out.stderr.trim() !== '') throw new FactParseError(key, notEntered(jail, path), out);
      if (out.code === 0) return true;
      if (out.code === 1) return false;
      throw new FactParseError(key, 'test -e failed', out);
    },
    reads: hostOrJail(jail, []),
  };
}

/** `cd DIR && /bin/sh -c TEXT`: the user's text is one quoted word, so a syntax error stays inside it. */
export function shellIn(chdir: string | undefined, text: string): string {
  const sh = `/bin/sh -c ${quote(text)}`;
  return chdir === undefined ? sh : `cd ${quote(chdir)} && ${sh}`;
}

/**
 * The guard's exit code; its output is thrown away (only the status decides).
 * No `reads`: the user's text may look at anything.
 */
export function statusFact(chdir: string | undefined, text: string): FactSpec<number> {
  return {
    key: `status:${chdir ?? ''}:${text}`,
    command: `${shellIn(chdir, text)} >/dev/null 2>&1`,
    parse: (out) => out.code,
  };
}

/**
 * In a jail only the guard's own output is thrown away, inside the jail:
 * what jexec prints is its failure to enter the jail, which must not read
 * as the guard's non-zero status (an onlyif silently skipping the task).
 * No `reads` either: a jailed command can still read sysctls and more.
 */
export function statusInFact(jail: string | undefined, chdir: string | undefined, text: string): FactSpec<number> {
  if (jail === undefined) return statusFact(chdir, text);
  const key = `status:@${jail}:${chdir ?? ''}:${text}`;
  return {
    key,
    command: jexecShell(jail, `{ ${shellIn(chdir, text)}; } >/dev/null 2>&1`),
    parse(out) {
      if (out.stderr.trim() !== '') throw new FactParseError(key, notEntered(jail, text), out);
      return out.code;
    },
  };
}

function notEntered(jail: string, what: string): string {
  return `could not check "${what}" inside jail ${jail}: is the jail running?`;
}

export function commandFacts(args: CommandArgs): FactSpec[] {
  const specs: FactSpec[] = [];
  if (args.creates !== undefined) specs.push(existsInFact(args.jail, guardPath(args, args.creates)));
  if (args.removes !== undefined) specs.push(existsInFact(args.jail, guardPath(args, args.removes)));
  if (args.unless !== undefined) specs.push(statusInFact(args.jail, args.chdir, args.unless));
  if (args.onlyif !== undefined) specs.push(statusInFact(args.jail, args.chdir, args.onlyif));
  return specs;
}
