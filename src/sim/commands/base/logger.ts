/**
 * logger(1) (usr.bin/logger/logger.c): the message from the operands joined
 * by spaces, else each line of stdin (or of -f file) as its own message,
 * sent to the local syslogd, which appends `Mmm dd hh:mm:ss HOST TAG[PID]:
 * message` to each file /etc/syslog.conf routes it to (syslog-route.ts).
 * -t tag (default the login name, root), -p facility.level (default
 * user.notice; no facility keeps user's, as syslog(3) gives a process no
 * kern), -i adds logger's pid, -s also writes `TAG[PID]: message` to stderr
 * (LOG_PERROR). With no syslogd running in the root the message is lost, as
 * syslog(3) finds no /var/run/log to send it to.
 */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { runningProcess, syslogDate } from '../../rc/processes.js';
import { FACILITIES, LEVELS, syslogFiles } from './syslog-route.js';
import { fail, getopt, isResult, ok } from './util.js';

const USAGE = 'usage: logger [-46Ais] [-f file] [-H hostname] [-h host] [-P port] [-p pri]\n              [-S addr:port] [-t tag] [message ...]';

/** logger.c decode(): a number as is, else a name from the table (case-insensitive). */
function decode(name: string, table: Record<string, number>, shift: number): number | undefined {
  if (/^[0-9]/.test(name)) return Number.parseInt(name, 10) >> shift;
  return table[name.toLowerCase()];
}

/** logger.c pencode(): `facility.level` or `level`; errors name the whole argument. */
function pencode(arg: string): { facility: number; level: number } | string {
  const dot = arg.indexOf('.');
  let facility = 0;
  if (dot >= 0) {
    const f = decode(arg.slice(0, dot), FACILITIES, 3);
    if (f === undefined) return `logger: unknown facility name: ${arg.slice(0, dot)}\n`;
    facility = f;
  }
  const level = decode(dot >= 0 ? arg.slice(dot + 1) : arg, LEVELS, 0);
  if (level === undefined) return `logger: unknown priority name: ${arg}\n`;
  // syslog(3): "Set default facility if none specified" (LOG_USER).
  return { facility: facility === 0 ? FACILITIES.user! : facility, level: level & 7 };
}

function shortHostname(ctx: SimCommandContext): string {
  const jail = ctx.jail === undefined ? undefined : ctx.host.state.jails.find((j) => j.name === ctx.jail);
  const name = jail ? jail.hostname : ctx.host.state.hostname;
  // syslogd.c: RFC 3164 output logs the host name without the local domain.
  return name.split('.')[0]!;
}

/** logger.c main: operands are packed into messages of at most 1022 bytes. */
function operandMessages(args: string[]): string[] {
  const out: string[] = [];
  let cur = '';
  for (const a of args) {
    if (cur !== '' && cur.length + 1 + a.length > 1022) {
      out.push(cur);
      cur = '';
    }
    cur = cur === '' ? a : `${cur} ${a}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}

export const logger: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, '46Af:H:h:iP:p:S:st:', USAGE);
  if (isResult(p)) return p;
  if (p.opts.has('h') || p.opts.has('S')) return fail('logger: logging to a remote host is not simulated by jailfleet\n');
  let pri = { facility: FACILITIES.user!, level: LEVELS.notice! };
  const priArg = p.opts.get('p');
  if (typeof priArg === 'string') {
    const parsed = pencode(priArg);
    if (typeof parsed === 'string') return fail(parsed);
    pri = parsed;
  }
  const tagArg = p.opts.get('t');
  const tag = typeof tagArg === 'string' ? tagArg : 'root';
  let input = ctx.stdin;
  const file = p.opts.get('f');
  if (typeof file === 'string') {
    const node = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, ctx.cwd, file));
    if (node?.kind !== 'file') return fail(`logger: ${file}: ${node ? 'Is a directory' : 'No such file or directory'}\n`);
    input = node.content;
  }
  const messages = p.args.length > 0 ? operandMessages(p.args) : input.split('\n').slice(0, input.endsWith('\n') ? -1 : undefined);
  const ident = p.opts.has('i') ? `${tag}[${ctx.host.newPid()}]` : tag;
  const stderr = p.opts.has('s') ? messages.map((m) => `${ident}: ${m}\n`).join('') : '';
  if (messages.length === 0 || !runningProcess(ctx, 'syslogd', '/var/run/syslog.pid')) return { stdout: '', stderr, code: 0 };
  const files = syslogFiles(ctx, pri.facility, pri.level, tag);
  const prefix = `${syslogDate(ctx.host.state.clock)} ${shortHostname(ctx)} ${ident}: `;
  const text = messages.map((m) => `${prefix}${m}\n`).join('');
  for (const f of files) {
    const host = ctx.host.fs.resolve(ctx.root, '/', f);
    // syslogd opened its files without O_CREAT: one that is missing gets nothing.
    if (ctx.host.fs.stat(host)?.kind === 'file') ctx.host.fs.appendFile(host, text);
  }
  return { ...ok(), stderr };
};
