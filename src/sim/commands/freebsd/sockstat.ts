/**
 * sockstat(1), FreeBSD 14 layout (freebsd.md §5): header
 * "%-8s %-10s %-5s %-3s %-6s %-21s %-21s", PID right-aligned in 5, LOCAL
 * ADDRESS at column 37, wildcard as `*`. Only the inet listeners the
 * simulator's daemons hold are shown (no unix-domain sockets).
 */
import type { SimCommand, SimListener, SimProcess } from '../../types.js';
import { optionError } from '../base/util.js';
import { getopts } from './getopts.js';
import { findJail } from './jail-lookup.js';
import { Output } from './output.js';

/** usage() is errx(1, ...): the program name comes first. */
const USAGE = 'sockstat: usage: sockstat [-46CcfIiLlnqSsUuvw] [-j jid] [-p ports] [-P protocols]\n';
/** displaysock(): with -s, the TCP state is printed at 37 + 22 + 22 + 13 (PATH STATE is SCTP only). */
const STATE_COLUMN = 94;
const STATE_COLUMN_WIDE = 94 + 48;

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** parse_ports() in sockstat.c: digits, `-` ranges, `,` lists; its errx() messages. */
function parsePorts(spec: string, ports: Set<number>): string | undefined {
  const re = /(\d*)/y;
  let i = 0;
  while (i < spec.length) {
    if (!/\d/.test(spec[i]!)) return 'syntax error in port range';
    re.lastIndex = i;
    const digits = re.exec(spec)![1]!;
    i += digits.length;
    const port = Number(digits);
    if (port > 65535) return 'invalid port number';
    ports.add(port);
    if (spec[i] !== '-') {
      // Any other character stays put and fails the digit test on the next pass.
      if (spec[i] === ',') i++;
      continue;
    }
    i++;
    re.lastIndex = i;
    const endDigits = re.exec(spec)![1]!;
    i += endDigits.length;
    const end = Number(endDigits);
    if (end < port || end > 65535) return 'invalid port number';
    for (let p = port + 1; p <= end; p++) ports.add(p);
    if (spec[i] === ',') i++;
  }
  return undefined;
}

const isLoopback = (addr: string): boolean => addr.startsWith('127.') || addr === '::1';

export const sockstat: SimCommand = (ctx) => {
  const out = new Output();
  const parsed = getopts(ctx.argv.slice(1), '46CcfIij:LlnP:p:qSsUuvw');
  if (parsed.error) return out.err(`${optionError('sockstat', parsed.error)}${USAGE}`).result(1);
  if (parsed.operands.length) return out.err(USAGE).result(1);
  const has = (f: string) => parsed.opts.some((o) => o.flag === f);
  const argOf = (f: string) => parsed.opts.filter((o) => o.flag === f).pop()?.arg;
  // main(): -P alone means both families; no -4, -6 or -u means all three.
  const only = has('4') || has('6');
  const inet = only || argOf('P') !== undefined || !has('u');
  const want4 = inet && (has('4') || !only);
  const want6 = inet && (has('6') || !only);
  const width = has('w') ? 45 : 21;

  let ports: Set<number> | undefined;
  let jailName: string | undefined = ctx.jail;
  for (const { flag, arg = '' } of parsed.opts) {
    if (flag === 'p') {
      ports ??= new Set<number>();
      const bad = parsePorts(arg, ports);
      if (bad) return out.err(`sockstat: ${bad}\n`).result(1);
    }
    if (flag !== 'j') continue;
    // jail_getid(): a number is taken as a jid unchecked; the vnet lookup then fails with exit 2.
    if (/^\d+$/.test(arg)) {
      const jid = Number(arg);
      if (jid === 0) {
        jailName = '';
        continue;
      }
      const jail = ctx.host.state.jails.find((x) => x.jid === jid);
      if (!jail) return out.err(`sockstat: jail_getvnet: jail ${jid} not found\n`).result(2);
      jailName = jail.name;
      continue;
    }
    const jail = findJail(ctx.host.state, arg);
    if (!jail) return out.err(`sockstat: jail_getid: jail "${arg}" not found\n`).result(1);
    jailName = jail.name;
  }
  if (has('c') && !has('l')) {
    // Connected sockets only: the simulator has none.
    if (!has('q')) out.out(header(width, has('s')));
    return out.result(0);
  }
  const protocols = argOf('P')?.split(',');

  const rows: Array<{ p: SimProcess; l: SimListener }> = [];
  const procs = [...ctx.host.state.processes].sort((a, b) => b.pid - a.pid);
  for (const p of procs) {
    if (jailName !== undefined && (p.jail ?? '') !== jailName) continue;
    for (const l of [...p.listeners].sort((a, b) => a.fd - b.fd)) {
      const v6 = l.proto.endsWith('6');
      if ((v6 && !want6) || (!v6 && !want4)) continue;
      if (has('L') && isLoopback(l.addr)) continue;
      if (ports && !ports.has(l.port)) continue;
      if (protocols && !protocols.includes(l.proto.slice(0, 3))) continue;
      rows.push({ p, l });
    }
  }
  if (!has('q')) out.out(header(width, has('s')));
  for (const { p, l } of rows) {
    const local = `${l.addr}:${l.port}`;
    let line =
      `${pad(p.user.slice(0, 8), 8)} ${pad(p.command.slice(0, 10), 10)} ${String(p.pid).padStart(5)} ` +
      `${pad(String(l.fd), 3)} ${pad(l.proto, 6)} ${pad(local, width)} *:*`;
    // Every simulated TCP socket listens.
    if (has('s') && l.proto.startsWith('tcp')) line = `${pad(line, width === 21 ? STATE_COLUMN : STATE_COLUMN_WIDE)}LISTEN`;
    out.out(`${line}\n`);
  }
  return out.result(0);
};

function header(width: number, states: boolean): string {
  const base = `${pad('USER', 8)} ${pad('COMMAND', 10)} ${pad('PID', 5)} ${pad('FD', 3)} ${pad('PROTO', 6)} ${pad('LOCAL ADDRESS', width)} ${pad('FOREIGN ADDRESS', width)}`;
  return `${base}${states ? ` ${pad('PATH STATE', 12)} ${pad('CONN STATE', 12)}` : ''}\n`;
}
