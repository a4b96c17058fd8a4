/**
 * `npm start`: the example rollout through the real SSH transport. The
 * simulated fleet is served over SSH on 127.0.0.1 (one port and host key per
 * host, strict host-key checking against the known_hosts it writes), and
 * the playbook is applied to it exactly as to a real fleet.
 */
import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { loadInputs, loadRunConfig } from '../load-inputs.js';
import { serveSimFleet } from './sim-serve.js';
import { applyCommand, type ApplyOptions } from './apply.js';
import type { ExitCode } from '../exit-codes.js';

export interface DemoOptions extends ApplyOptions {
  playbook?: string;
}

export async function demoCommand(opts: DemoOptions, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  const stateDir = resolve(io.cwd, opts.stateDir ?? config.stateDir);
  const inventory = resolve(io.cwd, opts.inventory ?? 'inventory/sim.yml');
  const playbook = opts.playbook ?? 'playbooks/site.yml';
  // Listing reads the inputs only: no fleet to serve.
  if (opts.listHosts || opts.listTasks) return applyCommand(playbook, { ...opts, inventory, stateDir }, io);
  // Bad input is exit 4 before a fleet is served or a line printed; the apply reads them again against the served inventory.
  await loadInputs(playbook, inventory, io.cwd, opts);
  const fleet = await serveSimFleet(inventory, { stateDir });
  try {
    io.err(`serving ${fleet.hosts.length} simulated FreeBSD hosts over SSH on 127.0.0.1 (${fleet.hosts.map((h) => `${h.name}:${h.port}`).join(', ')})\n`);
    return await applyCommand(playbook, { ...opts, inventory: fleet.inventoryPath, stateDir }, io);
  } finally {
    await fleet.close();
  }
}
