/**
 * The guards of a command task, read in the fact-gathering exec: whether the
 * creates/removes paths exist, and the exit codes of unless/onlyif.
 */
import { command, quote } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { pathScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import { guardPath, type CommandArgs } from './args.js';

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

export function commandFacts(args: CommandArgs): FactSpec[] {
  const specs: FactSpec[] = [];
  if (args.creates !== undefined) specs.push(existsFact(guardPath(args, args.creates)));
  if (args.removes !== undefined) specs.push(existsFact(guardPath(args, args.removes)));
  if (args.unless !== undefined) specs.push(statusFact(args.chdir, args.unless));
  if (args.onlyif !== undefined) specs.push(statusFact(args.chdir, args.onlyif));
  return specs;
}
