/**
 * `jailfleet facts HOST`: what jailfleet reads from a host, in one exec.
 * Each fact is a read-only command plus a pure parser (tested with captured
 * FreeBSD output).
 */
import type { ExecResult } from '../transport/transport.js';

export interface Listener {
  user: string;
  command: string;
  pid: number;
  proto: string;
  local: string;
  foreign: string;
}

export interface HostFactsSpec {
  name: string;
  command: string;
  parse(out: ExecResult): unknown;
}

/** sockstat -4l -q rows (freebsd.md §5); columns are split on runs of spaces. */
export function parseSockstat(text: string): Listener[] {
  return text
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('USER '))
    .map((line) => {
      const [user = '', command = '', pid = '0', , proto = '', local = '', foreign = ''] = line.trim().split(/\s+/);
      return { user, command, pid: Number(pid), proto, local, foreign };
    });
}

/** `sysrc -a` prints "name: value" per line. */
export function parseSysrcAll(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(': ');
    if (i > 0) vars[line.slice(0, i)] = line.slice(i + 2);
  }
  return vars;
}

/** ifconfig listing → interface name → IPv4 addresses with prefix length. */
export function parseIfconfig(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const head = /^([a-z0-9_.]+): flags=/i.exec(line);
    if (head) {
      current = head[1]!;
      out[current] = [];
      continue;
    }
    const inet = /^\s+inet (\S+) netmask 0x([0-9a-f]{8})/i.exec(line);
    if (inet && current) {
      const bits = Number.parseInt(inet[2]!, 16).toString(2).replace(/0/g, '').length;
      out[current]!.push(`${inet[1]}/${bits}`);
    }
  }
  return out;
}

export function parseJlsJson(text: string): unknown[] {
  const doc = JSON.parse(text) as { 'jail-information'?: { jail?: unknown[] } };
  return doc['jail-information']?.jail ?? [];
}

const trimmed = (out: ExecResult): string => out.stdout.trim();

export const hostFactSpecs: HostFactsSpec[] = [
  { name: 'hostname', command: 'hostname', parse: trimmed },
  { name: 'release', command: 'freebsd-version', parse: trimmed },
  { name: 'jails', command: 'jls -v --libxo json', parse: (o) => parseJlsJson(o.stdout) },
  { name: 'rc_conf', command: 'sysrc -a', parse: (o) => parseSysrcAll(o.stdout) },
  { name: 'listeners', command: 'sockstat -4l -q', parse: (o) => parseSockstat(o.stdout) },
  { name: 'interfaces', command: 'ifconfig', parse: (o) => parseIfconfig(o.stdout) },
];
