/**
 * What pkg reads: one `pkg info -e NAME` per package (exit 0 installed, 1 not,
 * pkg-info(8)), for state latest one `pkg upgrade -n NAME` dry run, and for
 * autoremove one `pkg autoremove -n`. Keys "pkg:TARGET:NAME" (TARGET: the
 * jail, "-r DIR", "-c DIR" or "" for the host) let a later task see an
 * earlier task's install.
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { jailScope, pathScope, pkgScope } from '../scopes.js';
import type { FactSpec, Scope } from '../types.js';
import type { PkgArgs } from './args.js';

export interface PkgTarget {
  jail?: string;
  rootdir?: string;
  chroot?: string;
}

/** pkg's global option choosing the system it works on (pkg.8 -j, -r, -c), or none for the host. */
function targetOption(t: PkgTarget): string[] {
  if (t.jail !== undefined) return ['-j', t.jail];
  if (t.rootdir !== undefined) return ['-r', t.rootdir];
  if (t.chroot !== undefined) return ['-c', t.chroot];
  return [];
}

/** The target in fact keys: a jail name never starts with "-" (jailArg). */
export function targetKey(t: PkgTarget): string {
  return targetOption(t).join(' ');
}

export function pkgWords(t: PkgTarget, ...rest: string[]): string {
  return command('pkg', ...targetOption(t), ...rest);
}

/**
 * The local database, where pkg.conf may move it (PKG_DBDIR), and pkg itself
 * (before bootstrap /usr/sbin/pkg only asks to fetch it). In a jail, all of
 * that is the jail's, so the jail names it.
 */
function databaseReads(t: PkgTarget): Scope[] {
  if (t.jail !== undefined) return [pkgScope(t.jail), jailScope(t.jail)];
  // In a chroot everything pkg reads is below it; -r reads the host's pkg and pkg.conf too.
  if (t.chroot !== undefined) return [pathScope(t.chroot)];
  if (t.rootdir !== undefined) return [pathScope(t.rootdir), pathScope('/usr/local/etc/pkg.conf'), pathScope('/usr/local/sbin/pkg')];
  return [pkgScope(undefined), pathScope('/var/db/pkg'), pathScope('/usr/local/etc/pkg.conf'), pathScope('/usr/local/sbin/pkg')];
}

/** The dry run also reads the repository configuration: a copied repos file must be seen. */
function repositoryReads(t: PkgTarget): Scope[] {
  if (t.jail !== undefined || t.chroot !== undefined) return databaseReads(t);
  return [...databaseReads(t), pathScope('/etc/pkg'), pathScope('/usr/local/etc/pkg')];
}

export function installedFact(t: PkgTarget, name: string): FactSpec<boolean> {
  const key = `pkg:${targetKey(t)}:${name}`;
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
    key: `pkg-upgrade:${targetKey(t)}:${name}`,
    command: pkgWords(t, 'upgrade', '-n', name),
    parse(out) {
      if (out.code === 0) return { kind: 'current' };
      if (out.code === 1 && /to be (UPGRADED|REINSTALLED)/.test(out.stdout)) return { kind: 'pending' };
      return { kind: 'unknown', detail: out.stderr.trim() || `exit ${out.code}` };
    },
    reads: repositoryReads(t),
  };
}

/** The automatic packages `pkg autoremove` would remove, or why that is not known. */
export type Orphans = { kind: 'list'; names: string[] } | { kind: 'unknown'; detail: string };

/**
 * freebsd/pkg src/autoremove.c: "Nothing to do." and exit 0 when nothing is
 * to go (with an ASSUME_ALWAYS_YES pkg.conf also after the list); otherwise the jobs summary ("Installed packages to be REMOVED:"
 * then a tab, NAME: VERSION per package), and exit 1 in a dry run without
 * -y (`if (!yes && !rc) retcode = EXIT_FAILURE`). Ansible's pkgng reads the
 * same dry run.
 */
export function orphansFact(t: PkgTarget): FactSpec<Orphans> {
  return {
    key: `pkg-autoremove:${targetKey(t)}`,
    command: pkgWords(t, 'autoremove', '-n'),
    parse(out) {
      const listed = /to be REMOVED:\n((?:\t.*\n)+)/.exec(out.stdout);
      if (out.code <= 1 && listed) return { kind: 'list', names: [...listed[1]!.matchAll(/^\t(\S+?): /gm)].map((m) => m[1]!) };
      // "Nothing to do." (or, with no database, "No packages installed.  Nothing to do!" on stderr).
      if (out.code === 0) return { kind: 'list', names: [] };
      return { kind: 'unknown', detail: out.stderr.trim() || `exit ${out.code}` };
    },
    reads: databaseReads(t),
  };
}

export function pkgFacts(args: PkgArgs): FactSpec[] {
  return [
    ...args.name.flatMap((n) => [installedFact(args, n), ...(args.state === 'latest' ? [upgradableFact(args, n)] : [])]),
    ...(args.autoremove ? [orphansFact(args)] : []),
  ];
}
