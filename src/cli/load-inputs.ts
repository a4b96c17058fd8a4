/**
 * Everything a command reads before it may talk to a host: config, inventory,
 * playbook, and their validation. Any problem is an InputError (exit 4) and
 * nothing has been sent anywhere.
 */
import { resolve, dirname } from 'node:path';
import { loadConfig, type JailfleetConfig } from '../config/load-config.js';
import { loadInventory } from '../inventory/load-inventory.js';
import type { Inventory } from '../inventory/types.js';
import { loadPlaybook } from '../playbook/load-playbook.js';
import type { Playbook } from '../playbook/types.js';
import { validatePlaybook } from '../playbook/validate.js';
import { moduleRegistry } from '../modules/registry.js';
import { InputError } from '../errors.js';
import { parseExtraVars } from './extra-vars.js';
import { checkHostPatterns } from './host-patterns.js';
import { renderPlayHosts } from './play-hosts.js';
import { startAtTask } from './start-at-task.js';

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
  /** -e, merged: above every other variable. */
  extraVars: Record<string, unknown>;
}

/** The command-line options that shape what a run reads (apply, check, validate, migrate, demo). */
export interface RunInputOptions {
  /** -e values as given, in order. */
  extraVars?: string[];
  limit?: string;
  startAtTask?: string;
}

export async function loadInputs(playbookFile: string, inventoryFile: string | undefined, cwd: string, run: RunInputOptions = {}): Promise<LoadedInputs> {
  return loadWith(inventoryFile, cwd, () => loadPlaybook(resolve(cwd, playbookFile), moduleRegistry), dirname(resolve(cwd, playbookFile)), run);
}

/** The same for a playbook a command builds itself (migrate): `parse` may throw InputError like a file would. */
export async function loadWith(inventoryFile: string | undefined, cwd: string, parse: () => Playbook, playbookDir: string, run: RunInputOptions = {}): Promise<LoadedInputs> {
  const config = await loadRunConfig(cwd);
  const inventory = loadInventory(inventoryPath(inventoryFile, config, cwd), { playbookDir });
  const extraVars = parseExtraVars(run.extraVars, cwd);
  const rendered = renderPlayHosts(parse(), extraVars);
  const errors = [...rendered.errors, ...validatePlaybook(rendered.playbook, inventory, moduleRegistry, extraVars)];
  const playbook = startingPoint(rendered.playbook, run.startAtTask, errors);
  const patterns = checkHostPatterns(playbook, inventory, run.limit);
  errors.push(...patterns.errors);
  if (errors.length) throw new InputErrors(errors);
  return { config, inventory, playbook, playbookDir, warnings: patterns.warnings, extraVars };
}

/** --start-at-task's cut of the playbook; an unknown task name joins the other input errors. */
function startingPoint(playbook: Playbook, name: string | undefined, errors: InputError[]): Playbook {
  if (name === undefined) return playbook;
  try {
    return startAtTask(playbook, name);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    errors.push(err);
    return playbook;
  }
}
