/**
 * jail(8): -c/-m/-r/-R/-cm/-rc against jail.conf (default /etc/jail.conf),
 * command-line parameters (`jail -c name=x path=/y persist`), and the old
 * `jail path hostname ip command...` form.
 */
import { loadJailConf, type ConfJail } from '../../jail-conf/index.js';
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';
import { getopt, has, value } from './getopt.js';
import { Io } from './io.js';
import { createJail, destroyKernelJail, modifyJail, removeJail, runningJail, type JailOpEnv } from './jail-ops.js';
import { shJoin } from './quote.js';

const USAGE = [
  'usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]',
  '            -[cmr] param=value ... [command=command ...]',
  '       jail [-dqv] [-f file] -[cmr] [jail]',
  '       jail [-qv] [-f file] -[rR] [\'*\' | jail ...]',
  '       jail [-dhilqv] [-J jid_file] [-u username] [-U username]',
  '            [-n jailname] [-s securelevel]',
  '            path hostname ip[,...] command ...',
  '',
].join('\n');

export const DEFAULT_JAIL_CONF = '/etc/jail.conf';

export const jailCommand: SimCommand = (ctx) => {
  const p = getopt(ctx.argv.slice(1), 'cdf:hiJ:lmn:p:qrRs:u:U:v');
  if (p.bad) return { stdout: '', stderr: USAGE, code: 1 };
  const io = new Io();
  const env: JailOpEnv = { ctx, io, quiet: has(p, 'q') || has(p, 'i'), printJid: has(p, 'i') };
  const c = has(p, 'c');
  const m = has(p, 'm');
  const r = has(p, 'r');
  const R = has(p, 'R');
  const args = p.rest;

  if (!c && !m && !r && !R) return oldStyle(ctx, env, args);
  if (args[0]?.includes('=')) return paramStyle(env, c, m, args);
  if (R) return removeUnconfigured(env, args);

  const conf = value(p, 'f') ?? DEFAULT_JAIL_CONF;
  const loaded = loadJailConf(ctx.host.fs, ctx.root, conf);
  if ('error' in loaded) {
    io.warn('jail', loaded.error);
    return io.result(1);
  }
  const configured = loaded.jails;
  const all = args.length === 0 || args.includes('*');
  let failed = false;
  const notFound = (name: string): void => {
    io.warn('jail', `"${name}" not found`);
    failed = true;
  };

  if (r && !c) {
    const state = ctx.host.state;
    const names = all
      ? [...(args.includes('*') ? state.jails.map((j) => j.name) : configured.map((j) => j.name).filter((n) => runningJail(state, n)))].reverse()
      : args;
    for (const name of names) {
      const cj = configured.find((j) => j.name === name);
      if (!runningJail(state, name)) {
        // A configured jail that is not running fails quietly under -q.
        if (cj && env.quiet) failed = true;
        else notFound(name);
        continue;
      }
      if (!removeJail(env, name, cj)) failed = true;
    }
    return io.result(failed ? 1 : 0);
  }

  const targets: ConfJail[] = [];
  if (all) targets.push(...configured);
  else
    for (const name of args) {
      const cj = configured.find((j) => j.name === name);
      if (cj) targets.push(cj);
      else notFound(name);
    }
  for (const cj of targets) {
    const running = runningJail(ctx.host.state, cj.name) !== undefined;
    let done: boolean;
    if (c && r) done = (!running || removeJail(env, cj.name, cj)) && createJail(env, cj);
    else if (c && m) done = running ? modifyJail(env, cj) : createJail(env, cj);
    else if (m) done = modifyJail(env, cj);
    else done = createJail(env, cj);
    if (!done) failed = true;
  }
  return io.result(failed ? 1 : 0);
};

/** -R: remove running jails without reading any configuration; prints nothing on success. */
function removeUnconfigured(env: JailOpEnv, args: string[]): SimResult {
  const state = env.ctx.host.state;
  const names = args.includes('*') ? state.jails.map((j) => j.name) : args;
  let failed = false;
  for (const name of names) {
    const jail = runningJail(state, name);
    if (!jail) {
      env.io.warn('jail', `"${name}" not found`);
      failed = true;
      continue;
    }
    destroyKernelJail(state, jail.name);
  }
  return env.io.result(failed ? 1 : 0);
}

/** `jail -c name=www path=/x persist [command=...]`: one jail from the command line. */
function paramStyle(env: JailOpEnv, c: boolean, m: boolean, args: string[]): SimResult {
  const state = env.ctx.host.state;
  const params: ConfJail['params'] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('command=')) {
      params.push({ name: 'command', values: [shJoin([a.slice(8), ...args.slice(i + 1)])] });
      break;
    }
    const eq = a.indexOf('=');
    if (eq < 0) params.push({ name: a, values: [] });
    else params.push({ name: a.slice(0, eq), values: a.slice(eq + 1).split(',') });
  }
  const nameParam = params.find((x) => x.name === 'name');
  const name = nameParam?.values.join(',') ?? String(state.nextJid);
  const cj: ConfJail = { name, params, errors: [] };
  const running = runningJail(state, name) !== undefined;
  const done = m && (running || !c) ? modifyJail(env, cj) : createJail(env, cj);
  return env.io.result(done ? 0 : 1);
}

/** The 5.x form `jail path hostname ip command ...`: runs the command in a new, unnamed jail. */
function oldStyle(ctx: SimCommandContext, env: JailOpEnv, args: string[]): SimResult {
  const [path, hostname, ip, ...command] = args;
  if (path === undefined || hostname === undefined || ip === undefined || !command.length || !path.startsWith('/')) {
    env.io.warn('jail', 'no -c or -m, so this must be an old-style command.\nBut it doesn\'t look like one.');
    return env.io.result(1);
  }
  const state = ctx.host.state;
  const cj: ConfJail = {
    // The kernel names an unnamed jail after its JID.
    name: String(state.nextJid),
    params: [
      { name: 'path', values: [path] },
      { name: 'host.hostname', values: [hostname] },
      { name: 'ip4.addr', values: ip ? ip.split(',') : [] },
      { name: 'command', values: [shJoin(command)] },
    ],
    errors: [],
  };
  // jail(8) only notes creation of named jails; old-style ones are silent.
  const done = createJail({ ...env, quiet: true }, cj);
  return env.io.result(done ? 0 : 1);
}
