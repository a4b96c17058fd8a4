/**
 * The ifconfig_IF_aliasN list (freebsd.md §8, §11): numbered from 0 without
 * gaps — older rc(8) stopped at the first gap, current network.subr does
 * not, so a gapless list works with both. Entries we do not manage (inet6,
 * other addresses) keep their order and are renumbered with the rest.
 */
export interface AliasVar {
  n: number;
  value: string;
}

export function aliasPrefix(iface: string): string {
  return `ifconfig_${iface}_alias`;
}

export function aliasVars(vars: Map<string, string>, iface: string): AliasVar[] {
  const prefix = aliasPrefix(iface);
  const out: AliasVar[] = [];
  for (const [name, value] of vars) {
    if (!name.startsWith(prefix)) continue;
    const n = name.slice(prefix.length);
    if (/^\d+$/.test(n)) out.push({ n: Number(n), value });
  }
  return out.sort((a, b) => a.n - b.n);
}

/** The IPv4 address an alias value configures ("inet 192.0.2.1/32", "inet 192.0.2.1 netmask 0xffffffff"). */
export function aliasAddress(value: string): string | undefined {
  return /^\s*inet\s+(\d+\.\d+\.\d+\.\d+)(?:[/\s]|$)/.exec(value)?.[1];
}

export function aliasValue(addr: string, prefix: number): string {
  return `inet ${addr}/${prefix}`;
}

/** The wanted values in order: ours replaced in place, appended, or dropped. */
export function wantedAliases(current: AliasVar[], addr: string, value: string | undefined): string[] {
  const values = current.map((v) => v.value);
  const at = values.findIndex((v) => aliasAddress(v) === addr);
  if (value === undefined) return values.filter((v) => aliasAddress(v) !== addr);
  if (at < 0) return [...values, value];
  // Any second entry for the same address goes: one address, one alias.
  return values.flatMap((v, i) => (aliasAddress(v) !== addr ? [v] : i === at ? [value] : []));
}

export interface AliasChange {
  set: Array<{ name: string; before?: string; value: string }>;
  unset: Array<{ name: string; before: string }>;
}

/** Which variables to set and to delete so the list becomes `wanted`, numbered 0..n-1. */
export function aliasChanges(iface: string, current: AliasVar[], wanted: string[]): AliasChange {
  const prefix = aliasPrefix(iface);
  const byN = new Map(current.map((v) => [v.n, v.value]));
  const set = wanted.flatMap((value, n) => (byN.get(n) === value ? [] : [{ name: `${prefix}${n}`, before: byN.get(n), value }]));
  const unset = current.filter((v) => v.n >= wanted.length).map((v) => ({ name: `${prefix}${v.n}`, before: v.value }));
  return { set, unset };
}
