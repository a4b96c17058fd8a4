/**
 * `transport: sim` hosts: a simulated FreeBSD host per inventory host, its
 * state kept in one JSON file under the state directory so a user can run a
 * playbook, run it again, and inspect the result (`jailfleet sim exec`).
 */
import { mkdirSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InventoryHost } from '../inventory/types.js';
import { SimHost } from '../sim/host.js';
import { freshHostState } from '../sim/seed.js';
import { loadState, saveState } from '../sim/state-file.js';
import type { SimState } from '../sim/types.js';
import { simSettings } from './sim-settings.js';
import { holdSimHost } from './sim-hold.js';
import { UnreachableError } from '../errors.js';

export { simSettings, type SimSettings } from './sim-settings.js';

export function simStatePath(stateDir: string, hostName: string): string {
  return join(stateDir, 'sim', `${hostName}.json`);
}

/** Load a simulated host from its state file, or build a fresh FreeBSD host. */
export function openSimHost(stateDir: string, host: InventoryHost): { sim: SimHost; save(): void } {
  const path = simStatePath(stateDir, host.name);
  const settings = simSettings(host);
  const state: SimState = loadedState(path, host.name) ?? freshHostState(settings);
  const sim = new SimHost(host.name, state);
  return {
    sim,
    save() {
      mkdirSync(join(stateDir, 'sim'), { recursive: true });
      saveState(path, sim.state);
    },
  };
}

/** The saved state; a file that is not JSON (edited by hand, cut off) is a host that does not come up. */
function loadedState(path: string, hostName: string): SimState | undefined {
  try {
    return loadState(path);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    throw new UnreachableError(hostName, 'connect', `the simulated host's state ${path} is not valid JSON; \`jailfleet sim reset ${hostName} -i INVENTORY\` starts it fresh`);
  }
}

/**
 * openSimHost for a process that may not be the only one on the state
 * directory: the host is held (sim-hold.ts) before its state is read, until
 * release(); another process holding it is waited for up to `waitMs`.
 */
export async function openHeldSimHost(stateDir: string, host: InventoryHost, waitMs: number): Promise<{ sim: SimHost; save(): void; release(): void }> {
  const release = await holdSimHost(host.name, simStatePath(stateDir, host.name), waitMs);
  try {
    return { ...openSimHost(stateDir, host), release };
  } catch (err) {
    release();
    throw err;
  }
}

/** Forget simulated hosts (all, or the named ones): the next run starts fresh. */
export function resetSimHosts(stateDir: string, names?: string[]): string[] {
  const dir = join(stateDir, 'sim');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const chosen = names?.length ? files.filter((f) => names.includes(f.slice(0, -'.json'.length))) : files;
  for (const f of chosen) rmSync(join(dir, f));
  return chosen.map((f) => f.slice(0, -'.json'.length));
}
