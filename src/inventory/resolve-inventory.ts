/**
 * Second pass: check the group graph, then give every host its groups and
 * merged variables.
 *
 * Precedence (lowest first): "all", then groups by depth (longest path from
 * "all"), then the host's own variables. Among groups of the same depth, the
 * one defined later in the file wins. Ansible breaks that tie alphabetically;
 * file order is what a reader of the inventory sees, so we use it instead.
 * Merging is shallow: a map-valued variable is replaced, not merged
 * (Ansible's default hash_behaviour=replace).
 */
import { InputError, type SourcePos } from '../errors.js';
import type { RawGroup, RawInventory, RawVars } from './raw-inventory.js';
import type { Inventory, InventoryGroup, InventoryHost } from './types.js';

/**
 * Variables from group_vars/ and host_vars/ (vars-dirs.ts), one map per
 * directory in precedence order: the inventory's, then the playbook's.
 */
export interface VarFiles {
  groups: Array<Map<string, RawVars>>;
  hosts: Array<Map<string, RawVars>>;
}

const NO_FILES: VarFiles = { groups: [], hosts: [] };

/**
 * Ansible's order (lowest first): the inventory's own group variables (by
 * group rank), group_vars/all (inventory's directory, then the playbook's),
 * group_vars of the other groups (the inventory's by rank, then the
 * playbook's by rank), the host's own variables, host_vars (inventory's,
 * then playbook's).
 */
export function resolveInventory(raw: RawInventory, file: string, files: VarFiles = NO_FILES): Inventory {
  checkNameClashes(raw);
  checkCycles(raw);
  const parents = parentMap(raw);
  const depth = depths(raw, parents);
  const order = [...raw.groups.keys()];
  const rank = (g: string): number => (depth.get(g) ?? 0) * order.length + order.indexOf(g);

  const groups = new Map<string, InventoryGroup>();
  for (const g of raw.groups.values()) {
    const own = [g, ...files.groups.flatMap((dir) => dir.get(g.name) ?? [])];
    groups.set(g.name, {
      name: g.name,
      hosts: [...g.hosts],
      children: g.children.map((e) => e.child),
      vars: Object.assign({}, ...own.map((l) => l.vars)) as Record<string, unknown>,
      varPos: Object.assign({}, ...own.map((l) => l.varPos)) as Record<string, SourcePos>,
      pos: g.pos,
      depth: depth.get(g.name) ?? 0,
    });
  }

  const hosts = new Map<string, InventoryHost>();
  for (const h of raw.hosts.values()) {
    const member = new Set<string>(['all']);
    for (const g of raw.groups.values()) {
      if (g.hosts.includes(h.name)) ancestorsOf(g.name, parents, member);
    }
    const memberOf = [...member].sort((a, b) => rank(a) - rank(b));
    const vars: Record<string, unknown> = {};
    const varPos: Record<string, SourcePos> = {};
    const layers: RawVars[] = [
      ...memberOf.flatMap((name) => raw.groups.get(name) ?? []),
      ...files.groups.flatMap((dir) => dir.get('all') ?? []),
      ...files.groups.flatMap((dir) => memberOf.filter((g) => g !== 'all').flatMap((g) => dir.get(g) ?? [])),
      ...h.layers,
      ...files.hosts.flatMap((dir) => dir.get(h.name) ?? []),
    ];
    for (const layer of layers) {
      Object.assign(vars, layer.vars);
      Object.assign(varPos, layer.varPos);
    }
    hosts.set(h.name, { name: h.name, vars, varPos, groups: memberOf, pos: h.pos });
  }
  return { file, hosts, groups };
}

function checkNameClashes(raw: RawInventory): void {
  for (const h of raw.hosts.values()) {
    const g = raw.groups.get(h.name);
    if (g) {
      throw new InputError(
        `"${h.name}" is both a host and a group (group defined at line ${g.pos.line}); patterns could not tell them apart`,
        h.pos,
      );
    }
  }
}

/** Depth-first search; a child already on the current path closes a cycle. */
function checkCycles(raw: RawInventory): void {
  const done = new Set<string>();
  const visit = (g: RawGroup, path: string[]): void => {
    if (done.has(g.name)) return;
    for (const edge of g.children) {
      if (path.includes(edge.child)) {
        const cycle = [...path.slice(path.indexOf(edge.child)), edge.child].join(' -> ');
        throw new InputError(`group cycle: ${cycle}`, edge.pos);
      }
      const child = raw.groups.get(edge.child);
      if (child) visit(child, [...path, edge.child]);
    }
    done.add(g.name);
  };
  for (const g of raw.groups.values()) visit(g, [g.name]);
}

function parentMap(raw: RawInventory): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const g of raw.groups.values()) {
    for (const edge of g.children) parents.set(edge.child, [...(parents.get(edge.child) ?? []), g.name]);
  }
  return parents;
}

/** Longest path from "all"; the graph is acyclic by now. */
function depths(raw: RawInventory, parents: Map<string, string[]>): Map<string, number> {
  const memo = new Map<string, number>();
  const depthOf = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const ps = parents.get(name) ?? [];
    const d = name === 'all' ? 0 : ps.length === 0 ? 1 : 1 + Math.max(...ps.map(depthOf));
    memo.set(name, d);
    return d;
  };
  for (const name of raw.groups.keys()) depthOf(name);
  return memo;
}

function ancestorsOf(name: string, parents: Map<string, string[]>, into: Set<string>): void {
  if (into.has(name)) return;
  into.add(name);
  for (const p of parents.get(name) ?? []) ancestorsOf(p, parents, into);
}
