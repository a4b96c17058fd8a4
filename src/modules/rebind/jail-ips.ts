/**
 * The IPv4 addresses of the running jails: `jls -v --libxo json`, whose `-v`
 * form lists every address in `ipv4_addrs` (plain JSON shows only the first,
 * freebsd.md §3).
 */
import { FactParseError } from '../facts/fact-parse-error.js';
import { JAILS } from '../scopes.js';
import type { FactSpec } from '../types.js';

interface JlsJail {
  ipv4?: unknown;
  ipv4_addrs?: unknown;
}

export function jailIpsFact(): FactSpec<string[]> {
  const key = 'jls::ipv4';
  return {
    key,
    command: 'jls -v --libxo json',
    parse(out) {
      if (out.code !== 0) throw new FactParseError(key, 'jls failed', out);
      let doc: unknown;
      try {
        doc = JSON.parse(out.stdout);
      } catch {
        throw new FactParseError(key, 'jls did not print JSON', out);
      }
      const jails = (doc as { 'jail-information'?: { jail?: JlsJail[] } })['jail-information']?.jail;
      if (!Array.isArray(jails)) throw new FactParseError(key, 'no jail-information.jail list', out);
      const ips = jails.flatMap((j) => {
        const list = Array.isArray(j.ipv4_addrs) ? j.ipv4_addrs : [j.ipv4];
        return list.filter((a): a is string => typeof a === 'string' && a !== '' && a !== '-');
      });
      return [...new Set(ips)];
    },
    reads: [JAILS],
  };
}
