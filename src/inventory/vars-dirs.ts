/**
 * group_vars/ and host_vars/ beside an inventory or a playbook, as Ansible
 * reads them: for a group or host NAME, the file NAME, NAME.yml, NAME.yaml
 * or NAME.json, or a directory NAME/ whose files (those same endings, in
 * name order) are read one after the other, later ones winning. Each file
 * is a YAML map of variables, and errors name its line and column.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { InputError } from '../errors.js';
import { readVars, type RawVars } from './raw-inventory.js';
import { nodePos, parseYaml, toJs, yamlTypeName } from './yaml-source.js';

const ENDINGS = ['', '.yml', '.yaml', '.json'];

/** One directory's group_vars (or host_vars): variables by group (or host) name. */
export function readVarsDir(dir: string): Map<string, RawVars> {
  const out = new Map<string, RawVars>();
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    const name = ENDINGS.slice(1).reduce((n, e) => (n.endsWith(e) ? n.slice(0, -e.length) : n), entry);
    const layer = isDirectory(path) ? readDirFiles(path) : ENDINGS.some((e) => e !== '' && entry.endsWith(e)) || !entry.includes('.') ? readFile(path) : undefined;
    if (!layer) continue;
    const prev = out.get(name);
    out.set(name, prev ? { vars: { ...prev.vars, ...layer.vars }, varPos: { ...prev.varPos, ...layer.varPos } } : layer);
  }
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readDirFiles(dir: string): RawVars {
  const merged: RawVars = { vars: {}, varPos: {} };
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || !(ENDINGS.some((e) => e !== '' && entry.endsWith(e)) || !entry.includes('.'))) continue;
    const path = join(dir, entry);
    if (isDirectory(path)) continue;
    const layer = readFile(path);
    Object.assign(merged.vars, layer.vars);
    Object.assign(merged.varPos, layer.varPos);
  }
  return merged;
}

function readFile(path: string): RawVars {
  const src = parseYaml(readFileSync(path, 'utf8'), path);
  const root = src.doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { vars: {}, varPos: {} };
  if (!isMap(root)) throw new InputError(`a vars file must be a map of variables, got ${yamlTypeName(toJs(src, root))}`, nodePos(src, root));
  return readVars(src, root, `variables in ${path}`);
}
