/**
 * /etc/rc.d/jail (libexec/rc/rc.d/jail @065edb7) as `service jail ...` runs
 * it: per-jail config lookup (parse_options), `jail -i -f CONF -c NAME`, the
 * "Starting jails:" line whose exit status is 0 even when a jail failed,
 * and rc.subr's jail_enable gate.
 */
import { checkYesNo, loadRcConf, words } from '../../rc/rc-conf.js';
import type { SimCommandContext, SimResult } from '../../types.js';
import { Io } from './io.js';
import { DEFAULT_JAIL_CONF, jailCommand } from './jail-cmd.js';
import { runningJail } from './jail-ops.js';
import { jlsCommand } from './jls.js';

const SCRIPT = '/etc/rc.d/jail';

interface RcJailEnv {
  ctx: SimCommandContext;
  io: Io;
  jailConf: string;
}

/** Run one of our commands with new argv; the context may be a class instance, so derive rather than spread. */
function sub(env: RcJailEnv, cmd: typeof jailCommand, argv: string[]): SimResult {
  const ctx = Object.create(env.ctx, {
    argv: { value: argv, enumerable: true },
    stdin: { value: '', enumerable: true },
  }) as SimCommandContext;
  return cmd(ctx);
}

function readable(env: RcJailEnv, path: string): boolean {
  const fs = env.ctx.host.fs;
  return fs.stat(fs.resolve(env.ctx.root, '/', path))?.kind === 'file';
}

/** parse_options: /etc/jail.NAME.conf, then /etc/jail.conf.d/NAME.conf, then $jail_conf. */
function confFor(env: RcJailEnv, name: string): string | undefined {
  for (const path of [`/etc/jail.${name}.conf`, `/etc/jail.conf.d/${name}.conf`, env.jailConf]) if (readable(env, path)) return path;
  env.io.err += `${SCRIPT}: WARNING: Invalid configuration for ${name} (no jail.conf, no hostname, or no path).  Jail ${name} was ignored.\n`;
  return undefined;
}

function writeJidFile(env: RcJailEnv, name: string): void {
  const fs = env.ctx.host.fs;
  const jid = runningJail(env.ctx.host.state, name)?.jid;
  try {
    fs.writeFile(fs.resolve(env.ctx.root, '/', `/var/run/jail_${name}.id`), `${jid ?? ''}\n`);
  } catch {
    // echo > /var/run/... fails quietly when /var/run is missing; the script carries on.
  }
}

function removeJidFile(env: RcJailEnv, name: string): void {
  const fs = env.ctx.host.fs;
  const path = fs.resolve(env.ctx.root, '/', `/var/run/jail_${name}.id`);
  if (fs.lstat(path)) fs.remove(path);
}

function jailStart(env: RcJailEnv, names: string[]): void {
  const { io } = env;
  io.print('Starting jails:');
  if (names[0] === '_ALL') {
    const r = sub(env, jailCommand, ['jail', '-f', env.jailConf, '-c', '-p1']);
    if (r.code === 0) {
      for (const j of [...env.ctx.host.state.jails].sort((a, b) => a.jid - b.jid)) {
        io.print(` ${j.name}`);
        writeJidFile(env, j.name);
      }
    } else io.print(r.stdout + r.stderr);
    io.print('.\n');
    return;
  }
  for (const raw of names) {
    const name = raw.replace(/[/.]/g, '_');
    const conf = confFor(env, name);
    if (!conf) continue;
    const r = sub(env, jailCommand, ['jail', '-i', '-f', conf, '-c', name]);
    if (r.code === 0) {
      io.print(` ${name}`);
      writeJidFile(env, name);
      continue;
    }
    // echo " cannot start jail " "\"NAME\": " joins its two words with a space.
    io.print(` cannot start jail  "${name}": \n${r.stdout}${r.stderr}`);
  }
  io.print('.\n');
}

function jailStop(env: RcJailEnv, names: string[]): void {
  const { io, ctx } = env;
  io.print('Stopping jails:');
  const all = names[0] === '_ALL';
  const list = all ? [...ctx.host.state.jails].sort((a, b) => a.jid - b.jid).map((j) => j.name) : names.map((n) => n.replace(/[/.]/g, '_'));
  for (const name of list) {
    const conf = all ? env.jailConf : confFor(env, name);
    if (!conf) continue;
    if (!all && !runningJail(ctx.host.state, name)) continue;
    io.print(` ${name}`);
    const r = sub(env, jailCommand, all ? ['jail', '-f', conf, '-r', name] : ['jail', '-q', '-f', conf, '-r', name]);
    if (runningJail(ctx.host.state, name)) io.print(r.stdout + r.stderr);
    else removeJidFile(env, name);
  }
  io.print('.\n');
}

/**
 * `service jail ACTION [NAME...]`. ACTION may carry rc.subr's one/force/quiet
 * prefix. Always the script's exit status: 0 unless jls (status) fails.
 */
export function rcJail(ctx: SimCommandContext, action: string, names: string[]): SimResult {
  const io = new Io();
  const prefix = /^(one|force|quiet)/.exec(action)?.[1] ?? '';
  const verb = action.slice(prefix.length);
  const vars = loadRcConf({ fs: ctx.host.fs, root: ctx.root }, { service: 'jail' }).vars;
  const env: RcJailEnv = { ctx, io, jailConf: vars.get('jail_conf') || DEFAULT_JAIL_CONF };
  if (!['start', 'stop', 'restart', 'status'].includes(verb)) {
    io.err += `${SCRIPT}: unknown directive '${action}'.\n`; // INFERRED: rc.subr's usage path
    return io.result(1);
  }
  if (!prefix && !checkYesNo(vars.get('jail_enable'))) {
    io.print(`Cannot '${action}' jail. Set jail_enable to YES in /etc/rc.conf or use 'one${action}' instead of '${action}'.\n`);
    return io.result(0);
  }
  if (prefix === 'quiet' && !checkYesNo(vars.get('jail_enable'))) return io.result(0);
  const targets = names.length ? names : words(vars.get('jail_list')).length ? words(vars.get('jail_list')) : ['_ALL'];
  if (verb === 'status') {
    const r = sub(env, jlsCommand, ['jls', '-N']);
    io.take(r);
    return io.result(r.code);
  }
  if (verb === 'stop' || verb === 'restart') jailStop(env, targets);
  if (verb === 'start' || verb === 'restart') jailStart(env, targets);
  return io.result(0);
}
