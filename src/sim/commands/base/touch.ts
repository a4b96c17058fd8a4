/** touch and mktemp. */
import { SimFsError } from '../../fs.js';
import type { SimCommand, SimState } from '../../types.js';
import { D_FORMAT, obsoleteTime, parseTouchD, parseTouchT, T_FORMAT } from './touch-time.js';
import { fail, getopt, hostPath, isResult, lstatOf, statOf } from './util.js';

const TOUCH_USAGE = 'usage: touch [-A [-][[hh]mm]SS] [-achm] [-r file] [-t [[CC]YY]MMDDhhmm[.SS]]\n       [-d YYYY-MM-DDThh:mm:SS[.frac][tz]] file ...';

/** -A [-][[hh]mm]SS: seconds to move each file's time by (touch.c main: "out of range or illegal time specification: [-][[hh]mm]SS"). */
function adjustment(arg: string): number | undefined {
  const m = /^(-?)(\d{2}|\d{4}|\d{6})$/.exec(arg);
  if (!m) return undefined;
  const d = m[2]!.padStart(6, '0');
  const s = Number(d.slice(0, 2)) * 3600 + Number(d.slice(2, 4)) * 60 + Number(d.slice(4, 6));
  return m[1] ? -s : s;
}

/**
 * touch(1) (usr.bin/touch/touch.c): a missing file is created (not with
 * -c); the modification time becomes the time given by -t, -d or -r (-r:
 * the other file's, err(1) when it cannot be stat'ed), else now; -A moves
 * it by an offset instead; -a alone leaves it (the simulator keeps no
 * access time); -h changes a symbolic link itself.
 */
export const touch: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'A:acd:fhmr:t:', TOUCH_USAGE);
  if (isResult(p)) return p;
  const fs = ctx.host.fs;
  let time: number | undefined;
  const t = p.opts.get('t');
  const d = p.opts.get('d');
  const r = p.opts.get('r');
  const a = p.opts.get('A');
  if (typeof t === 'string' && (time = parseTouchT(t, ctx.host.state.clock)) === undefined) return fail(`touch: ${T_FORMAT}\n`);
  if (typeof d === 'string' && (time = parseTouchD(d)) === undefined) return fail(`touch: ${D_FORMAT}\n`);
  if (typeof r === 'string') {
    const ref = p.opts.has('h') ? lstatOf(ctx, r) : statOf(ctx, r);
    if (!ref) return fail(`touch: ${r}: No such file or directory\n`);
    time = ref.mtime;
  }
  let shift = typeof a === 'string' ? adjustment(a) : undefined;
  if (typeof a === 'string' && shift === undefined) return fail('touch: out of range or illegal time specification: [-][[hh]mm]SS\n');
  const args = [...p.args];
  if (time !== undefined && shift !== undefined) {
    // An offset from a given time: applied once, here.
    time += shift;
    shift = undefined;
  } else if (time === undefined && args.length > 1 && /^(\d{8}|\d{10})$/.test(args[0]!)) {
    // The obsolete form: a first operand MMDDhhmm[yy] (stime_arg2).
    time = obsoleteTime(args.shift()!, ctx.host.state.clock);
    if (time === undefined) return fail('touch: out of range or illegal time specification: MMDDhhmm[yy]\n');
  }
  if (args.length === 0) return fail(`${TOUCH_USAGE}\n`);
  // Default is both -a and -m; -a alone leaves the modification time.
  const setsMtime = p.opts.has('m') || !p.opts.has('a');
  // -h and -A never create a file.
  const create = !p.opts.has('c') && !p.opts.has('h') && shift === undefined;
  let stderr = '';
  for (const f of args) {
    const host = hostPath(ctx, f);
    try {
      const node = p.opts.has('h') ? fs.lstat(host) : fs.stat(host);
      if (!node) {
        if (!create) continue;
        fs.writeFile(host, '');
        if (time === undefined) continue;
      }
      fs.assertWritable(host); // utimensat(2) under a read-only mount: EROFS
      const target = node ?? fs.stat(host)!;
      if (!setsMtime) continue;
      target.mtime = shift !== undefined ? target.mtime + shift : time ?? ctx.host.state.clock;
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      stderr += `touch: ${f}: ${err.strerror}\n`;
    }
  }
  return fail(stderr, stderr ? 1 : 0);
};

const counters = new WeakMap<SimState, number>();
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Deterministic per host: the same run produces the same names. */
function suffix(state: SimState, length: number): string {
  const n = (counters.get(state) ?? 0) + 1;
  counters.set(state, n);
  let x = (n * 2654435761 + state.clock) >>> 0;
  let s = '';
  for (let i = 0; i < length; i++) {
    s += ALPHABET[x % ALPHABET.length];
    x = (Math.imul(x, 1103515245) + 12345 + i) >>> 0;
  }
  return s;
}

export const mktemp: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'dqt:up:', 'usage: mktemp [-d] [-p tmpdir] [-q] [-t prefix] [-u] template ...\n       mktemp [-d] [-p tmpdir] [-q] [-u] -t prefix ');
  if (isResult(p)) return p;
  const fs = ctx.host.fs;
  const tmpdir = typeof p.opts.get('p') === 'string' ? (p.opts.get('p') as string) : (ctx.env.TMPDIR ?? '/tmp');
  const prefix = p.opts.get('t');
  const templates = p.args.length ? p.args : [`${tmpdir.replace(/\/$/, '')}/${typeof prefix === 'string' ? prefix : 'tmp'}.XXXXXXXX`];
  let stdout = '';
  let stderr = '';
  for (const t of templates) {
    const m = /X*$/.exec(t)!;
    const base = t.slice(0, t.length - m[0].length);
    let made = false;
    for (let attempt = 0; attempt < 100 && !made; attempt++) {
      const name = base + suffix(ctx.host.state, m[0].length);
      const host = hostPath(ctx, name);
      if (fs.lstat(host)) continue;
      try {
        if (!p.opts.has('u')) {
          if (p.opts.has('d')) fs.mkdir(host, { mode: 0o700 });
          else fs.writeFile(host, '', { mode: 0o600 });
        }
      } catch (err) {
        if (!(err instanceof SimFsError)) throw err;
        if (!p.opts.has('q')) stderr += `mktemp: mkstemp failed on ${name}: ${err.strerror}\n`;
        break;
      }
      stdout += `${name}\n`;
      made = true;
    }
    if (!made && !stderr && !p.opts.has('q')) stderr += `mktemp: mkstemp failed on ${t}: File exists\n`;
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
