/**
 * Who listens where, from `sockstat -4l` (freebsd.md §5). sockstat on the
 * host also lists jailed processes (showing the jail's address), so the fact
 * runs `sockstat -4lq -j JID` for every running jail too: a PID seen there
 * is jailed, every other PID is a host process.
 */
import { FactParseError } from '../facts/fact-parse-error.js';
import { JAILS, NET } from '../scopes.js';
import type { FactOutput, FactSpec } from '../types.js';

export interface Listener {
  user: string;
  /** sockstat's COMMAND column (at most 10 characters: "master" for postfix). */
  command: string;
  pid: number;
  proto: string;
  /** `*` for the wildcard address. */
  addr: string;
  port: string;
  jailed: boolean;
}

const JAIL_MARK = '@@jailfleet-jail';
const PROTO = /^(tcp|udp|sctp|div)[46]/;

export const LISTENERS_COMMAND =
  `sockstat -4l && for jf_j in $(jls jid); do printf '%s %s\\n' ${JAIL_MARK} "$jf_j"; ` + `sockstat -4lq -j "$jf_j" || exit 1; done`;

/** One sockstat row; the PROTO column anchors the split, so an odd COMMAND does not shift it. */
function parseRow(line: string): Omit<Listener, 'jailed'> | undefined {
  const f = line.trim().split(/\s+/);
  const at = f.findIndex((w, i) => i >= 3 && PROTO.test(w));
  const local = at < 0 ? undefined : f[at + 1];
  const pid = Number(f[at - 2]);
  if (local === undefined || !Number.isInteger(pid)) return undefined;
  const colon = local.lastIndexOf(':');
  if (colon <= 0) return undefined;
  return { user: f[0] ?? '', command: f.slice(1, at - 2).join(' '), pid, proto: f[at] ?? '', addr: local.slice(0, colon), port: local.slice(colon + 1) };
}

export function parseListeners(key: string, out: FactOutput): Listener[] {
  if (out.code !== 0) throw new FactParseError(key, 'sockstat failed', out);
  const host: Array<Omit<Listener, 'jailed'>> = [];
  const jailedPids = new Set<number>();
  let inJail = false;
  for (const line of out.stdout.split('\n')) {
    if (line.trim() === '' || line.startsWith('USER ')) continue;
    if (line.startsWith(`${JAIL_MARK} `)) {
      inJail = true;
      continue;
    }
    const row = parseRow(line);
    if (!row) throw new FactParseError(key, `unexpected sockstat line: ${line}`, out);
    if (inJail) jailedPids.add(row.pid);
    else host.push(row);
  }
  return host.map((r) => ({ ...r, jailed: jailedPids.has(r.pid) }));
}

export function listenersFact(): FactSpec<Listener[]> {
  const key = 'listeners::inet4';
  // Sockets, and which of their processes are jailed (the jail table).
  return { key, command: LISTENERS_COMMAND, parse: (out) => parseListeners(key, out), reads: [NET, JAILS] };
}
