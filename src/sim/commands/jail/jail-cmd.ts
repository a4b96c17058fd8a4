/**
 * jail(8) (usr.sbin/jail/jail.c main()): the four command-line styles —
 * parameters on the command line (`jail -c name=x path=/y persist`), jails
 * from jail.conf (default /etc/jail.conf), -r/-R by name or jid with the
 * config only when it exists, and the old `jail path hostname ip command...`
 * — then each jail's create, modify, remove or restart.
 */
import { loadJailConf, parseJailConf, type ConfJail, type ConfParam } from '../../jail-conf/index.js';
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';
import { getopt } from './getopt.js';
import { Io } from './io.js';
import { runJailTasks, type JailOp } from './jail-run.js';
import { selectStopTargets, selectTargets } from './jail-targets.js';
import type { JailOpEnv, JailTask } from './jail-task.js';
import { shJoin } from './quote.js';

const USAGE = [
  'usage: jail [-dhilqv] [-J jid_file] [-u username] [-U username]',
  '            -[cmr] param=value ... [command=command ...]',
  '       jail [-dqv] [-f file] -[cmr] [jail]',
  '       jail [-qv] [-f file] -[rR] [\'*\' | jail ...]',
  '       jail [-dhilqv] [-J jid_file] [-u username] [-U username]',
  '            [-n jailname] [-s securelevel]',
  '            path hostname [ip[,...]] command ...',
  '',
].join('\n');

export const DEFAULT_JAIL_CONF = '/etc/jail.conf';

const usage = (): SimResult => ({ stdout: '', stderr: USAGE, code: 1 });

interface Options {
  op: JailOp;
  R: boolean;
  verbose: number;
  iflag: boolean;
  /** False once an option that only makes sense without a config file (-h -l -n -s -u -U) is seen. */
  docf: boolean;
  cfname: string;
  /** Parameters the deprecated options stand for (-n name, -s securelevel). */
  params: ConfParam[];
}

function parseOptions(list: Array<[string, string]>): Options {
  const o: Options = { op: { c: false, m: false, r: false }, R: false, verbose: 0, iflag: false, docf: true, cfname: DEFAULT_JAIL_CONF, params: [] };
  for (const [flag, arg] of list) {
    if (flag === 'c') o.op.c = true;
    else if (flag === 'm') o.op.m = true;
    else if (flag === 'r') o.op.r = true;
    else if (flag === 'R') o.op.r = o.R = true;
    else if (flag === 'f') o.cfname = arg;
    else if (flag === 'q') o.verbose = -1;
    else if (flag === 'v') o.verbose = 1;
    else if (flag === 'i') {
      o.iflag = true;
      o.verbose = -1;
    } else if (flag === 'n' || flag === 's') {
      o.params.push({ name: flag === 'n' ? 'name' : 'securelevel', values: [arg] });
      o.docf = false;
    } else if ('hluU'.includes(flag)) o.docf = false;
  }
  return o;
}

export const jailCommand: SimCommand = (ctx) => {
  const p = getopt(ctx.argv.slice(1), 'cdf:hiJ:lmn:p:qrRs:u:U:v');
  if (p.bad) return usage();
  const o = parseOptions(p.list);
  const args = p.rest;
  const env: JailOpEnv = { ctx, io: new Io(), verbose: o.verbose, iflag: o.iflag, noteRemove: false };
  const { c, m, r } = o.op;

  if (!c && !m && !r) {
    const task = oldStyle(args, o.params);
    return task ? runJailTasks(env, { c: true, m: false, r: false }, [task], 0) : usage();
  }
  if (r && !c && !m) return removeStyle(ctx, env, o, args);
  if (args.length > 1 || (args.length === 1 && args[0]!.includes('='))) {
    if (o.R) return usage();
    return runJailTasks(env, o.op, [{ cj: commandLineJail(args, o.params), wild: false }], 0);
  }
  if (o.R || !o.docf) return usage();
  const jails = loadConf(ctx, env, o.cfname);
  if (!jails) return env.io.result(1);
  const chosen = selectTargets(env, jails, args[0]);
  if (!chosen) return env.io.result(1);
  return runJailTasks(env, o.op, chosen, 0);
};

/** jail.conf from a file, or from stdin for "-" (load_config()); undefined after printing err(1, cfname). */
function loadConf(ctx: SimCommandContext, env: JailOpEnv, cfname: string): ConfJail[] | undefined {
  const loaded = cfname === '-' ? parseJailConf(ctx.stdin, 'STDIN', ctx.host.fs, ctx.root) : loadJailConf(ctx.host.fs, ctx.root, cfname, ctx.cwd);
  if ('error' in loaded) {
    env.io.warn('jail', loaded.error);
    return undefined;
  }
  return loaded.jails;
}

/** -r/-R: the config is read only by -r and only when it exists; jails not in it are found running by name or jid. */
function removeStyle(ctx: SimCommandContext, env: JailOpEnv, o: Options, args: string[]): SimResult {
  if (!o.docf || args.length === 0) return usage();
  if (!o.R && args.some((a) => a.includes('='))) return usage();
  const fs = ctx.host.fs;
  const docf = !o.R && (o.cfname === '-' || fs.stat(fs.resolve(ctx.root, ctx.cwd, o.cfname)) !== undefined);
  let jails: ConfJail[] = [];
  if (docf) {
    const loaded = loadConf(ctx, env, o.cfname);
    if (!loaded) return env.io.result(1);
    jails = loaded;
  }
  env.noteRemove = docf || args.length > 1 || args[0]!.split('.').includes('*');
  const { tasks, failed } = selectStopTargets(env, jails, args, o.R);
  return runJailTasks(env, o.op, tasks, failed ? 1 : 0);
}

/** A single jail from command-line parameters (add_param() appends repeats; ip4.addr/ip6.addr split at commas). */
function commandLineJail(args: string[], optParams: ConfParam[]): ConfJail {
  const params: ConfParam[] = optParams.map((x) => ({ name: x.name, values: [...x.values] }));
  const add = (name: string, values: string[]): void => {
    const found = params.find((x) => x.name === name);
    if (found) found.values.push(...values);
    else params.push({ name, values });
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'command' || a.startsWith('command=')) {
      const words = a === 'command' ? args.slice(i + 1) : [a.slice(8), ...args.slice(i + 1)];
      if (words.length) add('command', [shJoin(words)]);
      break;
    }
    const eq = a.indexOf('=');
    if (eq < 0) add(a, []);
    else if (a.startsWith('ip4.addr=') || a.startsWith('ip6.addr=')) add(a.slice(0, eq), a.slice(eq + 1).split(','));
    else add(a.slice(0, eq), [a.slice(eq + 1)]);
  }
  return { name: '', params, errors: [] };
}

/** The fixed form `path hostname ip[,...] command ...`: an unnamed jail running the command. */
function oldStyle(args: string[], optParams: ConfParam[]): JailTask | undefined {
  const [path, hostname, ip, ...command] = args;
  if (path === undefined || hostname === undefined || ip === undefined || !command.length || !path.startsWith('/')) return undefined;
  const params: ConfParam[] = [
    ...optParams,
    { name: 'path', values: [path] },
    { name: 'host.hostname', values: [hostname] },
    { name: 'ip4.addr', values: ip ? ip.split(',') : [] },
    { name: 'command', values: [shJoin(command)] },
  ];
  return { cj: { name: '', params, errors: [] }, wild: false };
}
