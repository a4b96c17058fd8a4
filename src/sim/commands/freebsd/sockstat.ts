/**
 * sockstat(1), FreeBSD 14 layout (freebsd.md §5): header
 * "%-8s %-10s %-5s %-3s %-6s %-21s %-21s", PID right-aligned in 5, LOCAL
 * ADDRESS at column 37, wildcard as `*`. Only the inet listeners the
 * simulator's daemons hold are shown (no unix-domain sockets).
 */
import type { SimCommand, SimListener, SimProcess } from '../../types.js';
import { getopts } from './getopts.js';
import { findJail } from './jail-lookup.js';
import { Output } from './output.js';

const USAGE = 'usage: sockstat [-46CcfIiLlnqSsUuvw] [-j jid] [-p ports] [-P protocols]\n';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function parsePorts(spec: string): Set<number> | undefined {
  const ports = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = Number(m[2] ?? m[1]);
    for (let p = lo; p <= hi; p++) ports.add(p);
  }
  return ports;
}

export const sockstat: SimCommand = (ctx) => {
  const out = new Output();
  const parsed = getopts(ctx.argv.slice(1), '46CcfIij:LlnP:p:qSsUuvw');
  if (parsed.error || parsed.operands.length) return out.err(USAGE).result(1);
  const has = (f: string) => parsed.opts.some((o) => o.flag === f);
  const argOf = (f: string) => parsed.opts.filter((o) => o.flag === f).pop()?.arg;
  const want4 = has('4') || !has('6');
  const want6 = has('6') || !has('4');
  const width = has('w') ? 45 : 21;
  if (has('c') && !has('l')) {
    // Connected sockets only: the simulator has none.
    if (!has('q')) out.out(header(width));
    return out.result(0);
  }

  let jailName: string | undefined = ctx.jail;
  const j = argOf('j');
  if (j !== undefined) {
    const jail = findJail(ctx.host.state, j);
    if (!jail) return out.err(`sockstat: jail "${j}" not found\n`).result(1);
    jailName = jail.name;
  }
  const ports = argOf('p') === undefined ? undefined : parsePorts(argOf('p')!);
  if (argOf('p') !== undefined && !ports) return out.err(`sockstat: invalid port number: ${argOf('p')}\n`).result(1);
  const protocols = argOf('P')?.split(',');

  const rows: Array<{ p: SimProcess; l: SimListener }> = [];
  const procs = [...ctx.host.state.processes].sort((a, b) => b.pid - a.pid);
  for (const p of procs) {
    if (jailName !== undefined && p.jail !== jailName) continue;
    for (const l of [...p.listeners].sort((a, b) => a.fd - b.fd)) {
      const v6 = l.proto.endsWith('6');
      if ((v6 && !want6) || (!v6 && !want4)) continue;
      if (ports && !ports.has(l.port)) continue;
      if (protocols && !protocols.includes(l.proto.slice(0, 3))) continue;
      rows.push({ p, l });
    }
  }
  if (!has('q')) out.out(header(width));
  for (const { p, l } of rows) {
    const local = `${l.addr}:${l.port}`;
    out.out(
      `${pad(p.user.slice(0, 8), 8)} ${pad(p.command.slice(0, 10), 10)} ${String(p.pid).padStart(5)} ` +
        `${pad(String(l.fd), 3)} ${pad(l.proto, 6)} ${pad(local, width)} *:*\n`,
    );
  }
  return out.result(0);
};

function header(width: number): string {
  return `${pad('USER', 8)} ${pad('COMMAND', 10)} ${pad('PID', 5)} ${pad('FD', 3)} ${pad('PROTO', 6)} ${pad('LOCAL ADDRESS', width)} ${pad('FOREIGN ADDRESS', width)}\n`;
}
