/**
 * Signals to the simulated host's processes (kill, pkill): the daemons of
 * state.processes, the only processes the simulator keeps. A signal does to
 * a daemon what rc.subr's own signals do (rc.subr: `sig_reload` HUP for
 * reload, `sig_stop` TERM for stop): HUP is the service's reload, TERM its
 * stop (the daemon exits and removes its pidfile, as the simulated stop
 * does), KILL ends the process and leaves its pidfile, as a process killed
 * outright cleans nothing. 0 only checks that the process is there.
 * Other signals change what a daemon does in ways the simulator does not
 * model, and say so rather than pretend.
 */
import { reapIfEmpty } from '../commands/jail/jail-ops.js';
import type { SimCommandContext, SimProcess } from '../types.js';
import { sendmailExtraInstances } from './daemons/sendmail.js';
import { stopProcess } from './processes.js';
import { daemonEnv } from './rc-subr.js';
import { rcServiceFor } from './services.js';

/** sys_signame (lib/libc/gen/siglist.c): signal n is SIGNAL_NAMES[n - 1]; sys_nsig is 32. */
export const SIGNAL_NAMES = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'EMT', 'FPE', 'KILL', 'BUS', 'SEGV', 'SYS', 'PIPE', 'ALRM', 'TERM', 'URG',
  'STOP', 'TSTP', 'CONT', 'CHLD', 'TTIN', 'TTOU', 'IO', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'INFO', 'USR1', 'USR2',
] as const;
export const SYS_NSIG = 32;
export const SIGHUP = 1;
export const SIGKILL = 9;
export const SIGTERM = 15;
/** SIGRTMIN..SIGRTMAX (sys/signal.h): valid to kill(2), with no meaning to a daemon here either. */
const SIGRTMIN = 65;
const SIGRTMAX = 126;

/** kill.c signame_to_signum: a name with or without "SIG", any case; -1 when unknown. */
export function signalNumber(name: string): number {
  const bare = name.slice(0, 3).toUpperCase() === 'SIG' ? name.slice(3) : name;
  const i = SIGNAL_NAMES.findIndex((n) => n === bare.toUpperCase());
  return i < 0 ? -1 : i + 1;
}

/** kill.c printsignals: the names, a newline after the 16th and the last. */
export function signalList(): string {
  return SIGNAL_NAMES.map((n, i) => `${n}${i + 1 === SYS_NSIG / 2 || i + 1 === SYS_NSIG - 1 ? '\n' : ' '}`).join('');
}

/** The processes a command in this context can see and signal: a jailed one sees its own jail's only (jail(8)). */
export function visibleProcesses(ctx: SimCommandContext): SimProcess[] {
  const all = ctx.host.state.processes;
  return ctx.jail === undefined ? all : all.filter((p) => p.jail === ctx.jail);
}

/**
 * The order the kernel lists processes in (kern.proc sysctl, kvm_getprocs):
 * kern_proc.c proc_iterate walks the pid hash, chain i's buckets i, i + L,
 * i + 2L, ... for i = 0..L-1 (L = pidhashlock + 1), each bucket newest
 * first. procinit sizes the hash from maxproc / 4 (hashinit: 1024 buckets
 * for an amd64 host's maxproc of 6164, maxusers capped at 384 from 768 MB
 * of memory up), and pidhashlock = 1024 / 64 - 1 = 15.
 */
export function kernelOrder(procs: readonly SimProcess[]): SimProcess[] {
  const bucket = (p: SimProcess) => p.pid & 1023;
  return [...procs].sort((a, b) => (bucket(a) % 16) - (bucket(b) % 16) || bucket(a) - bucket(b) || b.pid - a.pid);
}

export type Delivery = { ok: true } | { ok: false; errno: 'EINVAL' } | { ok: false; notSimulated: string };

/** kill(2) of `sig` to `proc`, and what it does to the daemon. */
export function deliver(ctx: SimCommandContext, proc: SimProcess, sig: number): Delivery {
  if (sig < 0 || (sig >= SYS_NSIG && (sig < SIGRTMIN || sig > SIGRTMAX))) return { ok: false, errno: 'EINVAL' };
  if (sig === 0) return { ok: true };
  if (sig !== SIGHUP && sig !== SIGTERM && sig !== SIGKILL) return { ok: false, notSimulated: `what SIG${signalLabel(sig)} does to ${proc.command}` };
  const svc = serviceOf(proc);
  const env = daemonEnv(processContext(ctx, proc), svc, `/etc/rc.d/${svc.name.startsWith('sendmail') ? 'sendmail' : svc.name}`);
  if (sig === SIGHUP) {
    svc.onReload?.(env, proc);
    return { ok: true };
  }
  if (sig === SIGTERM) {
    stopProcess(env.ctx, proc, svc.pidfile);
    svc.onStopped?.(env, proc);
  } else {
    const list = ctx.host.state.processes;
    const at = list.indexOf(proc);
    if (at >= 0) list.splice(at, 1);
  }
  // A jail without persist goes with its last process (jail(8) "persist").
  if (proc.jail !== undefined) reapIfEmpty(ctx.host.state, proc.jail);
  return { ok: true };
}

function signalLabel(sig: number): string {
  return sig < SYS_NSIG ? SIGNAL_NAMES[sig - 1]! : `RTMIN+${sig - SIGRTMIN}`;
}

function serviceOf(proc: SimProcess) {
  return sendmailExtraInstances.find((s) => s.name === proc.service) ?? rcServiceFor(proc.service);
}

/** The daemon's own context: its jail's root, or the host's. */
function processContext(ctx: SimCommandContext, proc: SimProcess): SimCommandContext {
  const jail = proc.jail === undefined ? undefined : ctx.host.state.jails.find((j) => j.name === proc.jail);
  const own: SimCommandContext = Object.create(ctx) as SimCommandContext;
  return Object.assign(own, { root: jail?.path ?? '/', jail: jail?.name, cwd: '/' });
}
