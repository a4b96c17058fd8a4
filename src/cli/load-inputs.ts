/**
 * Everything a command reads before it may talk to a host: config, inventory,
 * playbook, and their validation. Any problem is an InputError (exit 4) and
 * nothing has been sent anywhere.
 */
import { resolve, dirname } from 'node:path';
import { loadConfig, type JailfleetConfig } from '../config/load-config.js';
import { loadInventory } from '../inventory/load-inventory.js';
import { unmatchedPatterns } from '../inventory/pattern.js';
import type { Inventory } from '../inventory/types.js';
import { loadPlaybook } from '../playbook/load-playbook.js';
import type { Playbook } from '../playbook/types.js';
import { validatePlaybook } from '../playbook/validate.js';
import { moduleRegistry } from '../modules/registry.js';
import { InputError } from '../errors.js';

export class InputErrors extends InputError {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

export async function loadRunConfig(cwd: string): Promise<JailfleetConfig> {
  return loadConfig(cwd);
}

export function inventoryPath(cliValue: string | undefined, config: JailfleetConfig, cwd: string): string {
  const path = cliValue ?? config.inventory;
  if (!path) throw new InputError('no inventory: pass -i INVENTORY or set "inventory" in the jailfleet config');
  return resolve(cwd, path);
}

export interface LoadedInputs {
  config: JailfleetConfig;
  inventory: Inventory;
  playbook: Playbook;
  playbookDir: string;
  warnings: string[];
}

export async function loadInputs(playbookFile: string, inventoryFile: string | undefined, cwd: string): Promise<LoadedInputs> {
  return loadWith(inventoryFile, cwd, () => loadPlaybook(resolve(cwd, playbookFile), moduleRegistry), dirname(resolve(cwd, playbookFile)));
}

/** The same for a playbook a command builds itself (migrate): `parse` may throw InputError like a file would. */
export async function loadWith(inventoryFile: string | undefined, cwd: string, parse: () => Playbook, playbookDir: string): Promise<LoadedInputs> {
  const config = await loadRunConfig(cwd);
  const inventory = loadInventory(inventoryPath(inventoryFile, config, cwd));
  const playbook = parse();
  const errors = validatePlaybook(playbook, inventory, moduleRegistry);
  if (errors.length) throw new InputErrors(errors);
  const warnings = playbook.plays.flatMap((p) =>
    unmatchedPatterns(inventory, p.hosts).map((u) => `play "${p.name}": pattern "${u}" matches no host`),
  );
  return { config, inventory, playbook, playbookDir, warnings };
}
