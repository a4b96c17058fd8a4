import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { readRawInventory } from './raw-inventory.js';
import { resolveInventory } from './resolve-inventory.js';
import type { Inventory } from './types.js';
import { parseYaml } from './yaml-source.js';

/** Parses an Ansible-style YAML inventory; `file` is used in error positions. */
export function parseInventory(text: string, file: string): Inventory {
  const src = parseYaml(text, file);
  return resolveInventory(readRawInventory(src), file);
}

export function loadInventory(file: string): Inventory {
  return parseInventory(readInput(file, 'inventory'), file);
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
