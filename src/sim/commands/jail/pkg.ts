/**
 * pkg(8): install, info, delete on the host or in a jail (-j), against the
 * small catalogue in pkg-catalogue.ts. Output follows pkg 1.21's shape,
 * shortened (no sizes or download progress).
 */
import { dirname } from '../../fs.js';
import type { SimCommand, SimCommandContext } from '../../types.js';
import { Io } from './io.js';
import { runningJail } from './jail-ops.js';
import { CATALOGUE } from './pkg-catalogue.js';
import { query, setAutomatic } from './pkg-query.js';

interface Target {
  key: string;
  root: string;
}

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
    setAutomatic(ctx.host.state, t.key, n, false); // installed by name: %a = 0 (the catalogue has no dependencies)
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
  const fs = ctx.host.fs;
  todo.forEach((n, i) => {
    io.print(`[${i + 1}/${todo.length}] Deinstalling ${n}-${have[n]}...\n[${i + 1}/${todo.length}] Deleting files for ${n}-${have[n]}: 100%\n`);
    for (const [path] of CATALOGUE[n]?.files ?? []) {
      const host = fs.resolve(t.root, '/', path);
      if (fs.lstat(host)) fs.remove(host);
    }
    delete have[n];
  });
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

export const pkgCommand: SimCommand = (ctx) => {
  const io = new Io();
  const args = ctx.argv.slice(1);
  let target: Target = { key: ctx.jail ?? '', root: ctx.root };
  while (args[0]?.startsWith('-')) {
    const opt = args.shift()!;
    if (opt !== '-j' && !opt.startsWith('-j')) continue;
    const name = opt === '-j' ? args.shift() : opt.slice(2);
    const jail = name === undefined ? undefined : runningJail(ctx.host.state, name);
    if (!jail) {
      io.warn('pkg', `jail "${name ?? ''}" not found`);
      return io.result(1);
    }
    target = { key: jail.name, root: jail.path };
  }
  const [verb, ...rest] = args;
  const handlers: Record<string, (c: SimCommandContext, t: Target, a: string[], o: Io) => number> = { install, add: install, info, delete: remove, remove, query };
  const handler = verb === undefined ? undefined : handlers[verb];
  if (!handler) {
    io.warn('pkg', `unknown command: ${verb ?? ''}`);
    return io.result(1);
  }
  return io.result(handler(ctx, target, rest, io));
};
