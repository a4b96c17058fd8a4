/**
 * First pass over an inventory file: collect groups, hosts, edges and
 * variables with their positions, exactly as written. Merging happens later
 * (resolve.ts) once the whole group graph is known.
 */
import { isMap, isScalar, type YAMLMap } from 'yaml';
import { InputError, type SourcePos } from '../errors.js';
import { expandHostRange } from './host-range.js';
import { checkName } from './names.js';
import { deref, keyPos, mapEntries, nodePos, toJs, yamlTypeName, type YamlSource } from './yaml-source.js';

export interface RawVars {
  vars: Record<string, unknown>;
  varPos: Record<string, SourcePos>;
}

export interface RawEdge {
  child: string;
  pos: SourcePos;
}

export interface RawGroup extends RawVars {
  name: string;
  pos: SourcePos;
  hosts: string[];
  children: RawEdge[];
}

export interface RawHost {
  name: string;
  pos: SourcePos;
  /** Host-level variable blocks in file order (a host may be listed several times). */
  layers: RawVars[];
}

export interface RawInventory {
  groups: Map<string, RawGroup>;
  hosts: Map<string, RawHost>;
}

const GROUP_KEYS = ['hosts', 'children', 'vars'];

export function readRawInventory(src: YamlSource): RawInventory {
  const raw: RawInventory = { groups: new Map(), hosts: new Map() };
  const root = src.doc.contents;
  // "all" exists even when the file never names it: every host is in it.
  ensureGroup(raw, 'all', nodePos(src, root));
  if (root === null || (isScalar(root) && root.value === null)) return raw;
  if (!isMap(root)) {
    throw new InputError(`an inventory must be a map of groups (like "all:"), got ${yamlTypeName(toJs(src, root))}`, nodePos(src, root));
  }
  for (const entry of mapEntries(root)) {
    const name = checkName('group', entry.key, nodePos(src, entry.keyNode));
    // Top-level groups other than "all" are children of "all", as in Ansible.
    readGroup(src, raw, name, entry.keyNode, entry.valueNode, name === 'all' ? undefined : 'all');
  }
  return raw;
}

export function ensureGroup(raw: RawInventory, name: string, pos: SourcePos): RawGroup {
  const existing = raw.groups.get(name);
  if (existing) return existing;
  const group: RawGroup = { name, pos, hosts: [], children: [], vars: {}, varPos: {} };
  raw.groups.set(name, group);
  return group;
}

function readGroup(
  src: YamlSource,
  raw: RawInventory,
  name: string,
  keyNode: unknown,
  valueNode: unknown,
  parent: string | undefined,
): void {
  const namePos = nodePos(src, keyNode);
  const group = ensureGroup(raw, name, namePos);
  if (parent !== undefined) {
    const edges = ensureGroup(raw, parent, namePos).children;
    if (!edges.some((e) => e.child === name)) edges.push({ child: name, pos: namePos });
  }
  const body = deref(src, valueNode);
  if (isEmpty(body)) return;
  if (!isMap(body)) {
    throw new InputError(
      `group "${name}" must be a map with hosts, children or vars, got ${yamlTypeName(toJs(src, body))}`,
      nodePos(src, body),
    );
  }
  for (const entry of mapEntries(body)) {
    const section = deref(src, entry.valueNode);
    switch (entry.key) {
      case 'hosts':
        readHosts(src, raw, group, section);
        break;
      case 'children':
        readChildren(src, raw, name, section);
        break;
      case 'vars':
        mergeInto(group, readVars(src, section, `vars of group "${name}"`));
        break;
      default:
        throw new InputError(
          `unknown key "${String(entry.key)}" in group "${name}"; expected one of ${GROUP_KEYS.join(', ')}`,
          keyPos(src, body, String(entry.key)),
        );
    }
  }
}

function readHosts(src: YamlSource, raw: RawInventory, group: RawGroup, node: unknown): void {
  if (isEmpty(node)) return;
  if (!isMap(node)) {
    throw new InputError(
      `hosts of group "${group.name}" must be a map of host name to variables, got ${yamlTypeName(toJs(src, node))}`,
      nodePos(src, node),
    );
  }
  for (const entry of mapEntries(node)) {
    const pos = nodePos(src, entry.keyNode);
    const names = hostNames(entry.key, pos);
    const layer = readVars(src, deref(src, entry.valueNode), `variables of host "${String(entry.key)}"`);
    for (const name of names) addHost(raw, group, name, pos, layer);
  }
}

/** The hosts an inventory entry names: itself, or each of its range (`web[01:20]`), each checked. */
export function hostNames(key: unknown, pos: SourcePos): string[] {
  if (typeof key !== 'string') return [checkName('host', key, pos)];
  return expandHostRange(key, pos).map((n) => checkName('host', n, pos));
}

/** Put `name` in `group` with one more layer of its own variables (a host may be listed several times). */
export function addHost(raw: RawInventory, group: RawGroup, name: string, pos: SourcePos, layer: RawVars): void {
  let host = raw.hosts.get(name);
  if (!host) {
    host = { name, pos, layers: [] };
    raw.hosts.set(name, host);
  }
  host.layers.push(layer);
  if (!group.hosts.includes(name)) group.hosts.push(name);
}

function readChildren(src: YamlSource, raw: RawInventory, parent: string, node: unknown): void {
  if (isEmpty(node)) return;
  if (!isMap(node)) {
    throw new InputError(
      `children of group "${parent}" must be a map of group names, got ${yamlTypeName(toJs(src, node))}`,
      nodePos(src, node),
    );
  }
  for (const entry of mapEntries(node)) {
    const pos = nodePos(src, entry.keyNode);
    const name = checkName('group', entry.key, pos);
    if (name === 'all') throw new InputError('"all" cannot be a child group: every group is already in it', pos);
    readGroup(src, raw, name, entry.keyNode, entry.valueNode, parent);
  }
}

export function readVars(src: YamlSource, node: unknown, what: string): RawVars {
  const out: RawVars = { vars: {}, varPos: {} };
  if (isEmpty(node)) return out;
  if (!isMap(node)) {
    throw new InputError(`${what} must be a map, got ${yamlTypeName(toJs(src, node))}`, nodePos(src, node));
  }
  for (const entry of mapEntries(node as YAMLMap)) {
    if (typeof entry.key !== 'string') {
      throw new InputError(`variable name must be a string, got ${yamlTypeName(entry.key)}`, nodePos(src, entry.keyNode));
    }
    out.vars[entry.key] = toJs(src, entry.valueNode);
    out.varPos[entry.key] = nodePos(src, entry.valueNode ?? entry.keyNode);
  }
  return out;
}

function mergeInto(target: RawVars, more: RawVars): void {
  Object.assign(target.vars, more.vars);
  Object.assign(target.varPos, more.varPos);
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}
