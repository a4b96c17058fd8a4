/**
 * Everything a command reads before it may talk to a host: config, inventory,
 * playbook, and their validation. Any problem is an InputError (exit 4) and
 * nothing has been sent anywhere.
 */
import { resolve, dirname } from 'node:path';
import { loadConfig, type JailfleetConfig } from '../config/load-config.js';
import { connectionProblems } from '../inventory/connection.js';
import { loadInventory, readInput } from '../inventory/load-inventory.js';
import type { Inventory } from '../inventory/types.js';
import { readPlaybook } from '../playbook/load-playbook.js';
import type { Playbook } from '../playbook/types.js';
import { validatePlaybook } from '../playbook/validate.js';
import { templateSrcProblems } from '../playbook/template-src-check.js';
import { moduleSchemas } from '../modules/schemas.js';
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
  const file = resolve(cwd, playbookFile);
  return loadWith(inventoryFile, cwd, () => readWholePlaybook(file), dirname(file), run);
}

/** A playbook file with every problem found in it, not only the first. */
function readWholePlaybook(file: string): Playbook {
  const { playbook, problems } = readPlaybook(readInput(file, 'playbook'), file, moduleSchemas);
  throwAll(problems);
  return playbook;
}

/**
 * The inventory of a command without a playbook (run, facts, snapshots,
 * inventory), with every host's connection problems reported together, as
 * validate and apply report them (loadWith), not only the first one met.
 */
export function loadCheckedInventory(inventoryFile: string | undefined, config: JailfleetConfig, cwd: string): Inventory {
  const inventory = loadInventory(inventoryPath(inventoryFile, config, cwd));
  throwAll(inventoryProblems(inventory));
  return inventory;
}

/** Nothing if there are no problems; the one, or all of them (each on its own line). */
function throwAll(problems: InputError[]): void {
  if (problems.length > 1) throw new InputErrors(problems);
  if (problems[0]) throw problems[0];
}

/** The same for a playbook a command builds itself (migrate): `parse` may throw InputError like a file would. */
export async function loadWith(inventoryFile: string | undefined, cwd: string, parse: () => Playbook, playbookDir: string, run: RunInputOptions = {}): Promise<LoadedInputs> {
  const config = await loadRunConfig(cwd);
  // The inventory's and the playbook's problems are reported together, so one run shows them all.
  const errors: InputError[] = [];
  const inventory = collect(errors, () => loadInventory(inventoryPath(inventoryFile, config, cwd), { playbookDir }));
  if (inventory) errors.push(...inventoryProblems(inventory));
  const extraVars = parseExtraVars(run.extraVars, cwd);
  const parsed = collect(errors, parse);
  if (!inventory || !parsed) throw errors.length === 1 && errors[0] ? errors[0] : new InputErrors(errors);
  const rendered = renderPlayHosts(parsed, extraVars);
  errors.push(...rendered.errors, ...validatePlaybook(rendered.playbook, inventory, moduleSchemas, extraVars, playbookDir));
  errors.push(...templateSrcProblems(rendered.playbook, playbookDir));
  const playbook = startingPoint(rendered.playbook, run.startAtTask, errors);
  const patterns = checkHostPatterns(playbook, inventory, run.limit);
  errors.push(...patterns.errors);
  if (errors.length) throw new InputErrors(errors);
  return { config, inventory, playbook, playbookDir, warnings: patterns.warnings, extraVars };
}

/** fn's result, or undefined with its InputError(s) added to errors. */
function collect<T>(errors: InputError[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (err instanceof InputErrors) errors.push(...err.errors);
    else if (err instanceof InputError) errors.push(err);
    else throw err;
    return undefined;
  }
}

/** Every host's connection problems (a group's bad ssh_port once, not once per host), in host order. */
export function inventoryProblems(inventory: Inventory): InputError[] {
  const seen = new Set<string>();
  const out: InputError[] = [];
  for (const host of inventory.hosts.values()) {
    for (const problem of connectionProblems(host)) {
      if (seen.has(problem.message)) continue;
      seen.add(problem.message);
      out.push(problem);
    }
  }
  return out;
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
