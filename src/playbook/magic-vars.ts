/**
 * Ansible's magic variables about the inventory: `groups` (group name ->
 * its hosts, with "all" and "ungrouped") and `hostvars` (host name -> that
 * host's inventory variables, inventory_hostname and group_names). Built
 * once per run and shared by every host: `hostvars` is read-only and lazy,
 * so a host's variables are rendered (with that host's own variables) only
 * when a template reads them, and a 1000-host fleet copies nothing per host.
 * Registered results of other hosts are not in it: hosts are planned side
 * by side, and what another host registered would depend on timing.
 */
import type { Inventory, InventoryHost } from '../inventory/types.js';
import { hasTemplate, render } from './template.js';
import { TemplateError } from './template-error.js';
import { markLazy } from './template-values.js';

export interface MagicVars {
  groups: Readonly<Record<string, readonly string[]>>;
  hostvars: Readonly<Record<string, unknown>>;
}

export const MAGIC_NAMES = ['groups', 'hostvars'] as const;

export function magicVars(inv: Inventory): MagicVars {
  const groups = groupsOf(inv);
  const views = new Map<string, Record<string, unknown>>();
  const magic: MagicVars = {
    groups,
    hostvars: readOnlyMap(
      () => [...inv.hosts.keys()],
      (name) => inv.hosts.has(name),
      (name) => {
        let view = views.get(name);
        if (!view) views.set(name, (view = hostView(inv.hosts.get(name)!, magic)));
        return view;
      },
    ),
  };
  return magic;
}

/** In inventory order; "ungrouped" holds the hosts in no group but "all". */
function groupsOf(inv: Inventory): Record<string, readonly string[]> {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  out.all = [];
  out.ungrouped = [];
  for (const name of inv.groups.keys()) out[name] ??= [];
  for (const host of inv.hosts.values()) {
    out.all.push(host.name);
    for (const g of host.groups) if (g !== 'all') (out[g] ??= []).push(host.name);
    if (host.groups.every((g) => g === 'all' || g === 'ungrouped') && !host.groups.includes('ungrouped')) out.ungrouped.push(host.name);
  }
  // A plain object again (templates see only own members either way), frozen: every host shares it.
  const plainOut: Record<string, readonly string[]> = {};
  for (const [k, v] of Object.entries(out)) Object.defineProperty(plainOut, k, { value: Object.freeze(v), enumerable: true });
  // Lazy too: it holds no templates, so lookups need not walk every host name for one.
  return markLazy(Object.freeze(plainOut));
}

/** One host's variables as hostvars[name] gives them, each rendered once, when first read. */
function hostView(host: InventoryHost, magic: MagicVars): Record<string, unknown> {
  const own: Record<string, unknown> = {
    ...host.vars,
    inventory_hostname: host.name,
    group_names: host.groups.filter((g) => g !== 'all'),
  };
  const scope: Record<string, unknown> = { ...own, ...magic };
  const rendered = new Map<string, unknown>();
  const rendering = new Set<string>();
  return readOnlyMap(
    () => Object.keys(own),
    (key) => Object.hasOwn(own, key),
    (key) => {
      const raw = own[key];
      if (!hasTemplate(raw)) return raw;
      if (rendered.has(key)) return rendered.get(key);
      if (rendering.has(key)) throw new TemplateError(`hostvars['${host.name}'].${key} refers to itself`);
      rendering.add(key);
      try {
        const value = render(raw, scope);
        rendered.set(key, value);
        return value;
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        throw new TemplateError(`hostvars['${host.name}'].${key}: ${err.problem}`);
      } finally {
        rendering.delete(key);
      }
    },
  );
}

/**
 * A map whose members are computed when read. Writes are refused; to the
 * template code it looks like any map of own members.
 */
function readOnlyMap(keys: () => string[], has: (k: string) => boolean, get: (k: string) => unknown): Record<string, unknown> {
  const present = (k: string | symbol): k is string => typeof k === 'string' && has(k);
  const proxy = new Proxy({} as Record<string, unknown>, {
    get: (_, k) => (present(k) ? get(k) : undefined),
    has: (_, k) => present(k),
    ownKeys: () => keys(),
    getOwnPropertyDescriptor: (_, k) => (present(k) ? { value: get(k), enumerable: true, configurable: true, writable: false } : undefined),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
    setPrototypeOf: () => false,
  });
  return markLazy(proxy);
}
