/**
 * Which package database a pkg(8) run uses. On FreeBSD it is the file
 * ROOT/var/db/pkg/local.sqlite of the system pkg works on, so `pkg -r DIR`
 * and `pkg -j JAIL` (jail_attach, then the jail's own /var/db/pkg) see the
 * same packages when the jail's root is DIR. The simulator keeps databases
 * in SimState.packages, keyed by the host path of that root ("" for the
 * host's "/", as state files have always had it). State files written
 * before root keys keyed a jail's database by jail name: such an entry is
 * moved to its root key the first time pkg reaches it through a running
 * jail of that name rooted there.
 */
import type { SimCommandContext, SimState } from '../../types.js';

export interface PkgTarget {
  /** SimState.packages key: "" for the host, else the root's host path. */
  key: string;
  /** Host path of the root pkg installs into. */
  root: string;
}

/** The database key of a root given as a host path (links followed, as realpath(3) in pkg main.c). */
export function pkgKeyOf(ctx: SimCommandContext, hostRoot: string): string {
  const real = ctx.host.fs.realpath(hostRoot);
  return real === '/' ? '' : real;
}

/** Move a jail-name-keyed database (older state files) to `key`, unless one is there already. */
function adoptLegacy(state: SimState, name: string, key: string): void {
  if (key === '' || state.packages[key] !== undefined || state.packages[name] === undefined) return;
  state.packages[key] = state.packages[name]!;
  delete state.packages[name];
  const auto = state.packagesAutomatic?.[name];
  if (state.packagesAutomatic && auto) {
    state.packagesAutomatic[key] = auto;
    delete state.packagesAutomatic[name];
  }
}

/** The target for a root given as a host path: its key, with a legacy entry of a jail rooted there adopted. */
export function pkgTargetAt(ctx: SimCommandContext, hostRoot: string): PkgTarget {
  const key = pkgKeyOf(ctx, hostRoot);
  const state = ctx.host.state;
  for (const j of state.jails) if (pkgKeyOf(ctx, j.path) === key) adoptLegacy(state, j.name, key);
  if (ctx.jail !== undefined && pkgKeyOf(ctx, ctx.root) === key) adoptLegacy(state, ctx.jail, key);
  return { key, root: key === '' ? '/' : key };
}
