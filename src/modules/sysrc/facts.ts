/**
 * What sysrc reads. Keys follow "sysrc:JAIL:PATH:NAME" so `sysrc` and
 * `service` tasks on the same variable share one read and one prediction.
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { memoSpec } from '../facts/spec-memo.js';
import { hostOrJail, pathScope, RC_DEFAULTS } from '../scopes.js';
import type { FactOutput, FactSpec, Scope } from '../types.js';
import type { SysrcArgs } from './args.js';
import { sysrcBatch } from './batch.js';

/** Where a variable lives: an rc.conf-style file, on the host or in a jail. */
export interface RcTarget {
  name: string;
  path: string;
  jail?: string;
}

/** Unset means neither PATH nor /etc/defaults/rc.conf assigns it. */
export type RcValue = { set: true; value: string } | { set: false };

function sysrcWords(jail: string | undefined): string[] {
  return jail === undefined ? ['sysrc'] : ['sysrc', '-j', jail];
}

/** `sysrc -n` prints the value and "\n"; an unset variable exits 1 with "unknown variable". */
function parseRcValue(key: string, out: FactOutput): RcValue {
  if (out.code === 0) return { set: true, value: out.stdout.replace(/\n$/, '') };
  // Older sysrc printed the message on stdout, newer on stderr.
  if (out.code === 1 && /unknown variable/.test(out.stderr + out.stdout)) return { set: false };
  throw new FactParseError(key, 'sysrc failed', out);
}

/** `sysrc -f PATH` sources the defaults, then PATH; with -j, both inside the jail. */
export function rcFileScopes(t: RcTarget): Scope[] {
  return hostOrJail(t.jail, [pathScope(t.path), pathScope(RC_DEFAULTS)]);
}

/**
 * The effective value with PATH as the only rc.conf file: what `sysrc -c`
 * compares against, /etc/defaults/rc.conf included.
 */
export function rcValueFact(t: RcTarget): FactSpec<RcValue> {
  const key = `sysrc:${t.jail ?? ''}:${t.path}:${t.name}`;
  return memoSpec(key, () => {
    const batch = sysrcBatch([...sysrcWords(t.jail), '-f', t.path], t.name);
    return {
      key,
      command: command(...sysrcWords(t.jail), '-f', t.path, '-n', t.name),
      parse: (out) => parseRcValue(key, out),
      reads: rcFileScopes(t),
      ...(batch ? { batch } : {}),
    };
  });
}

/** The value /etc/defaults/rc.conf gives: what remains after `sysrc -x`. */
export function rcDefaultFact(t: Omit<RcTarget, 'path'>): FactSpec<RcValue> {
  const key = `sysrc-default:${t.jail ?? ''}:${t.name}`;
  return {
    key,
    command: command(...sysrcWords(t.jail), '-D', '-n', t.name),
    parse: (out) => parseRcValue(key, out),
    reads: hostOrJail(t.jail, [pathScope(RC_DEFAULTS)]),
  };
}

/**
 * Whether PATH itself assigns NAME — `sysrc -n`/`-c` cannot tell, they see the
 * defaults too. The regex is sysrc's own (f_sysrc_find / f_sysrc_delete), so
 * "true" means exactly "`sysrc -x` would delete a line". A missing file
 * (grep exit 2, "No such file") assigns nothing.
 */
export function rcInFileFact(t: RcTarget): FactSpec<boolean> {
  const key = `sysrc-in-file:${t.jail ?? ''}:${t.path}:${t.name}`;
  const grep = ['grep', '-Eq', `^[[:space:]]*${t.name}=`, t.path];
  return {
    key,
    command: command(...(t.jail === undefined ? grep : ['jexec', t.jail, ...grep])),
    parse(out) {
      if (out.code === 0) return true;
      if (out.code === 1) return false;
      if (/No such file/.test(out.stderr)) return false;
      throw new FactParseError(key, 'grep failed', out);
    },
    reads: hostOrJail(t.jail, [pathScope(t.path)]),
  };
}

export function sysrcFacts(args: SysrcArgs): FactSpec[] {
  const specs: FactSpec[] = [rcValueFact(args)];
  if (args.state === 'absent') specs.push(rcInFileFact(args), rcDefaultFact(args));
  return specs;
}
