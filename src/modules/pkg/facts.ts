/**
 * What pkg reads: one `pkg info -e NAME` per package (exit 0 installed, 1 not,
 * pkg-info(8)), and for state latest one `pkg upgrade -n NAME` dry run.
 * Keys "pkg:JAIL:NAME" let a later task see an earlier task's install.
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { jailScope, pathScope, pkgScope } from '../scopes.js';
import type { FactSpec, Scope } from '../types.js';
import type { PkgArgs } from './args.js';

export interface PkgTarget {
  jail?: string;
}

export function pkgWords(t: PkgTarget, ...rest: string[]): string {
  return command('pkg', ...(t.jail === undefined ? [] : ['-j', t.jail]), ...rest);
}

/**
 * The local database, where pkg.conf may move it (PKG_DBDIR), and pkg itself
 * (before bootstrap /usr/sbin/pkg only asks to fetch it). In a jail, all of
 * that is the jail's, so the jail names it.
 */
function databaseReads(t: PkgTarget): Scope[] {
  if (t.jail !== undefined) return [pkgScope(t.jail), jailScope(t.jail)];
  return [pkgScope(undefined), pathScope('/var/db/pkg'), pathScope('/usr/local/etc/pkg.conf'), pathScope('/usr/local/sbin/pkg')];
}

/** The dry run also reads the repository configuration: a copied repos file must be seen. */
function repositoryReads(t: PkgTarget): Scope[] {
  if (t.jail !== undefined) return databaseReads(t);
  return [...databaseReads(t), pathScope('/etc/pkg'), pathScope('/usr/local/etc/pkg')];
}

export function installedFact(t: PkgTarget, name: string): FactSpec<boolean> {
  const key = `pkg:${t.jail ?? ''}:${name}`;
  return {
    key,
    command: pkgWords(t, 'info', '-e', name),
    parse(out) {
      if (out.code === 0) return true;
      // `-e` is silent; anything on stderr (no such jail, pkg not bootstrapped) is an error.
      if (out.code === 1 && out.stderr.trim() === '') return false;
      throw new FactParseError(key, 'pkg info failed', out);
    },
    reads: databaseReads(t),
  };
}

/** What the dry run says; `unknown` keeps its output for the error message. */
export type Upgradable = { kind: 'current' } | { kind: 'pending' } | { kind: 'unknown'; detail: string };

/**
 * `pkg upgrade -n` exits 0 when nothing is to be done and 1 when it would
 * upgrade (pkg-upgrade(8); Ansible's pkgng module relies on the same). Exit 1
 * without the plan text ("to be UPGRADED") is a failure, not a pending upgrade.
 * The dry run refreshes the repository catalogue, as every pkg query does.
 */
export function upgradableFact(t: PkgTarget, name: string): FactSpec<Upgradable> {
  return {
    key: `pkg-upgrade:${t.jail ?? ''}:${name}`,
    command: pkgWords(t, 'upgrade', '-n', name),
    parse(out) {
      if (out.code === 0) return { kind: 'current' };
      if (out.code === 1 && /to be (UPGRADED|REINSTALLED)/.test(out.stdout)) return { kind: 'pending' };
      return { kind: 'unknown', detail: out.stderr.trim() || `exit ${out.code}` };
    },
    reads: repositoryReads(t),
  };
}

export function pkgFacts(args: PkgArgs): FactSpec[] {
  return args.name.flatMap((n) => [installedFact(args, n), ...(args.state === 'latest' ? [upgradableFact(args, n)] : [])]);
}
