/**
 * Inventories of thousands of simulated hosts, built in memory: the
 * reference workload's (h00001.., each with its own /24) and clones of an
 * existing inventory's hosts (for playbooks/site.yml).
 */
import type { Inventory, InventoryGroup, InventoryHost } from '../src/inventory/types.js';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function hostName(i: number, width = 5): string {
  return `h${String(i + 1).padStart(width, '0')}`;
}

/** Host i's own 10.a.b.0/24; the last octet comes from the template address. */
function addressFor(i: number, lastOctet: string): string {
  return `10.${(i >> 8) & 255}.${i & 255}.${lastOctet}`;
}

export function workloadInventory(count: number): Inventory {
  const hosts = new Map<string, InventoryHost>();
  for (let i = 0; i < count; i++) {
    const name = hostName(i);
    hosts.set(name, { name, vars: { host_ip: addressFor(i, '11'), jail_ip: addressFor(i, '111') }, groups: ['all'], pos: pos() });
  }
  return { file: '(generated)', hosts, groups: new Map([['all', group('all', [...hosts.keys()])]]) };
}

/**
 * `count` hosts cycling through the template's hosts: each clone has its
 * template's merged variables and groups, with every IPv4 value moved into
 * the clone's own 10.a.b.0/24 (same last octet), so addresses stay unique.
 */
export function cloneInventory(template: Inventory, count: number): Inventory {
  const originals = [...template.hosts.values()];
  if (originals.length === 0) throw new Error(`${template.file} has no hosts to clone`);
  const hosts = new Map<string, InventoryHost>();
  const groups = new Map<string, InventoryGroup>();
  for (const [name, g] of template.groups) groups.set(name, { ...g, hosts: [] });
  for (let i = 0; i < count; i++) {
    const from = originals[i % originals.length]!;
    const name = hostName(i);
    hosts.set(name, { name, vars: moveAddresses(from.vars, i) as Record<string, unknown>, groups: [...from.groups], pos: from.pos });
    for (const g of template.groups.values()) if (g.hosts.includes(from.name)) groups.get(g.name)!.hosts.push(name);
  }
  return { file: `${template.file} (x${count})`, hosts, groups };
}

function moveAddresses(value: unknown, i: number): unknown {
  if (typeof value === 'string') {
    const m = IPV4.exec(value);
    return m ? addressFor(i, m[4]!) : value;
  }
  if (Array.isArray(value)) return value.map((v) => moveAddresses(v, i));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moveAddresses(v, i)]));
  }
  return value;
}

function group(name: string, hosts: string[]): InventoryGroup {
  return { name, hosts, children: [], vars: {}, pos: pos(), depth: 0 };
}

function pos(): { file: string; line: number; col: number } {
  return { file: '(generated)', line: 1, col: 1 };
}
