import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { looksLikeIni, readIniInventory } from './ini-inventory.js';
import { readRawInventory, type RawInventory } from './raw-inventory.js';
import { resolveInventory, type VarFiles } from './resolve-inventory.js';
import type { Inventory } from './types.js';
import { readVarsDir } from './vars-dirs.js';
import { parseYaml } from './yaml-source.js';

/** Reads an inventory's text, Ansible's INI format or YAML; `file` is used in error positions. */
function readRaw(text: string, file: string): RawInventory {
  // The ending decides where there is one (.yml/.yaml/.json: YAML; .ini: INI), else the text.
  const yaml = /\.(ya?ml|json)$/i.test(file);
  if (!yaml && (/\.ini$/i.test(file) || looksLikeIni(text))) return readIniInventory(text, file);
  return readRawInventory(parseYaml(text, file));
}

/** Parses an Ansible-style inventory (YAML or INI) without group_vars/host_vars. */
export function parseInventory(text: string, file: string): Inventory {
  return resolveInventory(readRaw(text, file), file);
}

export interface InventoryOptions {
  /** The playbook's directory: its group_vars/ and host_vars/ come after the inventory's. */
  playbookDir?: string;
}

/** What Ansible skips in an inventory directory (inventory_ignore_extensions), and the vars directories. */
const IGNORED = /(~|\.(orig|bak|swp|retry|md|txt|rst|cfg|pyc|pyo))$/;

/**
 * An inventory file, or a directory of them (each read, all merged, as
 * Ansible does with a directory given as -i), with the group_vars/ and
 * host_vars/ beside it and beside the playbook.
 */
export function loadInventory(path: string, opts: InventoryOptions = {}): Inventory {
  const isDir = statOf(path)?.isDirectory() ?? false;
  const files = isDir
    ? readdirSync(path)
        .sort()
        .filter((f) => !f.startsWith('.') && f !== 'group_vars' && f !== 'host_vars' && !IGNORED.test(f))
        .map((f) => join(path, f))
        .filter((f) => statOf(f)?.isFile())
    : [path];
  if (isDir && files.length === 0) throw new InputError(`inventory directory ${path} holds no inventory file`);
  const raw = files.map((f) => readRaw(readInput(f, 'inventory'), f)).reduce(mergeRaw);
  const dirs = [...new Set([resolve(isDir ? path : dirname(path)), ...(opts.playbookDir ? [resolve(opts.playbookDir)] : [])])];
  const varFiles: VarFiles = { groups: dirs.map((d) => readVarsDir(join(d, 'group_vars'))), hosts: dirs.map((d) => readVarsDir(join(d, 'host_vars'))) };
  return resolveInventory(raw, path, varFiles);
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Two inventory files as one: groups and hosts by name, later files' variables winning. */
function mergeRaw(a: RawInventory, b: RawInventory): RawInventory {
  for (const [name, g] of b.groups) {
    const into = a.groups.get(name);
    if (!into) {
      a.groups.set(name, g);
      continue;
    }
    for (const h of g.hosts) if (!into.hosts.includes(h)) into.hosts.push(h);
    for (const e of g.children) if (!into.children.some((x) => x.child === e.child)) into.children.push(e);
    Object.assign(into.vars, g.vars);
    Object.assign(into.varPos, g.varPos);
  }
  for (const [name, h] of b.hosts) {
    const into = a.hosts.get(name);
    if (into) into.layers.push(...h.layers);
    else a.hosts.set(name, h);
  }
  return a;
}

/** Reads an input file; a missing or unreadable file is bad input, not a crash. */
export function readInput(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new InputError(`cannot read ${what} ${file}: ${reason}`);
  }
}
