/**
 * The last step of a cutover (issue 13): the jail runs on the destination
 * (jls), the destination holds its addresses (ifconfig), every socket its
 * services listen on is on one of those addresses and none on a wildcard
 * (sockstat -4 -l -j: in a jail of one IPv4 address a wildcard bind is
 * already shown as that address, so a `*` means a service that would answer
 * on more than the jail's own), and the user's check exits 0.
 */
import { quote } from '../../shell/quote.js';
import { holds, readSite } from './jail-site.js';
import type { MoveContext } from './move-types.js';

/** What is wrong with the started jail `name`, or undefined. */
export async function verifyStarted(ctx: MoveContext, name: string, addrs: string[]): Promise<string | undefined> {
  const dest = ctx.destination.transport;
  const site = await readSite(dest, name);
  if (!site.running) return `jls does not list ${name}`;
  const missing = addrs.filter((a) => !holds(site, a));
  if (missing.length) return `${ctx.destination.host.name} does not hold ${missing.join(', ')}`;
  const sockets = await dest.exec(`sockstat -4 -l -q -j ${quote(name)}`);
  if (sockets.code !== 0) return `sockstat -j ${name} exited ${sockets.code}: ${sockets.stderr.trim()}`;
  const stray = strayListeners(sockets.stdout, addrs);
  if (stray.length) return `in jail ${name}, ${stray.join(', ')} (sockstat): not on the jail's address ${addrs.join(', ')}`;
  if (ctx.args.check === undefined) return undefined;
  const r = await dest.exec(ctx.args.check);
  return r.code === 0 ? undefined : `the check \`${ctx.args.check}\` exited ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`;
}

/**
 * sockstat's rows (USER COMMAND PID FD PROTO LOCAL FOREIGN, freebsd.md §5)
 * whose local address is a wildcard or none of `addrs`, as "COMMAND on LOCAL".
 */
export function strayListeners(sockstat: string, addrs: string[]): string[] {
  const stray: string[] = [];
  for (const line of sockstat.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 7 || f[0] === 'USER') continue;
    const local = f[5]!;
    const addr = local.slice(0, local.lastIndexOf(':'));
    if (addr === '*' || !addrs.includes(addr)) stray.push(`${f[1]} listens on ${local}`);
  }
  return stray;
}
