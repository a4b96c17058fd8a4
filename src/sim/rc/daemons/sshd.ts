/**
 * rc.d/sshd and the sshd daemon: listeners from sshd_config (ListenAddress,
 * Port, AddressFamily), `sshd -t` checks, host key generation on first start,
 * and SIGHUP re-exec (reload rebinds from the current config, freebsd.md §6).
 */
import type { SimCommandContext, SimProcess } from '../../types.js';
import { bindOne, boundSockets, localAddresses, primaryAddress, resolveHost, BIND_STRERROR, type ListenSpec } from '../addresses.js';
import { logLine, rebind, stopProcess } from '../processes.js';
import { readRcFile, words } from '../rc-conf.js';
import type { BindOutcome, DaemonEnv, RcService, StepResult } from '../service-types.js';
import { checkSshdConfig, type SshdCheck } from './sshd-config.js';

export const SSHD_CONFIG = '/etc/ssh/sshd_config';

function configPath(flags: string[]): string {
  const i = flags.indexOf('-f');
  return i >= 0 && flags[i + 1] ? flags[i + 1]! : SSHD_CONFIG;
}

function selfName(ctx: SimCommandContext) {
  const jail = ctx.jail === undefined ? undefined : ctx.host.state.jails.find((j) => j.name === ctx.jail);
  return {
    hosts: readRcFile({ fs: ctx.host.fs, root: ctx.root }, '/etc/hosts'),
    hostname: jail?.hostname ?? ctx.host.state.hostname,
    address: primaryAddress(ctx.host.state, ctx.jail),
  };
}

/** What `sshd [flags] -t` would say; exit 255 on error (fatal()). */
export function sshdTest(ctx: SimCommandContext, flags: string[]): { check?: SshdCheck; stderr: string; code: number } {
  const file = configPath(flags);
  const text = readRcFile({ fs: ctx.host.fs, root: ctx.root }, file);
  if (text === undefined) return { stderr: `${file}: No such file or directory\r\n`, code: 255 };
  const check = checkSshdConfig(text, file, selfName(ctx));
  if (check.error) return { check, stderr: check.error, code: 255 };
  const keys = ['rsa', 'ecdsa', 'ed25519'].filter((k) => ctx.host.fs.exists(ctx.host.fs.resolve(ctx.root, '/', `/etc/ssh/ssh_host_${k}_key`)));
  if (keys.length === 0) return { check, stderr: 'sshd: no hostkeys available -- exiting.\r\n', code: 1 };
  return { check, stderr: '', code: 0 };
}

function wanted(ctx: SimCommandContext, check: SshdCheck): ListenSpec[] {
  const { config } = check;
  const fam = config.addressFamily;
  const specs: ListenSpec[] = [];
  if (config.listen.length === 0) {
    for (const port of config.ports) {
      if (fam !== 'inet6') specs.push({ proto: 'tcp4', addr: '*', port });
      if (fam !== 'inet') specs.push({ proto: 'tcp6', addr: '*', port });
    }
    return specs;
  }
  for (const l of config.listen) {
    const r = resolveHost(selfName(ctx).hosts, l.host, selfName(ctx)) ?? { ip4: [], ip6: [] };
    for (const port of l.port ? [l.port] : config.ports) {
      if (fam !== 'inet6') for (const a of r.ip4) specs.push({ proto: 'tcp4', addr: a === '0.0.0.0' ? '*' : a, port });
      if (fam !== 'inet') for (const a of r.ip6) specs.push({ proto: 'tcp6', addr: a === '::' ? '*' : a, port });
    }
  }
  return specs;
}

/** Bind what the config asks for; sshd runs if at least one socket binds. */
export function sshdBind(env: DaemonEnv, exceptPid?: number): BindOutcome {
  const { ctx } = env;
  const t = sshdTest(ctx, words(env.vars.get('sshd_flags')));
  if (t.code !== 0 || !t.check) return { error: t.stderr };
  const taken = boundSockets(ctx.host.state, exceptPid);
  const listeners: ListenSpec[] = [];
  const hasV6 = localAddresses(ctx.host.state, ctx.jail).ip6.length > 0 || ctx.jail === undefined;
  for (const want of wanted(ctx, t.check)) {
    if (want.proto === 'tcp6' && !hasV6) continue;
    const got = bindOne(ctx.host.state, ctx.jail, want, taken);
    if (typeof got === 'string') {
      logLine(ctx, '/var/log/auth.log', 'sshd', `error: Bind to port ${want.port} on ${want.addr === '*' ? (want.proto === 'tcp4' ? '0.0.0.0' : '::') : want.addr} failed: ${BIND_STRERROR[got]}.`);
      continue;
    }
    listeners.push(got);
    taken.push(got);
  }
  if (listeners.length === 0) {
    logLine(ctx, '/var/log/auth.log', 'sshd', 'fatal: Cannot bind any address.');
    return { error: '' };
  }
  return { listeners };
}

function configtest(env: DaemonEnv): StepResult {
  const t = sshdTest(env.ctx, words(env.vars.get('sshd_flags')));
  return { stdout: 'Performing sanity check on sshd configuration.\n', stderr: t.stderr, ok: t.code === 0 };
}

const KEY_ALGS: Array<[string, string, number]> = [
  ['rsa', 'RSA', 3072],
  ['ecdsa', 'ECDSA', 256],
  ['ed25519', 'ED25519', 256],
];

/** sshd_keygen: generate missing host keys, printing what ssh-keygen -l would. */
function keygen(env: DaemonEnv): StepResult {
  const { ctx } = env;
  let stdout = '';
  const host = selfName(ctx).hostname;
  for (const [alg, ALG, bits] of KEY_ALGS) {
    const enabledVar = env.vars.get(`sshd_${alg}_enable`) ?? 'yes';
    if (!/^(yes|true|on|1)$/i.test(enabledVar)) continue;
    const key = ctx.host.fs.resolve(ctx.root, '/', `/etc/ssh/ssh_host_${alg}_key`);
    if (ctx.host.fs.exists(key)) continue;
    if (!ctx.host.fs.isDir(key.slice(0, key.lastIndexOf('/')))) continue;
    const fp = fingerprint(`${ctx.host.name}:${ctx.jail ?? ''}:${alg}:${ctx.host.state.clock}`);
    ctx.host.fs.writeFile(key, `-----BEGIN OPENSSH PRIVATE KEY-----\n(simulated ${alg})\n-----END OPENSSH PRIVATE KEY-----\n`, { mode: 0o600 });
    ctx.host.fs.writeFile(`${key}.pub`, `ssh-${alg} SIMULATED root@${host}\n`, { mode: 0o644 });
    stdout += `Generating ${ALG} host key.\n${bits} SHA256:${fp} root@${host} (${ALG})\n`;
  }
  return { stdout, ok: true };
}

/** A stable 43-character base64 "fingerprint". */
function fingerprint(seed: string): string {
  let h = 2166136261;
  let out = '';
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 43; i++) {
    for (const c of `${seed}${i}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += alphabet[h % 64];
  }
  return out;
}

export const sshdService: RcService = {
  name: 'sshd',
  desc: 'Secure Shell Daemon',
  rcvar: 'sshd_enable',
  pidfile: '/var/run/sshd.pid',
  command: 'sshd',
  extraCommands: ['configtest', 'keygen', 'reload'],
  bind: sshdBind,
  precmd: {
    start: (env) => {
      const k = keygen(env);
      const t = configtest(env);
      return { stdout: (k.stdout ?? '') + (t.stdout ?? ''), stderr: t.stderr, ok: t.ok };
    },
    reload: configtest,
    restart: configtest,
  },
  commands: {
    configtest: (env) => configtest(env),
    keygen: (env) => keygen(env),
  },
  // SIGHUP makes sshd re-exec itself: the new image binds from the current config.
  onReload(env: DaemonEnv, proc: SimProcess) {
    const bound = sshdBind(env, proc.pid);
    if ('listeners' in bound) rebind(proc, bound.listeners);
    else stopProcess(env.ctx, proc, '/var/run/sshd.pid'); // the re-exec'd sshd could not bind and exited
  },
};
