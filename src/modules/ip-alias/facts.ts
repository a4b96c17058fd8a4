/**
 * What ip_alias reads: the interface's IPv4 addresses at runtime
 * (`ifconfig IF`), and the rc.conf variables that restore them at boot
 * (`sysrc -a`: every variable the rc_conf_files set, as rc(8) reads them).
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { NET, pathScope, RC_CONF_FILES, RC_DEFAULTS } from '../scopes.js';
import type { FactSpec } from '../types.js';

export interface InetAddr {
  addr: string;
  prefix: number;
}

export type InterfaceFact = { exists: true; inet: InetAddr[] } | { exists: false; message: string };

function prefixOf(hexMask: string): number {
  const n = parseInt(hexMask, 16) >>> 0;
  let len = 0;
  while (len < 32 && n & (0x80000000 >>> len)) len++;
  return len;
}

/** `inet 192.0.2.11 netmask 0xffffff00 broadcast ...` lines (FreeBSD prints the mask in hex). */
export function interfaceFact(iface: string): FactSpec<InterfaceFact> {
  const key = `ifconfig::${iface}`;
  return {
    key,
    command: command('ifconfig', iface),
    parse(out) {
      if (out.code !== 0) {
        if (/does not exist/.test(out.stderr)) return { exists: false, message: out.stderr.trim() };
        throw new FactParseError(key, 'ifconfig failed', out);
      }
      const inet: InetAddr[] = [];
      for (const line of out.stdout.split('\n')) {
        const m = /^\s+inet (\d+\.\d+\.\d+\.\d+) netmask 0x([0-9a-fA-F]{8})\b/.exec(line);
        if (m?.[1] && m[2]) inet.push({ addr: m[1], prefix: prefixOf(m[2]) });
      }
      return { exists: true, inet };
    },
    reads: [NET],
  };
}

/** NAME -> value of every variable the rc.conf files set. */
export type RcAll = Map<string, string>;

const RC_ALL_KEY = 'sysrc-all::';

/** `sysrc -a` prints "name: value"; names never contain ": ". */
export function rcAllFact(): FactSpec<RcAll> {
  return {
    key: RC_ALL_KEY,
    command: 'sysrc -a',
    parse(out) {
      if (out.code !== 0) throw new FactParseError(RC_ALL_KEY, 'sysrc -a failed', out);
      const vars: RcAll = new Map();
      for (const line of out.stdout.split('\n')) {
        const at = line.indexOf(': ');
        if (at > 0) vars.set(line.slice(0, at), line.slice(at + 2));
        else if (line.endsWith(':')) vars.set(line.slice(0, -1), '');
      }
      return vars;
    },
    // -a compares the rc_conf_files against the defaults.
    reads: [...RC_CONF_FILES.map(pathScope), pathScope(RC_DEFAULTS)],
  };
}

export function ipAliasFacts(args: { interface: string }): FactSpec[] {
  return [interfaceFact(args.interface), rcAllFact()];
}
