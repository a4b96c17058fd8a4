/**
 * Powering a simulated host off. `shutdown -p now` (commands/freebsd/
 * shutdown.ts) only asks for it, as shutdown(8) only signals init(8): the
 * host goes off once the exec that ran the command ends (SimHost.exec,
 * SimExecRun). What is gone then is what a power-off takes: every process,
 * every running jail, and the mounts jail(8) made under their roots. The
 * files stay. An off host refuses connections (transport.ts, serve-exec.ts,
 * `jailfleet sim exec`); nothing powers it back on but `jailfleet sim reset`.
 */
import { normalize } from './fs.js';
import type { SimState } from './types.js';

export function isPoweredOff(state: SimState): boolean {
  return state.power === 'off';
}

/** shutdown -p: init is told to power the machine off. */
export function requestPowerOff(state: SimState): void {
  if (state.power === undefined) state.power = 'stopping';
}

/** The exec that asked for a power-off ended: the host is off now. */
export function settlePower(state: SimState): void {
  if (state.power !== 'stopping') return;
  state.power = 'off';
  const roots = state.jails.map((j) => normalize(j.path));
  const underJail = (on: string) => roots.some((r) => on === r || on.startsWith(`${r}/`));
  state.processes = [];
  state.jails = [];
  state.mounts = state.mounts.filter((m) => !underJail(normalize(m.on)));
}
