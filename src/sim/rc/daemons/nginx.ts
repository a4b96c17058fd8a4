/**
 * The www/nginx package: its rc.d script (freebsd-ports www/nginx/files/
 * nginx.in) and the nginx master it starts. Start, reload, restart and
 * configtest first run `nginx -t` ("Performing sanity check on nginx
 * configuration:", or quietly with nginx_reload_quiet); start ignores that
 * check's status (nginx_precmd returns 0), so a bad configuration fails in
 * nginx itself and rc.subr says "failed to start nginx". nginx binds every
 * `listen` (nginx-listen.ts) through the jail-aware rules of addresses.ts;
 * its messages are nginx's own (src/core/ngx_connection.c
 * ngx_open_listening_sockets: `-t` skips EADDRINUSE, a start retries it 5
 * times then says "still could not bind()"; src/core/nginx.c and
 * ngx_cycle.c for the -t lines). Only the master process is modelled
 * (sockstat COMMAND nginx, USER root); the error log is not.
 */
import type { SimCommandContext, SimProcess } from '../../types.js';
import { BIND_STRERROR, bindOne, boundSockets, primaryAddress, resolveHost, type BindError, type ListenSpec } from '../addresses.js';
import { rebind } from '../processes.js';
import { checkYesNo, readRcFile, words } from '../rc-conf.js';
import { runRcCommand } from '../rc-subr.js';
import type { BindOutcome, DaemonEnv, RcService, StepResult } from '../service-types.js';
import { NginxConfError, parseNginxConf } from './nginx-conf.js';
import { nginxSockets, type NginxSocket } from './nginx-listen.js';

export const NGINX_CONF = '/usr/local/etc/nginx/nginx.conf';
const PIDFILE = '/var/run/nginx.pid';
const ERRNO: Record<BindError, number> = { EAFNOSUPPORT: 47, EADDRINUSE: 48, EADDRNOTAVAIL: 49 };

export interface NginxFlags {
  conf: string;
  quiet: boolean;
}

/** nginx's own options as far as the simulator reads them: -c file, -q. */
export function nginxFlags(args: string[]): NginxFlags {
  const flags: NginxFlags = { conf: NGINX_CONF, quiet: false };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' && args[i + 1] !== undefined) flags.conf = args[++i]!;
    else if (args[i]!.startsWith('-c') && args[i]!.length > 2) flags.conf = args[i]!.slice(2);
    else if (args[i] === '-q') flags.quiet = true;
  }
  return flags;
}

const emerg = (msg: string): string => `nginx: [emerg] ${msg}\n`;

/** ngx_open_listening_sockets' message for one failed socket. */
function bindMessage(s: NginxSocket, err: BindError): string {
  const call = err === 'EAFNOSUPPORT' ? `socket() ${s.text}` : `bind() to ${s.text}`;
  return `${call} failed (${ERRNO[err]}: ${BIND_STRERROR[err]})`;
}

type Read = { sockets: NginxSocket[]; events: boolean } | { error: string };

/** The configuration as ngx_conf_parse leaves it, or its [emerg] message. */
function readConf(ctx: SimCommandContext, conf: string): Read {
  const jail = ctx.jail === undefined ? undefined : ctx.host.state.jails.find((j) => j.name === ctx.jail);
  const hosts = readRcFile({ fs: ctx.host.fs, root: ctx.root }, '/etc/hosts');
  const self = { hostname: jail?.hostname ?? ctx.host.state.hostname, address: primaryAddress(ctx.host.state, ctx.jail) };
  try {
    const tree = parseNginxConf(ctx.host.fs, ctx.root, conf);
    const sockets = nginxSockets(tree, { resolve: (name) => resolveHost(hosts, name, self) });
    return { sockets, events: tree.some((d) => d.name === 'events' && d.block) };
  } catch (e) {
    if (e instanceof NginxConfError) return { error: e.message };
    throw e;
  }
}

/** `nginx -t`: its stderr and exit status (nginx.c main, ngx_init_cycle with ngx_test_config). */
export function nginxTest(ctx: SimCommandContext, flags: NginxFlags): { stderr: string; code: number } {
  const failed = `nginx: configuration file ${flags.conf} test failed\n`;
  const read = readConf(ctx, flags.conf);
  if ('error' in read) return { stderr: emerg(read.error) + failed, code: 1 };
  let stderr = flags.quiet ? '' : `nginx: the configuration file ${flags.conf} syntax is ok\n`;
  // ngx_event_init_conf runs after the "syntax is ok" line.
  if (!read.events) return { stderr: stderr + emerg('no "events" section in configuration') + failed, code: 1 };
  const taken = boundSockets(ctx.host.state);
  for (const s of read.sockets) {
    const got = bindOne(ctx.host.state, ctx.jail, s.spec, taken);
    if (got === 'EADDRINUSE') continue; // a test does not mind a port in use (the running nginx's own)
    if (typeof got === 'string') return { stderr: stderr + emerg(bindMessage(s, got)) + failed, code: 1 };
    taken.push(got);
  }
  if (!flags.quiet) stderr += `nginx: configuration file ${flags.conf} test is successful\n`;
  return { stderr, code: 0 };
}

/** A starting nginx: every socket, or the messages it dies with. */
function openSockets(ctx: SimCommandContext, sockets: NginxSocket[], exceptPid?: number): BindOutcome {
  const taken = boundSockets(ctx.host.state, exceptPid);
  const bound = new Map<number, ListenSpec>();
  let stderr = '';
  let failed = false;
  for (let tries = 5; tries > 0; tries--) {
    failed = false;
    for (const [i, s] of sockets.entries()) {
      if (bound.has(i)) continue;
      const got = bindOne(ctx.host.state, ctx.jail, s.spec, taken);
      if (typeof got === 'string') {
        stderr += emerg(bindMessage(s, got));
        if (got !== 'EADDRINUSE') return { error: stderr };
        failed = true;
        continue;
      }
      bound.set(i, got);
      taken.push(got);
    }
    if (!failed) break;
  }
  if (failed) return { error: stderr + emerg('still could not bind()') };
  return { listeners: sockets.map((_, i) => bound.get(i)!) };
}

function flagsOf(env: DaemonEnv): NginxFlags {
  return nginxFlags(words(env.vars.get('nginx_flags')));
}

function bind(env: DaemonEnv, exceptPid?: number): BindOutcome {
  const read = readConf(env.ctx, flagsOf(env).conf);
  if ('error' in read) return { error: emerg(read.error) };
  if (!read.events) return { error: emerg('no "events" section in configuration') };
  return openSockets(env.ctx, read.sockets, exceptPid);
}

/** rc.subr check_required_before: required_files=%%PREFIX%%/etc/nginx/nginx.conf must be readable. */
function required(env: DaemonEnv): StepResult | undefined {
  if (readRcFile({ fs: env.ctx.host.fs, root: env.ctx.root }, NGINX_CONF) !== undefined) return undefined;
  return { stderr: `${env.script}: WARNING: ${NGINX_CONF} is not readable.\n`, ok: false };
}

/** _run_rc_precmd with nginx_checkconfig as the precmd. */
function checkconfig(env: DaemonEnv): StepResult {
  const missing = required(env);
  if (missing) return missing;
  const quiet = checkYesNo(env.vars.get('nginx_reload_quiet'));
  const flags = flagsOf(env);
  const t = nginxTest(env.ctx, { ...flags, quiet: quiet || flags.quiet });
  return { stdout: quiet ? '' : 'Performing sanity check on nginx configuration:\n', stderr: t.stderr, ok: t.code === 0 };
}

export const nginxService: RcService = {
  name: 'nginx',
  rcvar: 'nginx_enable',
  pidfile: PIDFILE,
  command: 'nginx',
  extraCommands: ['reload', 'configtest', 'upgrade', 'gracefulstop'],
  defaults: { nginx_enable: 'NO', nginxlimits_enable: 'NO', nginx_http_accept_enable: 'NO', nginx_reload_quiet: 'NO' },
  bind,
  precmd: {
    // nginx_precmd calls nginx_checkconfig but returns 0 whatever it said.
    start: (env) => required(env) ?? { ...checkconfig(env), ok: true },
    reload: checkconfig,
    restart: checkconfig,
    configtest: checkconfig,
  },
  commands: {
    configtest: () => ({ ok: true }),
    gracefulstop: (env) => {
      // nginx_gracefulstop: sig_stop=QUIT, then run_rc_command stop.
      const r = runRcCommand(env.ctx, nginxService, 'stop', env.script, env.vars);
      return { stdout: `Performing a graceful stop:\n${r.stdout}`, stderr: r.stderr, ok: r.code === 0 };
    },
    upgrade: () => ({ stderr: 'nginx: upgrade (a binary upgrade on SIGUSR2) is not supported by the simulator\n', ok: false }),
  },
  // SIGHUP: the master re-reads its configuration and opens the new sockets;
  // if that fails it logs the error and keeps serving the old configuration.
  onReload(env: DaemonEnv, proc: SimProcess) {
    const bound = bind(env, proc.pid);
    if ('listeners' in bound) rebind(proc, bound.listeners);
  },
};
