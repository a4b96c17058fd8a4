/**
 * ip_alias: the address on the interface now (ifconfig, freebsd.md §11) and
 * at every boot (ifconfig_IF_aliasN in rc.conf, kept gapless). Runtime and
 * rc.conf are planned independently, so either one drifting is repaired.
 */
import { command } from '../../shell/quote.js';
import { emptyParts, mergeParts, toPlan, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { NET, pathScope, RC_CONF_FILES } from '../scopes.js';
import type { FactReader, Plan } from '../types.js';
import { aliasChanges, aliasValue, aliasVars, wantedAliases } from './aliases.js';
import type { IpAliasArgs } from './args.js';
import { interfaceFact, rcAllFact, type InetAddr } from './facts.js';

const inetText = (list: InetAddr[]): string => list.map((a) => `inet ${a.addr}/${a.prefix}\n`).join('');

function planRuntime(a: IpAliasArgs, facts: FactReader): PlanParts {
  const spec = interfaceFact(a.interface);
  const iface = facts.get(spec);
  if (!iface.exists) throw new PlanError(`ip_alias: ${iface.message}`);
  const parts = emptyParts();
  const found = iface.inet.find((x) => x.addr === a.addr);
  let after: InetAddr[];
  if (a.state === 'present') {
    if (found?.prefix === a.prefix) return parts;
    // On an existing address, `alias` updates its netmask (SIOCAIFADDR).
    parts.steps.push({ title: `ifconfig ${a.interface} alias ${a.address}`, command: command('ifconfig', a.interface, 'inet', a.address, 'alias'), changes: [NET] });
    after = found ? iface.inet.map((x) => (x.addr === a.addr ? { addr: a.addr, prefix: a.prefix } : x)) : [...iface.inet, { addr: a.addr, prefix: a.prefix }];
    parts.notes.push(`${a.address} ${found ? `netmask set on` : 'added to'} ${a.interface}`);
  } else {
    if (!found) return parts;
    parts.steps.push({ title: `ifconfig ${a.interface} -alias ${a.addr}`, command: command('ifconfig', a.interface, 'inet', a.addr, '-alias'), changes: [NET] });
    after = iface.inet.filter((x) => x.addr !== a.addr);
    parts.notes.push(`${a.addr} removed from ${a.interface}`);
  }
  parts.diffs.push({ label: `ifconfig ${a.interface}`, before: inetText(iface.inet), after: inetText(after) });
  parts.updates.push({ spec, value: { exists: true, inet: after } });
  return parts;
}

function planRcConf(a: IpAliasArgs, facts: FactReader): PlanParts {
  const spec = rcAllFact();
  const vars = facts.get(spec);
  const current = aliasVars(vars, a.interface);
  const wanted = wantedAliases(current, a.addr, a.state === 'present' ? aliasValue(a.addr, a.prefix) : undefined);
  const { set, unset } = aliasChanges(a.interface, current, wanted);
  const parts = emptyParts();
  // Plain sysrc edits the rc_conf_files: the one holding a variable, else the first.
  const changes = RC_CONF_FILES.map(pathScope);
  if (set.length) {
    parts.steps.push({ title: `sysrc ${set.map((s) => s.name).join(' ')}`, command: command('sysrc', ...set.map((s) => `${s.name}=${s.value}`)), changes });
  }
  if (unset.length) {
    parts.steps.push({ title: `sysrc -x ${unset.map((s) => s.name).join(' ')}`, command: command('sysrc', '-x', ...unset.map((s) => s.name)), changes });
  }
  if (!parts.steps.length) return parts;
  const next = new Map(vars);
  for (const s of set) next.set(s.name, s.value);
  for (const u of unset) next.delete(u.name);
  for (const s of set) parts.diffs.push({ label: `/etc/rc.conf: ${s.name}`, before: s.before === undefined ? '' : `${s.name}="${s.before}"\n`, after: `${s.name}="${s.value}"\n` });
  for (const u of unset) parts.diffs.push({ label: `/etc/rc.conf: ${u.name}`, before: `${u.name}="${u.before}"\n`, after: '' });
  parts.updates.push({ spec, value: next });
  const renumbered = set.length + unset.length > 1 ? ' (aliases renumbered)' : '';
  parts.notes.push(`rc.conf ${a.state === 'present' ? 'keeps' : 'no longer has'} ${a.address}${renumbered}`);
  return parts;
}

export function planIpAlias(a: IpAliasArgs, facts: FactReader): Plan {
  const parts = mergeParts(planRuntime(a, facts), planRcConf(a, facts));
  const unchanged = a.state === 'present' ? `${a.address} is on ${a.interface} and in rc.conf` : `${a.address} is neither on ${a.interface} nor in rc.conf`;
  return toPlan(parts, unchanged);
}
