/**
 * Running jails, from `jls -v --libxo json` (freebsd.md §3): -v is the form
 * whose JSON carries the jail's name and all its IPv4 addresses. One read
 * serves every jail task of the play (key "jls::").
 */
import { FactParseError } from '../facts/fact-parse-error.js';
import { JAILS } from '../scopes.js';
import type { FactSpec } from '../types.js';

export interface RunningJail {
  name: string;
  jid: number;
  path: string;
  hostname: string;
  ip4: string[];
}

const JLS_KEY = 'jls::';

interface JlsJson {
  'jail-information'?: { jail?: Array<Record<string, unknown>> };
}

function asString(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function jlsFact(): FactSpec<RunningJail[]> {
  return {
    key: JLS_KEY,
    command: 'jls -v --libxo json',
    parse(out) {
      if (out.code !== 0) throw new FactParseError(JLS_KEY, 'jls failed', out);
      let doc: JlsJson;
      try {
        doc = JSON.parse(out.stdout) as JlsJson;
      } catch {
        throw new FactParseError(JLS_KEY, 'jls did not print JSON', out);
      }
      const list = doc['jail-information']?.jail;
      if (!Array.isArray(list)) throw new FactParseError(JLS_KEY, 'no jail-information.jail list in jls output', out);
      return list.map((j) => ({
        name: asString(j.name),
        jid: Number(j.jid),
        path: asString(j.path),
        hostname: asString(j.hostname),
        ip4: Array.isArray(j.ipv4_addrs) ? j.ipv4_addrs.map(asString) : [],
      }));
    },
    reads: [JAILS],
  };
}

export function findJail(jails: RunningJail[], name: string): RunningJail | undefined {
  return jails.find((j) => j.name === name);
}
