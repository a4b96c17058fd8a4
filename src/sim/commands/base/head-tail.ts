/** head and tail: -n N, -c N (bytes of the UTF-8 text, not characters), tail's +N, and the old -N form. */
import { utf8Offset } from '../../shell/io.js';
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';
import { fail, readInput } from './util.js';

interface Count {
  lines: boolean;
  n: number;
  fromStart: boolean;
}

function parse(ctx: SimCommandContext, name: 'head' | 'tail'): { count: Count; files: string[] } | SimResult {
  const usage = name === 'head' ? 'usage: head [-n lines | -c bytes] [file ...]' : 'usage: tail [-F | -f | -r] [-q] [-b # | -c # | -n #] [file ...]';
  const count: Count = { lines: true, n: 10, fromStart: false };
  const argv = ctx.argv;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (/^-[0-9]+$/.test(a)) {
      count.n = Number(a.slice(1));
      continue;
    }
    if (!a.startsWith('-') || a === '-') break;
    const c = a[1]!;
    if (c === 'f' || c === 'F' || c === 'q') continue;
    if (c !== 'n' && c !== 'c') return fail(`${name}: illegal option -- ${c}\n${usage}\n`);
    const v = a.length > 2 ? a.slice(2) : argv[++i];
    if (v === undefined) return fail(`${name}: option requires an argument -- ${c}\n${usage}\n`);
    const m = /^([+-]?)([0-9]+)$/.exec(v);
    if (!m) return fail(`${name}: illegal ${c === 'n' ? 'line' : 'byte'} count -- ${v}\n`);
    count.lines = c === 'n';
    count.n = Number(m[2]);
    count.fromStart = name === 'tail' && m[1] === '+';
  }
  return { count, files: argv.slice(i) };
}

/** The text from byte `from` of its UTF-8 encoding on (a character cut in two is left out). */
function fromByte(text: string, from: number): string {
  return text.slice(utf8Offset(text, 0, from).at);
}

/**
 * `head -n N`: the text through its Nth newline, or all of it (a last line
 * without a newline stays without). Found with indexOf: the fact batch
 * heads whole files (N = 2147483647), which a split and join would copy.
 */
function firstLines(text: string, n: number): string {
  let at = 0;
  for (let k = 0; k < n; k++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text;
    at = nl + 1;
  }
  return text.slice(0, at);
}

function take(text: string, c: Count, name: 'head' | 'tail'): string {
  if (!c.lines) {
    if (name === 'head') return text.slice(0, utf8Offset(text, 0, c.n).at);
    if (c.fromStart) return fromByte(text, Math.max(0, c.n - 1));
    const size = Buffer.byteLength(text, 'utf8');
    return c.n === 0 ? '' : fromByte(text, Math.max(0, size - c.n));
  }
  if (name === 'head') return firstLines(text, c.n);
  const parts = text.split('\n');
  const complete = text.endsWith('\n');
  if (complete) parts.pop();
  // tail: the last lines, or those from line N on (+N); the last one keeps its missing newline.
  const chosen = c.fromStart ? parts.slice(Math.max(0, c.n - 1)) : c.n === 0 ? [] : parts.slice(-c.n);
  if (chosen.length === 0) return '';
  return chosen.join('\n') + (complete ? '\n' : '');
}

/**
 * /dev/zero is endless, which a text model cannot hold: only a bounded read
 * (`head -c N`, `head -n N` of a file with no newline = everything) is served.
 */
function zeros(c: Count, name: 'head' | 'tail'): { text: string } | { error: string } {
  if (name === 'head' && !c.lines) return { text: '\0'.repeat(c.n) };
  return { error: `${name}: /dev/zero: reading an endless device is not simulated\n` };
}

/**
 * `head -c N` of stdin reads N bytes and no more, as read(2) with a count:
 * the rest stays for the next reader (a session reads one round's chunk
 * after its header line). On a session's open stdin it waits for all N.
 */
function stdinBytes(ctx: SimCommandContext, file: string, c: Count, name: 'head' | 'tail'): { text: string } | undefined {
  if (name !== 'head' || c.lines || (file !== '-' && file !== '/dev/stdin') || !ctx.stdinBytes) return undefined;
  return { text: ctx.stdinBytes(c.n) };
}

function headTail(name: 'head' | 'tail'): SimCommand {
  return (ctx) => {
    const p = parse(ctx, name);
    if ('code' in p) return p;
    const files = p.files.length ? p.files : ['-'];
    let stdout = '';
    let stderr = '';
    // A header for each file opened, after a newline unless it is the first one opened (head.c: `first` is cleared after the printf that follows fopen).
    let first = true;
    files.forEach((f) => {
      const r = f === '/dev/zero' ? zeros(p.count, name) : stdinBytes(ctx, f, p.count, name) ?? readInput(ctx, name, f);
      if ('error' in r) {
        stderr += r.error;
        return;
      }
      if (files.length > 1) stdout += `${first ? '' : '\n'}==> ${f} <==\n`;
      first = false;
      stdout += take(r.text, p.count, name);
    });
    return { stdout, stderr, code: stderr ? 1 : 0 };
  };
}

export const head = headTail('head');
export const tail = headTail('tail');
