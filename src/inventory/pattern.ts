/**
 * Host patterns for `hosts:` and `--limit`, evaluated as Ansible does: the
 * plain elements are unioned first, then every `&` element intersects, then
 * every `!` element excludes — regardless of where they are written. With no
 * plain element the base is "all" (so `!db` means "everything but db").
 * Elements are separated by ":" or ","; IPv6 literals are therefore not
 * usable as host names in patterns.
 */
import { globToRegExp, isGlob } from './glob.js';
import type { Inventory } from './types.js';

interface Element {
  op: 'union' | 'and' | 'not';
  text: string;
  written: string;
}

export function resolvePattern(inv: Inventory, pattern: string): string[] {
  const elements = splitPattern(pattern);
  const unions = elements.filter((e) => e.op === 'union');
  const base = unions.length > 0 ? unions : [{ op: 'union', text: 'all', written: 'all' } as const];
  const selected = new Set<string>();
  for (const e of base) for (const h of matchElement(inv, e.text)) selected.add(h);
  for (const e of elements) {
    if (e.op !== 'and') continue;
    const keep = new Set(matchElement(inv, e.text));
    for (const h of [...selected]) if (!keep.has(h)) selected.delete(h);
  }
  for (const e of elements) {
    if (e.op !== 'not') continue;
    for (const h of matchElement(inv, e.text)) selected.delete(h);
  }
  return [...inv.hosts.keys()].filter((h) => selected.has(h));
}

/** Pattern elements (as written, with their & or ! prefix) that match no host. */
export function unmatchedPatterns(inv: Inventory, pattern: string): string[] {
  return splitPattern(pattern)
    .filter((e) => matchElement(inv, e.text).length === 0)
    .map((e) => e.written);
}

function splitPattern(pattern: string): Element[] {
  return pattern
    .split(/[,:]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((written) => {
      if (written.startsWith('&')) return { op: 'and', text: written.slice(1), written };
      if (written.startsWith('!')) return { op: 'not', text: written.slice(1), written };
      return { op: 'union', text: written, written };
    });
}

/** Hosts one element selects: all, a group (with its children), a host, or a glob over both. */
function matchElement(inv: Inventory, text: string): string[] {
  if (text === 'all' || text === '*') return [...inv.hosts.keys()];
  if (inv.groups.has(text)) return hostsInGroup(inv, text);
  if (inv.hosts.has(text)) return [text];
  if (!isGlob(text)) return [];
  const re = globToRegExp(text);
  const out = new Set<string>();
  for (const g of inv.groups.keys()) if (re.test(g)) for (const h of hostsInGroup(inv, g)) out.add(h);
  for (const h of inv.hosts.keys()) if (re.test(h)) out.add(h);
  return [...out];
}

function hostsInGroup(inv: Inventory, group: string): string[] {
  return [...inv.hosts.values()].filter((h) => h.groups.includes(group)).map((h) => h.name);
}
