/**
 * rc.d/netif (libexec/rc/rc.d/netif @023fc80) with libexec/rc/network.subr:
 * `netif start|stop|restart|clear [IF ...]`. With names only those
 * interfaces, else list_net_interfaces. netif_common prints
 * "Starting Network: IF ...." (or "Stopping") and then `ifconfig IF` for
 * each, unless rc_quiet is set and rc_startmsgs is not YES.
 *
 * run_rc_command does the rest as for any script (rcvar check, prefixes,
 * restart = stop then start); netif has no command or pidfile, so its
 * keywords have no status/poll. netif_start's trailing ipfilter/bridge/
 * routing runs print nothing and return 0 on a stock host, so start and stop
 * exit 0 even for an interface that does not exist.
 */
import { findInterface, vnetOf } from '../commands/freebsd/ifconfig-vnet.js';
import type { SimCommandContext, SimResult } from '../types.js';
import { Output } from '../commands/freebsd/output.js';
import { checkYesNo, isYesNo } from './rc-conf.js';
import { rcVarsFor, runRcCommand } from './rc-subr.js';
import type { DaemonEnv, RcService, StepResult } from './service-types.js';
import { ifnStart, ifnStop, warn, ifconfig, type NetifEnv } from './netif-interface.js';
import { expandEpairs, listNetInterfaces } from './netif-vars.js';

const EXTRA = ['cloneup', 'clonedown', 'clear', 'vnetup', 'vnetdown'];
const KEYWORDS = ['start', 'stop', 'restart', 'rcvar', 'enable', 'disable', 'delete', 'enabled', 'describe', 'extracommands', ...EXTRA];

/** check_startmsgs: with rc_quiet set (fast/quiet prefix), checkyesno rc_startmsgs. */
function startMsgs(env: NetifEnv, quiet: boolean): boolean {
  if (!quiet) return true;
  const value = env.vars.get('rc_startmsgs');
  if (!isYesNo(value)) warn(env, '$rc_startmsgs is not set properly - see rc.conf(5).');
  return checkYesNo(value);
}

type IfnFunc = 'ifn_start' | 'ifn_stop';

/** netif_common FUNC [IF ...]. */
function netifCommon(env: NetifEnv, func: IfnFunc, names: string[], quiet: boolean): void {
  const state = env.ctx.host.state;
  const list = expandEpairs(names.length ? names : listNetInterfaces(env.vars, state, vnetOf(state, env.ctx.jail)));
  const ok: string[] = [];
  for (const ifn of list) {
    if (func === 'ifn_stop' && !findInterface(state, vnetOf(state, env.ctx.jail), ifn)) {
      warn(env, `${ifn} does not exist.  Skipped.`);
      continue;
    }
    if (func === 'ifn_start' ? ifnStart(env, ifn) : ifnStop(env, ifn)) ok.push(ifn);
  }
  if (!ok.length) return;
  const verb = func === 'ifn_start' ? 'Starting' : 'Stopping';
  if (startMsgs(env, quiet)) env.out.out(`${verb} Network: ${ok.join(' ')}.\n`);
  if (startMsgs(env, quiet)) for (const ifn of ok) ifconfig(env, [ifn]);
}

function step(env: DaemonEnv, script: string, body: (n: NetifEnv) => void): StepResult {
  const n: NetifEnv = { ctx: env.ctx, vars: env.vars, script, out: new Output() };
  body(n);
  return { stdout: n.out.stdout, stderr: n.out.stderr, ok: true };
}

/** netif as run_rc_command sees it, for this invocation's interface names. */
function netifService(names: string[], quiet: boolean, script: string): RcService {
  const stop = (env: DaemonEnv) => step(env, script, (n) => netifCommon(n, 'ifn_stop', names, quiet));
  // clone_up/clone_down/wlan and vnet moves need interfaces the simulator cannot create: nothing to do.
  const nothing = (): StepResult => ({ ok: true });
  return {
    name: 'netif',
    desc: 'Network interface setup',
    rcvar: 'netif_enable',
    pidfile: '',
    command: '',
    extraCommands: EXTRA,
    commands: {
      start: (env) => step(env, script, (n) => netifCommon(n, 'ifn_start', names, quiet)),
      stop,
      clear: stop,
      cloneup: nothing,
      clonedown: nothing,
      vnetup: nothing,
      vnetdown: nothing,
    },
  };
}

/** rc_usage with netif's keywords (no status/poll: no $command). */
function usage(out: Output, script: string): SimResult {
  out.err(`Usage: ${script} [fast|force|one|quiet](${KEYWORDS.join('|')})\n`);
  return out.result(1);
}

/** `/etc/rc.d/netif VERB [IF ...]`. */
export function runNetif(ctx: SimCommandContext, script: string, args: string[]): SimResult {
  const [verb = '', ...names] = args;
  const prefix = /^(fast|force|one|quiet)/.exec(verb)?.[1] ?? '';
  const arg = verb.slice(prefix.length);
  const out = new Output();
  if (!arg) return usage(out, script);
  if (!KEYWORDS.includes(arg)) {
    out.err(`${script}: unknown directive '${arg}'.\n`);
    return usage(out, script);
  }
  const quiet = prefix === 'fast' || prefix === 'quiet';
  return runRcCommand(ctx, netifService(names, quiet, script), verb, script, rcVarsFor(ctx, 'netif'));
}
