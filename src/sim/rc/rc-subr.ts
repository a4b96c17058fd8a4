/**
 * run_rc_command (libexec/rc/rc.subr) for the simulator's service models:
 * prefixes (one/force/quiet/fast), the rcvar check, start/stop/restart/
 * reload/status/rcvar/enabled/describe/extracommands, messages and exit codes
 * as freebsd.md §8 gives them.
 *
 * Two deliberate choices follow freebsd.md over current rc.subr: `status` of a
 * disabled service prints "Cannot 'status' ..." (rc.subr @ea40e87; newer
 * rc.subr exempts status), and "already running?" has one space before "(pid".
 */
import type { SimCommandContext, SimProcess, SimResult } from '../types.js';
import { Output } from '../commands/freebsd/output.js';
import { checkYesNo, isYesNo, loadRcConf } from './rc-conf.js';
import type { RcVars } from './rc-conf-parse.js';
import { RcVarsOverlay } from './rc-vars-overlay.js';
import { runningProcess, startProcess, stopProcess } from './processes.js';
import type { DaemonEnv, RcService, StepResult } from './service-types.js';

const BASE_KEYWORDS = ['start', 'stop', 'restart', 'rcvar', 'enable', 'disable', 'delete', 'enabled', 'describe', 'extracommands'];

export function rcVarsFor(ctx: SimCommandContext, service: string): RcVars {
  return loadRcConf({ fs: ctx.host.fs, root: ctx.root }, { service }).vars;
}

function keywords(svc: RcService): string[] {
  return [...BASE_KEYWORDS, ...svc.extraCommands, 'status', 'poll'];
}

function usage(out: Output, script: string, svc: RcService): SimResult {
  out.err(`Usage: ${script} [fast|force|one|quiet](${keywords(svc).join('|')})\n`);
  return out.result(1);
}

function absorb(out: Output, step: StepResult): boolean {
  if (step.stdout) out.out(step.stdout);
  if (step.stderr) out.err(step.stderr);
  return step.ok;
}

interface Prefix {
  arg: string;
  prefix: string;
  fast: boolean;
  quiet: boolean;
  force: boolean;
}

function splitPrefix(arg: string): Prefix {
  for (const prefix of ['fast', 'force', 'one', 'quiet']) {
    if (!arg.startsWith(prefix)) continue;
    const rest = arg.slice(prefix.length);
    return { arg: rest, prefix, fast: prefix === 'fast', quiet: prefix === 'fast' || prefix === 'quiet', force: prefix === 'force' };
  }
  return { arg, prefix: '', fast: false, quiet: false, force: false };
}

/**
 * One rc.d script invocation, `script verb` (e.g. /etc/rc.d/sshd start).
 * `vars` lets multi-instance scripts (sendmail) pass their adjusted rcvars.
 */
export function runRcCommand(ctx: SimCommandContext, svc: RcService, verb: string, script: string, vars?: RcVars): SimResult {
  const out = new Output();
  const code = run(daemonEnv(ctx, svc, script, vars), svc, verb, out, { restartDone: false });
  return out.result(code);
}

/** What the service's script sees: rc.conf as load_rc_config NAME leaves it, the script's own defaults under it. */
export function daemonEnv(ctx: SimCommandContext, svc: RcService, script: string, vars?: RcVars): DaemonEnv {
  let loaded = vars ?? rcVarsFor(ctx, svc.name);
  for (const [name, value] of Object.entries(svc.defaults ?? {})) if (!loaded.has(name)) loaded = new RcVarsOverlay(loaded, name, value);
  return { ctx, vars: loaded, script };
}

function run(env: DaemonEnv, svc: RcService, verb: string, out: Output, state: { restartDone: boolean }): number {
  const { ctx, script } = env;
  const p = splitPrefix(verb);
  // env.vars is shared (rc-conf-sourced.ts): one/force see it through an overlay.
  const forced = (p.prefix === 'one' || p.prefix === 'force') && svc.rcvar;
  const vars = forced ? new RcVarsOverlay(env.vars, svc.rcvar, 'YES') : env.vars;
  const e: DaemonEnv = { ...env, vars };
  const arg = p.arg;
  if (!arg) {
    usage(out, script, svc);
    return 1;
  }
  if (arg === 'enabled') return enabled(e, svc, out) ? 0 : 1;
  if (!keywords(svc).includes(arg)) {
    out.err(`${script}: unknown directive '${arg}'.\n`);
    usage(out, script, svc);
    return 1;
  }
  const proc = runningProcess(ctx, svc.name, svc.pidfile);
  const exempt = ['rcvar', 'delete', 'enable', 'describe'].includes(arg);
  const needsCheck = svc.rcvar && ((!exempt && arg !== 'stop') || (arg === 'stop' && !proc));
  if (needsCheck && !enabled(e, svc, out)) {
    if (!p.quiet) {
      out.out(`Cannot '${arg}' ${svc.name}. Set ${svc.rcvar} to YES in /etc/rc.conf or use 'one${arg}' instead of '${arg}'.\n`);
    }
    return 0;
  }
  if (arg === 'start' && !p.fast && proc) {
    if (!p.quiet) out.err(`${svc.name} already running? (pid=${proc.pid}).\n`);
    return 1;
  }

  const custom = svc.commands?.[arg];
  const precmd = svc.precmd?.[arg];
  if (custom) {
    if (precmd && !absorb(out, precmd(e)) && !p.force) return 1;
    return absorb(out, custom(e, proc)) ? 0 : 1;
  }

  switch (arg) {
    case 'describe':
      if (svc.desc) out.out(`${svc.desc}\n`);
      return 0;
    case 'extracommands':
      out.out(`${svc.extraCommands.join(' ')}\n`);
      return 0;
    case 'enable':
    case 'disable':
      return enableDisable(e, svc, arg, out);
    case 'delete':
      return deleteRcvar(e, svc, out);
    case 'status':
      if (precmd && !absorb(out, precmd(e))) return 1;
      if (!proc) {
        out.out(`${svc.name} is not running.\n`);
        return 1;
      }
      out.out(`${svc.name} is running as pid ${proc.pid}.\n`);
      return 0;
    case 'poll':
      return 0;
    case 'rcvar':
      rcvarBlock(e, svc, out);
      return 0;
    case 'start':
      return start(e, svc, out, p.force);
    case 'stop':
      if (!proc) {
        if (p.fast) return 0;
        out.err(`${svc.name} not running? (check ${svc.pidfile}).\n`);
        return 1;
      }
      if (precmd && !absorb(out, precmd(e)) && !p.force) return 1;
      stop(e, svc, proc, out);
      return 0;
    case 'reload':
      if (!proc) {
        out.err(`${svc.name} not running? (check ${svc.pidfile}).\n`);
        return 1;
      }
      if (precmd && !absorb(out, precmd(e)) && !p.force) return 1;
      svc.onReload?.(e, proc);
      return 0;
    case 'restart': {
      if (state.restartDone) return 0;
      state.restartDone = true;
      if (precmd && !absorb(out, precmd(e)) && !p.force) return 1;
      run(e, svc, `${p.prefix}stop`, out, state);
      const code = run(e, svc, `${p.prefix}start`, out, state);
      return code !== 0 && !p.force ? 1 : 0;
    }
    default:
      usage(out, script, svc);
      return 1;
  }
}

function enabled(e: DaemonEnv, svc: RcService, out: Output): boolean {
  if (!svc.rcvar) return true;
  const value = e.vars.get(svc.rcvar);
  if (!checkYesNo(value) && !isYesNo(value)) {
    out.err(`${e.script}: WARNING: $${svc.rcvar} is not set properly - see rc.conf(5).\n`);
  }
  return checkYesNo(value);
}

function start(e: DaemonEnv, svc: RcService, out: Output, force: boolean): number {
  const precmd = svc.precmd?.start;
  if (precmd && !absorb(out, precmd(e)) && !force) {
    out.err(`${e.script}: WARNING: failed precmd routine for ${svc.name}\n`);
    return 1;
  }
  out.out(`Starting ${svc.name}.\n`);
  const bound = svc.bind ? svc.bind(e) : { listeners: [] };
  if ('error' in bound) {
    if (bound.error) out.err(bound.error);
    out.err(`${e.script}: WARNING: failed to start ${svc.name}\n`);
    return 1;
  }
  const proc = startProcess(e.ctx, {
    service: svc.name,
    command: svc.command,
    user: svc.user ?? 'root',
    pidfile: svc.pidfile,
    listeners: bound.listeners,
  });
  svc.onStarted?.(e, proc);
  return 0;
}

function stop(e: DaemonEnv, svc: RcService, proc: SimProcess, out: Output): void {
  out.out(`Stopping ${svc.name}.\n`);
  stopProcess(e.ctx, proc, svc.pidfile);
  svc.onStopped?.(e, proc);
  out.out(`Waiting for PIDS: ${proc.pid}.\n`);
}

/** rc.subr's rcvar listing: `# name : desc`, `#`, `var="value"`, default, blank line. */
function rcvarBlock(e: DaemonEnv, svc: RcService, out: Output): void {
  out.out(`# ${svc.name}${svc.desc ? ` : ${svc.desc}` : ''}\n#\n`);
  if (svc.rcvar) {
    out.out(`${svc.rcvar}="${e.vars.get(svc.rcvar) ?? ''}"\n`);
    out.out(`#   (default: "${e.vars.get(`${svc.rcvar}_defval`) ?? ''}")\n`);
  }
  out.out('\n');
}

/** `service NAME enable|disable`: `sysrc -vs NAME rcvar=YES`, then "NAME enabled in FILE". */
function enableDisable(e: DaemonEnv, svc: RcService, verb: 'enable' | 'disable', out: Output): number {
  if (!svc.rcvar) return 0;
  const value = verb === 'enable' ? 'YES' : 'NO';
  const r = e.ctx.run(`/usr/sbin/sysrc -v ${svc.rcvar}=${value}`, { root: e.ctx.root, jail: e.ctx.jail });
  if (r.code !== 0) {
    out.err(r.stderr);
    return 0;
  }
  const file = r.stdout.slice(0, r.stdout.indexOf(':'));
  out.out(`${svc.name} ${verb}d in ${file}\n`);
  return 0;
}

function deleteRcvar(e: DaemonEnv, svc: RcService, out: Output): number {
  if (!svc.rcvar) return 0;
  const find = e.ctx.run(`/usr/sbin/sysrc -F ${svc.rcvar}`, { root: e.ctx.root, jail: e.ctx.jail });
  const file = find.code === 0 ? find.stdout.slice(find.stdout.indexOf(': ') + 2).trim() : '';
  const r = e.ctx.run(`/usr/sbin/sysrc -x ${svc.rcvar}`, { root: e.ctx.root, jail: e.ctx.jail });
  out.err(r.stderr);
  if (r.code === 0) out.out(`${svc.rcvar} deleted in ${file}\n`);
  return r.code;
}
