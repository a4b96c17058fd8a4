/**
 * When a running jail must be restarted: jail(8) applies path, hostname,
 * addresses and mounts only when it creates the jail (`jail -m` cannot change
 * path or vnet, and mounts and interface aliases are set up by jail(8) around
 * creation only). Other parameters are read at the next start: rewriting the
 * file is enough.
 *
 * The desired state is compared with the running jail wherever the host can
 * show it — path, hostname and addresses from jls, each address's interface
 * and netmask from ifconfig — and with the file on the host only for what
 * it cannot (mounts, vnet, devfs_ruleset...: the file is the best account
 * of how the jail was started). So a file an operator edited, for a jail
 * that still runs as the playbook says, is only rewritten; a jail started
 * by hand with other parameters is restarted whatever the file says.
 */
import type { FileFact } from '../facts/file-fact.js';
import type { JailArgs } from './args.js';
import { holdersOf, type HostInterface } from './host-net.js';
import type { RunningJail } from './jls-fact.js';
import { defaultInterface } from './running-addresses.js';
import { missingMounts, type Mounted } from './mount-table.js';

/** Creation-only parameters that jls and ifconfig do not show. */
const FILE_ONLY = /^(ip4\.(?!addr$)[a-z0-9_]+|ip4|ip6(\.[a-z0-9_]+)?|interface|vnet(\.[a-z0-9_]+)?|mount(\.[a-z0-9_]+)?|devfs_ruleset)$/;

/** name -> text of each such parameter line ("\tmount.devfs;"). */
function fileOnlyParams(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of content.split('\n')) {
    const m = /^\s*([a-z][a-z0-9_.]*)\s*(?:=|\+=|;)/.exec(line);
    if (m?.[1] && FILE_ONLY.test(m[1])) out.set(m[1], `${out.get(m[1]) ?? ''}${line.trim()}\n`);
  }
  return out;
}

function sameSet(a: string[], b: string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export interface RestartFacts {
  running: RunningJail;
  /** `ifconfig -a`. */
  interfaces: HostInterface[];
  /** /etc/jail.conf.d/NAME.conf on the host now. */
  conf: FileFact;
  /** The conf this plan writes. */
  newConf: string;
  /** The plan rewrites /etc/fstab.NAME. */
  fstabChanged: boolean;
  /** `mount`. */
  mounts: Mounted[];
}

/** What the kernel and the interfaces show that differs from the playbook. */
function runningReasons(a: JailArgs, f: RestartFacts): string[] {
  const { running } = f;
  const reasons: string[] = [];
  if (running.path !== a.path) reasons.push(`running with path ${running.path}, playbook says ${a.path}`);
  if (running.hostname !== a.hostname) reasons.push(`running with hostname ${JSON.stringify(running.hostname)}, playbook says ${JSON.stringify(a.hostname)}`);
  const wanted = a.ip4.map((e) => e.addr);
  if (!sameSet(running.ip4, wanted)) {
    reasons.push(`running with ip4 ${running.ip4.join(',') || '(none)'}, playbook says ${wanted.join(',') || '(none)'}`);
    return reasons;
  }
  // jail(8) put the alias there at creation: where it is now is how the jail runs.
  const fallback = defaultInterface(a);
  for (const e of a.ip4) {
    const iface = e.iface ?? fallback;
    if (iface === undefined) continue;
    const holders = holdersOf(f.interfaces, e.addr);
    const on = holders.find((h) => h.iface === iface);
    const prefix = e.prefix ?? 32;
    if (!on) reasons.push(`${e.addr} is ${holders.length ? `on ${holders.map((h) => h.iface).join(',')}` : 'on no interface'}, playbook says ${iface}`);
    else if (on.prefix !== prefix) reasons.push(`${e.addr} is /${on.prefix} on ${iface}, playbook says /${prefix}`);
  }
  return reasons;
}

/** Why the running jail must be restarted; empty when it need not be. */
export function restartReasons(a: JailArgs, f: RestartFacts): string[] {
  const reasons = [...runningReasons(a, f), ...missingMounts(a, f.mounts)];
  // Without a file there is no account of the rest: nothing contradicts the playbook.
  if (f.conf.kind !== 'file') return reasons;
  const before = fileOnlyParams(f.conf.content);
  const after = fileOnlyParams(f.newConf);
  const names = [...new Set([...before.keys(), ...after.keys()])].filter((n) => before.get(n) !== after.get(n));
  if (names.length) reasons.push(`${names.join(', ')} changed`);
  // An fstab file neither conf names was never mounted from.
  const named = before.has('mount.fstab') || after.has('mount.fstab');
  if (f.fstabChanged && named && !names.includes('mount.fstab')) reasons.push('mount.fstab file changed');
  return reasons;
}
