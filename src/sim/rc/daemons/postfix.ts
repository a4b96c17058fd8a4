/**
 * The postfix port's rc.d/postfix: `postfix start|stop|reload` as start/stop/
 * reload commands (so rc.subr prints no "Starting postfix."), master listening
 * on port 25 per main.cf inet_interfaces / inet_protocols. A reload re-reads
 * main.cf but never rebinds: master logs "warning: to change inet_interfaces,
 * stop and start Postfix" to /var/log/maillog (freebsd.md §6).
 */
import type { SimCommandContext, SimProcess } from '../../types.js';
import { primaryAddress, resolveHost, type ListenSpec } from '../addresses.js';
import { logLine, startProcess, stopProcess } from '../processes.js';
import { readRcFile } from '../rc-conf.js';
import type { DaemonEnv, RcService, StepResult } from '../service-types.js';
import { bindAll } from './bind-all.js';

export const MAIN_CF = '/usr/local/etc/postfix/main.cf';
const PIDFILE = '/var/spool/postfix/pid/master.pid';
const MAILLOG = '/var/log/maillog';
const VERSION = '3.9.1';

/** main.cf: `key = value`, continuation lines start with white space, `$name` expands. */
export function parseMainCf(text: string): Map<string, string> {
  const raw = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    if (/^\s/.test(line) && last) {
      raw.set(last, `${raw.get(last)} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    last = m[1]!;
    raw.set(last, m[2]!.trim());
  }
  return raw;
}

function expand(value: string, params: Map<string, string>, depth = 0): string {
  if (depth > 10) return value;
  return value.replace(/\$\{?([A-Za-z0-9_]+)\}?/g, (_, name: string) => expand(params.get(name) ?? '', params, depth + 1));
}

interface PostfixView {
  interfaces: string;
  protocols: string;
  wanted: ListenSpec[];
}

/** inet_interfaces resolved to sockets, as master would bind them now. */
export function postfixWanted(ctx: SimCommandContext): PostfixView {
  const where = { fs: ctx.host.fs, root: ctx.root };
  const params = parseMainCf(readRcFile(where, MAIN_CF) ?? '');
  const jail = ctx.jail === undefined ? undefined : ctx.host.state.jails.find((j) => j.name === ctx.jail);
  const hostname = jail?.hostname ?? ctx.host.state.hostname;
  if (!params.has('myhostname')) params.set('myhostname', hostname);
  const interfaces = (params.get('inet_interfaces') ?? 'all').trim();
  const protocols = expand(params.get('inet_protocols') ?? 'all', params);
  const v4 = /\b(all|ipv4)\b/.test(protocols);
  const v6 = /\b(all|ipv6)\b/.test(protocols);
  const wanted: ListenSpec[] = [];
  const names = expand(interfaces, params).split(/[\s,]+/).filter(Boolean);
  for (const name of names) {
    if (name === 'all') {
      if (v4) wanted.push({ proto: 'tcp4', addr: '*', port: 25 });
      if (v6) wanted.push({ proto: 'tcp6', addr: '*', port: 25 });
      continue;
    }
    const target = name === 'loopback-only' ? 'localhost' : name;
    const r = resolveHost(readRcFile(where, '/etc/hosts'), target, {
      hostname,
      address: primaryAddress(ctx.host.state, ctx.jail),
    });
    if (!r) continue;
    if (v4) for (const a of r.ip4) wanted.push({ proto: 'tcp4', addr: a, port: 25 });
    if (v6) for (const a of r.ip6) wanted.push({ proto: 'tcp6', addr: a, port: 25 });
  }
  return { interfaces, protocols, wanted };
}

/** The inet_interfaces a running master was started with (kept to detect changes on reload). */
const startedWith = new WeakMap<SimProcess, string>();

function log(ctx: SimCommandContext, tag: string, msg: string): void {
  logLine(ctx, MAILLOG, tag, msg);
}

function notRunning(ctx: SimCommandContext): StepResult {
  const msg = 'fatal: the Postfix mail system is not running';
  log(ctx, `postfix/postfix-script[${ctx.host.state.nextPid}]`, msg);
  return { stderr: `postfix/postfix-script: ${msg}\n`, ok: false };
}

function start(env: DaemonEnv, running: SimProcess | undefined): StepResult {
  const { ctx } = env;
  if (running) {
    return { stderr: 'postfix/postfix-script: fatal: the Postfix mail system is already running\n', ok: false };
  }
  log(ctx, `postfix/postfix-script[${ctx.host.state.nextPid}]`, 'starting the Postfix mail system');
  const view = postfixWanted(ctx);
  const { listeners, failed } = bindAll(ctx, view.wanted);
  const first = failed[0];
  if (first || listeners.length === 0) {
    const where = first ? `bind ${first.want.addr === '*' ? '0.0.0.0' : first.want.addr} port 25` : 'no SMTP listener';
    log(ctx, `postfix/master[${ctx.host.state.nextPid}]`, `fatal: ${where}: ${first ? "Can't assign requested address" : 'no addresses'}`);
    return { stderr: 'postfix/postfix-script: fatal: mail system startup failed\n', ok: false };
  }
  const proc = startProcess(ctx, { service: 'postfix', command: 'master', user: 'root', pidfile: PIDFILE, listeners });
  startedWith.set(proc, view.interfaces);
  log(ctx, `postfix/master[${proc.pid}]`, `daemon started -- version ${VERSION}, configuration /usr/local/etc/postfix`);
  return { ok: true };
}

function stop(env: DaemonEnv, running: SimProcess | undefined): StepResult {
  const { ctx } = env;
  if (!running) return notRunning(ctx);
  log(ctx, `postfix/postfix-script[${ctx.host.state.nextPid}]`, 'stopping the Postfix mail system');
  log(ctx, `postfix/master[${running.pid}]`, 'terminating on signal 15');
  stopProcess(ctx, running, PIDFILE);
  return { ok: true };
}

function reload(env: DaemonEnv, running: SimProcess | undefined): StepResult {
  const { ctx } = env;
  if (!running) return notRunning(ctx);
  log(ctx, `postfix/postfix-script[${ctx.host.state.nextPid}]`, 'refreshing the Postfix mail system');
  log(ctx, `postfix/master[${running.pid}]`, `reload -- version ${VERSION}, configuration /usr/local/etc/postfix`);
  const before = startedWith.get(running) ?? interfacesFromSockets(running);
  if (postfixWanted(ctx).interfaces !== before) {
    log(ctx, `postfix/master[${running.pid}]`, 'warning: to change inet_interfaces, stop and start Postfix');
  }
  return { ok: true };
}

/** After a state reload the WeakMap is empty: infer "all" from a wildcard socket. */
function interfacesFromSockets(proc: SimProcess): string {
  if (proc.listeners.some((l) => l.addr === '*')) return 'all';
  return proc.listeners.map((l) => l.addr).join(', ');
}

export const postfixService: RcService = {
  name: 'postfix',
  rcvar: 'postfix_enable',
  pidfile: PIDFILE,
  command: 'master',
  extraCommands: ['reload'],
  commands: { start, stop, reload },
};

