/**
 * pgrep(1) and pkill(1), one program as in FreeBSD's bin/pkill/pkill.c:
 * each pattern an extended regular expression matched against a process's
 * command name (ki_comm; -x: the whole name, -i: any case), the processes
 * narrowed by -j (jail ids, names, `any`, `none`), -u/-U (users) and -F
 * (a pidfile), -v inverting, -n/-o keeping the newest/oldest. pgrep prints
 * the pids (-l: `PID name`) in the order the kernel lists them, joined
 * by -d (default newline) and ended by a newline; -q prints nothing. pkill
 * sends its signal (`-SIG` or `-N` first, default TERM; -l prints `kill -N
 * PID` each). Exit 0 when something matched, 1 when nothing did, 2 for bad
 * usage, 3 for other errors. The processes are the daemons the simulated
 * host runs (rc/signals.ts); a jailed pgrep sees its jail's only.
 * Options the simulator has nothing to match on (-f: process arguments;
 * -G -P -g -s -t -c: groups, parents, sessions, ttys, login classes;
 * -I: asking; -M -N: kernel images) say that they are not simulated.
 */
import { deliver, kernelOrder, signalNumber, SIGTERM, SYS_NSIG, visibleProcesses } from '../../rc/signals.js';
import type { SimCommand, SimCommandContext, SimProcess, SimResult } from '../../types.js';
import { getopts } from '../freebsd/getopts.js';
import { userId } from './ids.js';
import { compile } from './regex.js';
import { optionError, statOf } from './util.js';

const STATUS_NOMATCH = 1;
const STATUS_BADUSAGE = 2;
const STATUS_ERROR = 3;
const NOT_SIMULATED = new Set(['f', 'G', 'P', 'g', 's', 't', 'c', 'I', 'M', 'N', 'L', 'D']);

function usage(prog: string, pgrep: boolean): SimResult {
  const ustr = pgrep ? '[-LSfilnoqvx] [-d delim]' : '[-signal] [-ILfilnovx]';
  return {
    stdout: '',
    stderr: `usage: ${prog} ${ustr} [-F pidfile] [-G gid] [-M core] [-N system]\n             [-P ppid] [-U uid] [-c class] [-g pgrp] [-j jail]\n             [-s sid] [-t tty] [-u euid] pattern ...\n`,
    code: STATUS_BADUSAGE,
  };
}

const errx = (prog: string, code: number, message: string): SimResult => ({ stdout: '', stderr: `${prog}: ${message}\n`, code });

/** pkill's leading `-SIG`/`-N` (before getopt): the signal and the words after it. */
function leadingSignal(args: string[]): { signum: number; rest: string[] } {
  const first = args[0];
  if (first === undefined || !first.startsWith('-')) return { signum: SIGTERM, rest: args };
  const spec = first.slice(1);
  // strtol with nothing after the number; of "" (a lone "-") it gives 0 with nothing after.
  if (spec === '' || /^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(spec)) return { signum: spec === '' ? 0 : Number.parseInt(spec, 10), rest: args.slice(1) };
  const sig = signalNumber(spec);
  return sig > 0 && sig < SYS_NSIG ? { signum: sig, rest: args.slice(1) } : { signum: SIGTERM, rest: args };
}

type Filter = (p: SimProcess) => boolean;

/** makelist(LT_JAIL): jail ids, names (jail_getid), `any` (also 0, the old -j), `none`. */
function jailFilter(ctx: SimCommandContext, prog: string, list: string): Filter | SimResult {
  const jids: Array<number | 'any'> = [];
  for (const item of list.split(',')) {
    if (item === '') return usage(prog, prog === 'pgrep');
    if (/^[0-9]+$/.test(item)) jids.push(Number(item) === 0 ? 'any' : Number(item));
    else if (/^-[0-9]+$/.test(item)) return errx(prog, STATUS_BADUSAGE, `Negative jail ID \`${item}'`);
    else if (item === 'none') jids.push(0);
    else if (item === 'any') jids.push('any');
    else {
      const jail = ctx.host.state.jails.find((j) => j.name === item);
      if (!jail) return errx(prog, STATUS_BADUSAGE, `Invalid jail ID or name \`${item}'`);
      jids.push(jail.jid);
    }
  }
  const jidOf = (p: SimProcess) => (p.jail === undefined ? 0 : (ctx.host.state.jails.find((j) => j.name === p.jail)?.jid ?? 0));
  return (p) => jids.some((j) => (j === 'any' ? jidOf(p) > 0 : jidOf(p) === j));
}

/** makelist(LT_USER): uids or user names (getpwnam). */
function userFilter(ctx: SimCommandContext, prog: string, list: string): Filter | SimResult {
  const uids: number[] = [];
  for (const item of list.split(',')) {
    if (item === '') return usage(prog, prog === 'pgrep');
    const uid = /^[0-9]+$/.test(item) ? Number(item) : userId(ctx, item);
    if (uid === undefined) return errx(prog, STATUS_BADUSAGE, `Unknown user \`${item}'`);
    uids.push(uid);
  }
  return (p) => uids.includes(userId(ctx, p.user) ?? -1);
}

/** takepid: strtol of the pidfile's first line, followed by nothing or a blank, within MIN_PID..MAX_PID. */
function pidFromFile(ctx: SimCommandContext, prog: string, file: string): number | SimResult {
  const node = statOf(ctx, file);
  if (node === undefined) return errx(prog, STATUS_ERROR, `Cannot open pidfile \`${file}': No such file or directory`);
  if (node.kind === 'dir') return errx(prog, STATUS_ERROR, `Cannot read from pid file \`${file}': Is a directory`);
  if (node.kind !== 'file' || node.content === '') return errx(prog, STATUS_ERROR, `Pidfile \`${file}' is empty`);
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)(?:[ \t\n\v\f\r]|$)/.exec(node.content);
  const pid = m ? Number.parseInt(m[1]!, 10) : 0;
  if (pid < 5 || pid > 99999) return errx(prog, STATUS_ERROR, `Invalid pid in file \`${file}'`);
  return pid;
}

export const pgrep: SimCommand = (ctx) => {
  const prog = ctx.argv[0]!.slice(ctx.argv[0]!.lastIndexOf('/') + 1);
  const isPgrep = prog === 'pgrep';
  const { signum, rest } = isPgrep ? { signum: SIGTERM, rest: ctx.argv.slice(1) } : leadingSignal(ctx.argv.slice(1));
  const parsed = getopts(rest, 'DF:G:ILM:N:P:SU:ac:d:fg:ij:lnoqs:t:u:vx');
  if (parsed.error) {
    const u = usage(prog, isPgrep);
    return { ...u, stderr: `${optionError(prog, parsed.error)}${u.stderr}` };
  }
  const filters: Filter[] = [];
  let criteria = parsed.operands.length > 0;
  const flags = new Set<string>();
  let delim = '\n';
  let pidfile: string | undefined;
  for (const { flag, arg } of parsed.opts) {
    if ((flag === 'I' && isPgrep) || (['S', 'd', 'q'].includes(flag) && !isPgrep)) return usage(prog, isPgrep);
    if (NOT_SIMULATED.has(flag)) return errx(prog, STATUS_BADUSAGE, `-${flag} is not simulated by jailfleet`);
    flags.add(flag);
    if (flag === 'd') delim = arg!;
    if (flag === 'F') pidfile = arg!;
    const filter = flag === 'j' ? jailFilter(ctx, prog, arg!) : flag === 'u' || flag === 'U' ? userFilter(ctx, prog, arg!) : undefined;
    if (filter && typeof filter !== 'function') return filter;
    if (filter) filters.push(filter);
    if ('FjuUno'.includes(flag)) criteria = true;
  }
  if (!criteria) return usage(prog, isPgrep);
  if (flags.has('n') && flags.has('o')) return errx(prog, STATUS_ERROR, 'Options -n and -o are mutually exclusive');
  if (pidfile !== undefined) {
    const pid = pidFromFile(ctx, prog, pidfile);
    if (typeof pid !== 'number') return pid;
    filters.push((p) => p.pid === pid);
  }
  const patterns: RegExp[] = [];
  for (const pattern of parsed.operands) {
    const re = compile(pattern, true, flags.has('i') ? 'i' : '');
    if (typeof re === 'string') return errx(prog, STATUS_BADUSAGE, `Cannot compile regular expression \`${pattern}' (${re})`);
    patterns.push(flags.has('x') ? new RegExp(`^(?:${re.source})$`, re.flags) : re);
  }
  const procs = kernelOrder(visibleProcesses(ctx));
  let selected = procs.filter((p) => (patterns.length === 0 || patterns.some((re) => re.test(p.command))) && filters.every((f) => f(p)));
  // Started later is a higher pid here: the simulator's pids only grow.
  if ((flags.has('n') || flags.has('o')) && selected.length) {
    const pids = selected.map((p) => p.pid);
    const best = flags.has('n') ? Math.max(...pids) : Math.min(...pids);
    selected = selected.filter((p) => p.pid === best);
  }
  const acted = flags.has('v') ? procs.filter((p) => !selected.includes(p)) : selected;
  return isPgrep ? grepAct(acted, flags, delim) : killAct(ctx, prog, acted, selected, signum, flags.has('l'));
};

function grepAct(procs: SimProcess[], flags: Set<string>, delim: string): SimResult {
  if (procs.length === 0) return { stdout: '', stderr: '', code: STATUS_NOMATCH };
  if (flags.has('q')) return { stdout: '', stderr: '', code: 0 };
  const shown = procs.map((p) => (flags.has('l') ? `${p.pid} ${p.command}` : String(p.pid)));
  return { stdout: `${shown.join(delim)}\n`, stderr: '', code: 0 };
}

function killAct(ctx: SimCommandContext, prog: string, procs: SimProcess[], selected: SimProcess[], signum: number, long: boolean): SimResult {
  const stdout = long ? selected.map((p) => `kill -${signum} ${p.pid}\n`).join('') : '';
  let stderr = '';
  let any = false;
  for (const p of procs) {
    const r = deliver(ctx, p, signum);
    if (r.ok) {
      any = true;
      continue;
    }
    if ('notSimulated' in r) return { stdout, stderr: `${stderr}${prog}: pid ${p.pid}: ${r.notSimulated} is not simulated by jailfleet\n`, code: STATUS_BADUSAGE };
    stderr += `${prog}: signalling pid ${p.pid}: Invalid argument\n`;
  }
  if (long && selected.length === 0) stderr += 'No matching processes belonging to you were found\n';
  return { stdout, stderr, code: any ? 0 : STATUS_NOMATCH };
}
