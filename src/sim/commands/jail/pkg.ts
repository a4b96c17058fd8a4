/**
 * pkg(8): install, info, delete, autoremove, query on the host, in a jail
 * (-j), in a root directory (-r: "pkg will install all packages within the
 * specified root directory", pkg.8) or in a chroot (-c: "pkg will chroot in
 * the <chroot path> environment"; freebsd/pkg src/main.c for its checks
 * and messages; the packages' scripts, which would run inside it, are not
 * modelled, so -c and -r reach the same database the same way), against the small catalogue in pkg-catalogue.ts. -j and -r
 * reach the same database when the jail's root is the directory
 * (pkg-db.ts). Output follows pkg 1.21's shape, shortened (no sizes or
 * download progress).
 */
import { dirname } from '../../fs.js';
import type { SimCommand, SimCommandContext } from '../../types.js';
import { Io } from './io.js';
import { runningJail } from './jail-ops.js';
import { CATALOGUE } from './pkg-catalogue.js';
import { pkgTargetAt, type PkgTarget } from './pkg-db.js';
import { query, setAutomatic } from './pkg-query.js';

type Target = PkgTarget;

const REPO_UPDATE = 'Updating FreeBSD repository catalogue...\nFreeBSD repository is up to date.\nAll repositories are up to date.\n';

function installed(ctx: SimCommandContext, t: Target): Record<string, string> {
  const all = ctx.host.state.packages;
  all[t.key] ??= {};
  return all[t.key]!;
}

function confirmed(ctx: SimCommandContext, yes: boolean, io: Io): boolean {
  if (yes || /^(yes|true|1)$/i.test(ctx.env.ASSUME_ALWAYS_YES ?? '') || /^y/i.test(ctx.stdin)) return true;
  // INFERRED: with no answer on stdin pkg takes the default (N) and gives up.
  io.print('\nProceed with this action? [y/N]: \n');
  return false;
}

function install(ctx: SimCommandContext, t: Target, args: string[], io: Io): number {
  const yes = args.includes('-y') || args.includes('--yes');
  const names = args.filter((a) => !a.startsWith('-'));
  const have = installed(ctx, t);
  io.print(REPO_UPDATE);
  for (const n of names) {
    if (!CATALOGUE[n]) {
      io.warn('pkg', `No packages available to install matching '${n}' have been found in the repositories`);
      return 1;
    }
  }
  const todo = [...new Set(names)].filter((n) => have[n] === undefined);
  io.print('Checking integrity... done (0 conflicting)\n');
  if (!todo.length) {
    io.print('The most recent versions of packages are already installed\n');
    return 0;
  }
  io.print(`The following ${todo.length} package(s) will be affected (of 0 checked):\n\nNew packages to be INSTALLED:\n`);
  for (const n of todo) io.print(`\t${n}: ${CATALOGUE[n]!.version}\n`);
  io.print(`\nNumber of packages to be installed: ${todo.length}\n`);
  if (!confirmed(ctx, yes, io)) return 1;
  const fs = ctx.host.fs;
  todo.forEach((n, i) => {
    const entry = CATALOGUE[n]!;
    const tag = `[${i + 1}/${todo.length}]`;
    io.print(`${tag} Installing ${n}-${entry.version}...\n${tag} Extracting ${n}-${entry.version}: 100%\n`);
    for (const [path, content, mode] of entry.files) {
      const host = fs.resolve(t.root, '/', path);
      fs.mkdir(dirname(host), { parents: true });
      // Config files a user already has are kept (pkg installs NAME.sample and leaves NAME alone).
      if (fs.exists(host) && path.includes('/etc/') && !path.includes('/rc.d/')) continue;
      fs.writeFile(host, content, { mode });
      fs.chmod(host, mode);
    }
    have[n] = entry.version;
    // Installed by name: %a = 0, unless -A ("Mark the installed packages as automatic", pkg-install.8).
    setAutomatic(ctx.host.state, t.key, n, args.includes('-A'));
  });
  return 0;
}

function remove(ctx: SimCommandContext, t: Target, args: string[], io: Io): number {
  const yes = args.includes('-y') || args.includes('--yes');
  const names = args.filter((a) => !a.startsWith('-'));
  const have = installed(ctx, t);
  const todo = names.filter((n) => have[n] !== undefined);
  for (const n of names) if (have[n] === undefined) io.warn('pkg', `No packages matched for pattern '${n}'`);
  if (!todo.length) {
    io.print('\nChecking integrity... done (0 conflicting)\n');
    return 1; // INFERRED: nothing matched is a failure
  }
  io.print('Checking integrity... done (0 conflicting)\n');
  io.print(`Deinstallation has been requested for the following ${todo.length} packages (of 0 packages in the universe):\n\nInstalled packages to be REMOVED:\n`);
  for (const n of todo) io.print(`\t${n}: ${have[n]}\n`);
  io.print(`\nNumber of packages to be removed: ${todo.length}\n`);
  if (!confirmed(ctx, yes, io)) return 1;
  deinstall(ctx, t, todo, io);
  return 0;
}

function deinstall(ctx: SimCommandContext, t: Target, todo: string[], io: Io): void {
  const have = installed(ctx, t);
  const fs = ctx.host.fs;
  todo.forEach((n, i) => {
    io.print(`[${i + 1}/${todo.length}] Deinstalling ${n}-${have[n]}...\n[${i + 1}/${todo.length}] Deleting files for ${n}-${have[n]}: 100%\n`);
    for (const [path] of CATALOGUE[n]?.files ?? []) {
      const host = fs.resolve(t.root, '/', path);
      if (fs.lstat(host)) fs.remove(host);
    }
    delete have[n];
    setAutomatic(ctx.host.state, t.key, n, false);
  });
}

/**
 * pkg-autoremove(8), as freebsd/pkg src/autoremove.c: the automatic
 * packages nothing depends on (the catalogue has no dependencies, so every
 * automatic one); "Nothing to do." and exit 0 when there are none; -n
 * lists them and, with no -y to say yes, exits 1 (`if (!yes && !rc)
 * retcode = EXIT_FAILURE`).
 */
function autoremove(ctx: SimCommandContext, t: Target, args: string[], io: Io): number {
  const yes = args.includes('-y') || args.includes('--yes') || /^(yes|true|1)$/i.test(ctx.env.ASSUME_ALWAYS_YES ?? '');
  const dryRun = args.includes('-n') || args.includes('--dry-run');
  const have = installed(ctx, t);
  const todo = (ctx.host.state.packagesAutomatic?.[t.key] ?? []).filter((n) => have[n] !== undefined);
  if (!todo.length) {
    io.print('Nothing to do.\n');
    return 0;
  }
  io.print(`Deinstallation has been requested for the following ${todo.length} packages:\n\nInstalled packages to be REMOVED:\n`);
  for (const n of todo) io.print(`\t${n}: ${have[n]}\n`);
  io.print(`\nNumber of packages to be removed: ${todo.length}\n`);
  if (dryRun) return yes ? 0 : 1;
  if (!confirmed(ctx, yes, io)) return 1;
  deinstall(ctx, t, todo, io);
  return 0;
}

function info(ctx: SimCommandContext, t: Target, args: string[], io: Io): number {
  const have = installed(ctx, t);
  const names = args.filter((a) => !a.startsWith('-'));
  if (args.includes('-e') || args.includes('--exists')) return names.length && names.every((n) => have[n] !== undefined) ? 0 : 1;
  const list = names.length ? names : Object.keys(have).sort();
  let code = 0;
  for (const n of list) {
    if (have[n] === undefined) {
      io.warn('pkg', `No package(s) matching ${n}`);
      code = 1;
      continue;
    }
    io.print(`${`${n}-${have[n]}`.padEnd(30)} ${CATALOGUE[n]?.comment ?? ''}\n`);
  }
  return code;
}

const USAGE =
  'Usage: pkg [-v] [-d] [-l] [-N] [-j <jail name or id>|-c <chroot path>|-r <rootdir>] [-C <configuration file>] [-R <repo config dir>] [-o var=value] [-4|-6] <command> [<args>]\n' +
  "\nFor more information on available commands and options see 'pkg help'.\n";

interface GlobalOptions {
  jail?: string;
  rootdir?: string;
  chroot?: string;
}

const LONG_OPTIONS: Record<string, 'j' | 'r' | 'c'> = { jail: 'j', rootdir: 'r', chroot: 'c' };

/** pkg's global options (main.c getopt_long "+dj:c:C:R:r:lNvo:46"): the jail, root directory or chroot asked for. */
function globalOptions(args: string[]): GlobalOptions {
  const found: GlobalOptions = {};
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const opt = args.shift()!;
    if (opt === '--') break;
    const long = /^--(jail|rootdir|chroot)(?:=(.*))?$/.exec(opt);
    const short = /^-([jrc])(.*)$/.exec(opt);
    if (!long && !short) continue; // other options: accepted, not modelled
    const which = long ? LONG_OPTIONS[long[1]!]! : (short![1] as 'j' | 'r' | 'c');
    const value = (long ? long[2] : short![2] || undefined) ?? args.shift() ?? '';
    if (which === 'j') found.jail = value;
    else if (which === 'r') found.rootdir = value;
    else found.chroot = value;
  }
  return found;
}

/** The system pkg works on: the caller's own, a running jail's (-j), or a root directory (-r). */
function targetOf(ctx: SimCommandContext, args: string[], io: Io): Target | undefined {
  const { jail: name, rootdir, chroot } = globalOptions(args);
  if ([name, rootdir, chroot].filter((v) => v !== undefined).length > 1) {
    io.err += `pkg: -j, -c and/or -r cannot be used at the same time!\n\n${USAGE}`;
    return undefined;
  }
  if (name !== undefined) {
    const jail = runningJail(ctx.host.state, name);
    if (!jail) {
      io.warn('pkg', `jail "${name}" not found`);
      return undefined;
    }
    return pkgTargetAt(ctx, jail.path);
  }
  // main.c: -c is `if (chroot(chroot_path) == -1) err(EXIT_FAILURE, "chroot failed")`;
  // -r is err(EXIT_FAILURE, "Invalid rootdir") when realpath(3) fails, errx "chdir() failed" for a non-directory.
  if (chroot !== undefined) return directoryTarget(ctx, chroot, io, ['chroot failed: No such file or directory', 'chroot failed: Not a directory']);
  if (rootdir !== undefined) return directoryTarget(ctx, rootdir, io, ['Invalid rootdir: No such file or directory', 'chdir() failed']);
  return pkgTargetAt(ctx, ctx.root);
}

/** The system rooted at a directory (-c, -r), or the message pkg gives when it is missing or not a directory. */
function directoryTarget(ctx: SimCommandContext, path: string, io: Io, [missing, notDir]: [string, string]): Target | undefined {
  const fs = ctx.host.fs;
  const host = fs.resolve(ctx.root, ctx.cwd, path);
  if (!fs.stat(host) || !fs.isDir(host)) {
    io.warn('pkg', fs.stat(host) ? notDir : missing);
    return undefined;
  }
  return pkgTargetAt(ctx, fs.realpath(host, ctx.root));
}

export const pkgCommand: SimCommand = (ctx) => {
  const io = new Io();
  const args = ctx.argv.slice(1);
  const target = targetOf(ctx, args, io);
  if (!target) return io.result(1);
  const [verb, ...rest] = args;
  const handlers: Record<string, (c: SimCommandContext, t: Target, a: string[], o: Io) => number> = { install, add: install, info, delete: remove, remove, autoremove, query };
  const handler = verb === undefined ? undefined : handlers[verb];
  if (!handler) {
    io.warn('pkg', `unknown command: ${verb ?? ''}`);
    return io.result(1);
  }
  return io.result(handler(ctx, target, rest, io));
};
