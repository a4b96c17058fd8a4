/**
 * cmp(1) as FreeBSD's usr.bin/cmp has it (cmp.c, regular.c, misc.c): the
 * files compared byte by byte from their skips (operands or -i, with
 * expand_number's k/m/g suffixes) up to -n bytes; the first difference is
 * `FILE1 FILE2 differ: char N, line M` on stdout (-b adds the two bytes),
 * -l lists every differing byte (`%6lld %3o %3o`), -x in hex; a file that
 * ends first is `cmp: EOF on FILE` on stderr. -s prints nothing, and with
 * no skips compares sizes first (-z). Exit 0 the same, 1 different, 2
 * trouble (usage, a file that cannot be read). `-` is stdin. With -h two
 * symbolic links are compared as their targets (link.c), a link and a file
 * not at all (`Not a symbolic link`).
 */
import { bytesOfText, textOfBytes } from '../../bytes.js';
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';
import { getopts } from '../freebsd/getopts.js';
import { lstatOf, optionError, readInput, statOf } from './util.js';

const DIFF_EXIT = 1;
const ERR_EXIT = 2;
const USAGE = 'usage: cmp [-l | -s | -x] [-hz] file1 file2 [skip1 [skip2]]\n';
const LONG: Record<string, string> = { '--print-bytes': '-b', '--verbose': '-l', '--silent': '-s', '--quiet': '-s' };

class Result {
  stdout = '';
  stderr = '';
  end(code: number): SimResult {
    return { stdout: this.stdout, stderr: this.stderr, code };
  }
}

/** expand_number(3): a number (strtoumax base 0) with an optional k/m/g/t/p/e suffix (powers of 1024). */
function expandNumber(text: string): number | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([kKmMgGtTpPeE]?)$/.exec(text);
  if (!m) return undefined;
  const digits = m[1]!;
  const n = /^0[xX]/.test(digits) ? Number.parseInt(digits.slice(2), 16) : digits.startsWith('0') ? Number.parseInt(digits, 8) : Number(digits);
  return n * 1024 ** ' kmgtpe'.indexOf((m[2] || ' ').toLowerCase());
}

/** Long options to their short forms (getopt_long's table), `--name=value` split. */
function shortOptions(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--') || a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const [name, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (LONG[name]) out.push(LONG[name]);
    else if (name === '--bytes' || name === '--ignore-initial') out.push(name === '--bytes' ? '-n' : '-i', value ?? args[++i] ?? '');
    else out.push(a);
  }
  return out;
}

const octal = (b: number, w: number) => b.toString(8).padStart(w);
const char = (b: number) => textOfBytes(Uint8Array.of(b));

export const cmp: SimCommand = (ctx) => {
  const r = new Result();
  const parsed = getopts(shortOptions(ctx.argv.slice(1)), 'bhi:ln:sxz');
  if (parsed.error) {
    r.stderr = `${optionError('cmp', parsed.error)}${USAGE}`;
    return r.end(ERR_EXIT);
  }
  const flags = new Set(parsed.opts.map((o) => o.flag));
  if (flags.has('x')) flags.add('l');
  let skip1 = 0;
  let skip2 = 0;
  let limit = 0;
  for (const { flag, arg } of parsed.opts) {
    if (flag === 'i') {
      const [a, b] = arg!.split(':', 2);
      const s1 = expandNumber(a!);
      const s2 = b === undefined ? s1 : expandNumber(b);
      if (s1 === undefined || s2 === undefined) return usage(r, `Invalid --ignore-initial: ${arg}\n`);
      [skip1, skip2] = [s1, s2];
    }
    if (flag === 'n') {
      const n = expandNumber(arg!);
      if (n === undefined) return usage(r, `Invalid --bytes: ${arg}\n`);
      limit = n;
    }
  }
  const silent = flags.has('s');
  if (flags.has('l') && silent) {
    r.stderr = 'cmp: specifying -s with -l or -x is not permitted\n';
    return r.end(ERR_EXIT);
  }
  const args = parsed.operands;
  if (args.length < 2 || args.length > 4) return usage(r);
  if (args[0] === '-' && args[1] === '-') {
    r.stderr = 'cmp: standard input may only be specified once\n';
    return r.end(ERR_EXIT);
  }
  const names = args.slice(0, 2).map((a) => (a === '-' ? 'stdin' : a)) as [string, string];
  const inputs: Input[] = [];
  for (const a of args.slice(0, 2)) {
    const got = read(ctx, a, flags.has('h'));
    if (typeof got === 'string') return trouble(r, got, silent);
    inputs.push(got);
  }
  if (args[2] !== undefined) {
    const s = expandNumber(args[2]);
    if (s === undefined) return usage(r, `Invalid skip1: ${args[2]}\n`);
    skip1 = s;
  }
  if (args[3] !== undefined) {
    const s = expandNumber(args[3]);
    if (s === undefined) return usage(r, `Invalid skip2: ${args[3]}\n`);
    skip2 = s;
  }
  // A directory opens, and fails only when read (c_special: file1's error first).
  const unreadable = inputs.find((i): i is { unreadable: string } => 'unreadable' in i);
  if (unreadable) return trouble(r, unreadable.unreadable, silent);
  const [in1, in2] = inputs as [Uint8Array | { link: Uint8Array }, Uint8Array | { link: Uint8Array }];
  // -h: a symbolic link is opened with O_NOFOLLOW, which fails (EMLINK); two links are compared as their targets.
  if ('link' in in1 || 'link' in in2) {
    if ('link' in in1 && 'link' in in2) return compareLinks(r, [in1.link, in2.link], names, [skip1, skip2], limit, flags);
    if (!silent) r.stderr = `cmp: ${'link' in in1 ? names[1] : names[0]}: Not a symbolic link\n`;
    return r.end(ERR_EXIT);
  }
  // cmp.c: -s without skips compares sizes first (regular files; stdin is read as it comes).
  const sizeFirst = flags.has('z') || (silent && skip1 === 0 && skip2 === 0);
  if (sizeFirst && !args.slice(0, 2).some(isSpecial) && in1.length !== in2.length) {
    if (!silent) r.stdout = `${names[0]} ${names[1]} differ: size\n`;
    return r.end(DIFF_EXIT);
  }
  return compare(r, [in1, in2], names, [skip1, skip2], limit, flags);
};

/** err(ERR_EXIT, "%s", file): `cmp: FILE: strerror`, unless -s. */
function trouble(r: Result, line: string, silent: boolean): SimResult {
  if (!silent) r.stderr = line;
  return r.end(ERR_EXIT);
}

/** Operands that are no regular file (stdin, the null device): read as they come, never compared by size first. */
const isSpecial = (arg: string) => arg === '-' || arg === '/dev/stdin' || arg === '/dev/null';

function usage(r: Result, before = ''): SimResult {
  r.stderr += `${before}${USAGE}`;
  return r.end(ERR_EXIT);
}

/** An operand opened: its bytes, with -h a link's target, or a directory that a read will fail on. */
type Input = Uint8Array | { link: Uint8Array } | { unreadable: string };

/** A file's bytes (with -h, a link's target), or the `cmp: FILE: strerror` line of the open that fails. */
function read(ctx: SimCommandContext, arg: string, noFollow: boolean): Input | string {
  const node = noFollow && !isSpecial(arg) ? lstatOf(ctx, arg) : undefined;
  if (node?.kind === 'link') return { link: bytesOfText(node.target) };
  if (!isSpecial(arg) && statOf(ctx, arg)?.kind === 'dir') return { unreadable: `cmp: ${arg}: Is a directory\n` };
  const got = readInput(ctx, 'cmp', arg);
  return 'error' in got ? got.error : bytesOfText(got.text);
}

/** Report one differing byte as -l or -x lists it; else the first difference's message, and false: cmp stops there. */
function difference(r: Result, byte: number, line: number, c1: number, c2: number, [f1, f2]: [string, string], flags: Set<string>): boolean {
  if (flags.has('x')) r.stdout += `${(byte - 1).toString(16).padStart(8, '0')} ${c1.toString(16).padStart(2, '0')} ${c2.toString(16).padStart(2, '0')}\n`;
  else if (flags.has('l')) r.stdout += flags.has('b') ? `${String(byte).padStart(6)} ${octal(c1, 3)} ${char(c1)} ${octal(c2, 3)} ${char(c2)}\n` : `${String(byte).padStart(6)} ${octal(c1, 3)} ${octal(c2, 3)}\n`;
  else {
    if (!flags.has('s')) r.stdout += `${f1} ${f2} differ: char ${byte}, line ${line}${flags.has('b') ? ` is ${octal(c1, 3)} ${char(c1)} ${octal(c2, 3)} ${char(c2)}` : ''}\n`;
    return false;
  }
  return true;
}

function eofOn(r: Result, file: string, flags: Set<string>): SimResult {
  if (!flags.has('s')) r.stderr += `cmp: EOF on ${file}\n`;
  return r.end(DIFF_EXIT);
}

/**
 * link.c c_link: the two targets from their skips (cut to the target's
 * length), line always 1; stopped by -n with both targets left over, it
 * still reports EOF on the second, as the C loop's test does.
 */
function compareLinks(r: Result, [t1, t2]: [Uint8Array, Uint8Array], names: [string, string], [skip1, skip2]: [number, number], limit: number, flags: Set<string>): SimResult {
  let p1 = Math.min(skip1, t1.length);
  let p2 = Math.min(skip2, t2.length);
  let found = false;
  for (let byte = 1; p1 < t1.length && p2 < t2.length && (limit === 0 || byte <= limit); p1++, p2++, byte++) {
    if (t1[p1] === t2[p2]) continue;
    found = true;
    if (!difference(r, byte, 1, t1[p1]!, t2[p2]!, names, flags)) return r.end(DIFF_EXIT);
  }
  if (p1 < t1.length || p2 < t2.length) return eofOn(r, p1 < t1.length ? names[1] : names[0], flags);
  return r.end(found ? DIFF_EXIT : 0);
}

/** regular.c c_regular: the bytes from the skips on, then the lengths. */
function compare(r: Result, [b1, b2]: [Uint8Array, Uint8Array], [f1, f2]: [string, string], [skip1, skip2]: [number, number], limit: number, flags: Set<string>): SimResult {
  const eof = (file: string) => eofOn(r, file, flags);
  if (skip1 > b1.length) return eof(f1);
  if (skip2 > b2.length) return eof(f2);
  const len1 = b1.length - skip1;
  const len2 = b2.length - skip2;
  if (flags.has('s') && len1 !== len2) return r.end(DIFF_EXIT);
  let length = Math.min(len1, len2);
  if (limit > 0) length = Math.min(length, limit);
  let found = false;
  let line = 1;
  for (let byte = 1; byte <= length; byte++) {
    const c1 = b1[skip1 + byte - 1]!;
    const c2 = b2[skip2 + byte - 1]!;
    if (c1 !== c2) {
      found = true;
      if (!difference(r, byte, line, c1, c2, [f1, f2], flags)) return r.end(DIFF_EXIT);
    }
    if (c1 === 10) line++;
  }
  // As regular.c does, also when -n stopped the comparison short of both ends.
  if (len1 !== len2) return eof(len1 > len2 ? f2 : f1);
  return r.end(found ? DIFF_EXIT : 0);
}
