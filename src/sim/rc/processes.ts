/**
 * Daemon processes of the simulated host: state.processes entries plus the
 * pidfiles rc.subr's check_pidfile reads. A service counts as running when its
 * pidfile names a live process of that service (so a deleted pidfile makes
 * rc.subr lose track of it, as on FreeBSD).
 */
import type { SimCommandContext, SimProcess } from '../types.js';
import type { ListenSpec } from './addresses.js';

export function pidfilePath(ctx: SimCommandContext, pidfile: string): string {
  return ctx.host.fs.resolve(ctx.root, '/', pidfile);
}

/** The running process for `service` in this jail, per its pidfile. */
export function runningProcess(ctx: SimCommandContext, service: string, pidfile: string): SimProcess | undefined {
  const path = pidfilePath(ctx, pidfile);
  const node = ctx.host.fs.stat(path);
  if (node?.kind !== 'file') return undefined;
  const pid = Number(node.content.trim().split(/\s+/)[0]);
  return ctx.host.state.processes.find((p) => p.pid === pid && p.service === service && p.jail === ctx.jail);
}

export interface StartSpec {
  service: string;
  command: string;
  user: string;
  pidfile: string;
  listeners: ListenSpec[];
}

/** Fds as a daemon gets them: 3 onwards, in bind order. */
export function withFds(listeners: ListenSpec[], first = 3) {
  return listeners.map((l, i) => ({ ...l, fd: first + i }));
}

export function startProcess(ctx: SimCommandContext, spec: StartSpec): SimProcess {
  const pid = ctx.host.newPid();
  const proc: SimProcess = {
    service: spec.service,
    command: spec.command,
    user: spec.user,
    pid,
    listeners: withFds(spec.listeners),
  };
  if (ctx.jail !== undefined) proc.jail = ctx.jail;
  ctx.host.state.processes.push(proc);
  const path = pidfilePath(ctx, spec.pidfile);
  try {
    ctx.host.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { parents: true });
    ctx.host.fs.writeFile(path, `${pid}\n`, { mode: 0o600 });
  } catch {
    // A daemon whose pidfile directory is unusable still runs; rc.subr just cannot find it.
  }
  return proc;
}

export function stopProcess(ctx: SimCommandContext, proc: SimProcess, pidfile: string): void {
  const list = ctx.host.state.processes;
  const i = list.indexOf(proc);
  if (i >= 0) list.splice(i, 1);
  const path = pidfilePath(ctx, pidfile);
  if (ctx.host.fs.lstat(path)) ctx.host.fs.remove(path);
}

/** Replace a process's sockets (a daemon re-exec on SIGHUP keeps its pid). */
export function rebind(proc: SimProcess, listeners: ListenSpec[]): void {
  proc.listeners = withFds(listeners);
}

/** Append a syslog-style line to a log file under the command's root. */
export function logLine(ctx: SimCommandContext, file: string, tag: string, message: string): void {
  const path = ctx.host.fs.resolve(ctx.root, '/', file);
  if (!ctx.host.fs.isDir(path.slice(0, path.lastIndexOf('/')) || '/')) return;
  const host = (jailHostname(ctx) ?? ctx.host.state.hostname).split('.')[0];
  ctx.host.fs.appendFile(path, `${syslogDate(ctx.host.state.clock)} ${host} ${tag}: ${message}\n`);
}

function jailHostname(ctx: SimCommandContext): string | undefined {
  if (ctx.jail === undefined) return undefined;
  return ctx.host.state.jails.find((j) => j.name === ctx.jail)?.hostname;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 28 15:30:00`, the RFC 3164 timestamp syslogd writes (UTC clock). */
export function syslogDate(epoch: number): string {
  const d = new Date(epoch * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${MONTHS[d.getUTCMonth()]} ${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
