/**
 * The move record on the destination (/var/db/jailfleet/moves/NAME, as the
 * session log lives in /var/db/jailfleet): one line saying which move the
 * jail root of NAME belongs to, so a rerun tells its own unfinished copy
 * from someone else's directory. It goes once the move is done.
 */
import { posix } from 'node:path';
import { quote } from '../../shell/quote.js';
import type { Transport } from '../../transport/transport.js';

export const recordPath = (name: string): string => `/var/db/jailfleet/moves/${name}`;

/** Write the record atomically, then `then` (shell text); the error, or undefined. */
export async function writeRecord(transport: Transport, name: string, line: string, then = ''): Promise<string | undefined> {
  const record = recordPath(name);
  const r = await transport.exec(`mkdir -p ${quote(posix.dirname(record))} && printf '%s\\n' ${quote(line)} > ${quote(`${record}.tmp`)} && mv ${quote(`${record}.tmp`)} ${quote(record)}${then}`);
  return r.code === 0 ? undefined : r.stderr.trim() || `exit ${r.code}`;
}

/** The copy is no longer one to go on with (taken aside, or the move is done): its record goes. */
export async function dropRecord(transport: Transport, name: string): Promise<void> {
  await transport.exec(`rm -f ${quote(recordPath(name))}`);
}
