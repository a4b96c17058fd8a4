/**
 * sed: -n -e -f -E/-r -i EXT (BSD: the extension is a separate, possibly
 * empty, argument or attached as -i.bak). Commands s d p q a i c y = { } !
 * with line, $, /re/ and range addresses.
 */
import { basename, dirname } from '../../fs.js';
import type { SimCommand } from '../../types.js';
import { compile } from './regex.js';
import { fail, hostPath, readInput } from './util.js';

type Addr = { k: 'line'; n: number } | { k: 'last' } | { k: 're'; re: RegExp };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: string;
  /** s: regex, replacement, flags; y: from/to; a/i/c: text; {: index of matching }. */
  re?: RegExp;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  from?: string;
  to?: string;
  end?: number;
  inRange?: boolean;
}

class SedError extends Error {}

const USAGE = 'usage: sed script [-Ealnru] [-i extension] [file ...]\n\tsed [-Ealnu] [-i extension] [-e script] ... [-f script_file] ... [file ...]';

function parseScript(script: string, extended: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  const blocks: number[] = [];
  let i = 0;
  const s = script;
  const skipWs = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const delimited = (delim: string): string => {
    let out = '';
    for (; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length) {
        const n = s[i + 1]!;
        out += n === delim ? n : n === 'n' ? '\n' : `\\${n}`;
        i++;
        continue;
      }
      if (c === delim) {
        i++;
        return out;
      }
      if (c === '\n' && delim !== '\n') throw new SedError('unterminated substitute pattern');
      out += c;
    }
    throw new SedError(`unterminated ${delim === '/' ? 'regular expression' : 'substitute pattern'}`);
  };
  const regex = (src: string, flags = ''): RegExp => {
    const re = compile(src, extended, flags);
    if (typeof re === 'string') throw new SedError(`RE error: ${re}`);
    return re;
  };
  let lastRe: RegExp | undefined;
  const addr = (): Addr | undefined => {
    const c = s[i];
    if (c !== undefined && /[0-9]/.test(c)) {
      let n = '';
      while (/[0-9]/.test(s[i] ?? '')) n += s[i++];
      return { k: 'line', n: Number(n) };
    }
    if (c === '$') {
      i++;
      return { k: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = s[i + 1]!;
        i++;
      }
      i++;
      const src = delimited(delim);
      let flags = '';
      if (s[i] === 'I') {
        flags = 'i';
        i++;
      }
      const re = src === '' && lastRe ? lastRe : regex(src, flags);
      lastRe = re;
      return { k: 're', re };
    }
    return undefined;
  };
  const text = (): string => {
    // BSD "a\<newline>text" and the one-line "a text".
    if (s[i] === '\\') {
      i++;
      if (s[i] === '\n') i++;
    } else skipWs();
    let out = '';
    for (; i < s.length && s[i] !== '\n'; i++) {
      if (s[i] === '\\' && s[i + 1] === '\n') {
        out += '\n';
        i++;
      } else if (s[i] === '\\' && i + 1 < s.length) {
        out += s[++i];
      } else out += s[i];
    }
    return out;
  };
  while (i < s.length) {
    while (i < s.length && /[\s;]/.test(s[i]!)) i++;
    if (i >= s.length) break;
    if (s[i] === '#') {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    const cmd: Cmd = { negate: false, name: '' };
    cmd.a1 = addr();
    if (cmd.a1 && s[i] === ',') {
      i++;
      cmd.a2 = addr();
      if (!cmd.a2) throw new SedError('expected context address');
    }
    skipWs();
    while (s[i] === '!') {
      cmd.negate = true;
      i++;
      skipWs();
    }
    const name = s[i++];
    if (name === undefined) throw new SedError('command expected');
    cmd.name = name;
    switch (name) {
      case 's': {
        const delim = s[i++]!;
        const pat = delimited(delim);
        cmd.repl = delimited(delim);
        cmd.global = false;
        let flags = '';
        for (; i < s.length && !/[\s;}]/.test(s[i]!); i++) {
          const f = s[i]!;
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I') flags += 'i';
          else if (/[0-9]/.test(f)) cmd.nth = (cmd.nth ?? 0) * 10 + Number(f);
          else if (f === 'w') throw new SedError('w flag not supported by the simulator');
          else throw new SedError(`bad flag in substitute command: '${f}'`);
        }
        cmd.re = pat === '' && lastRe ? lastRe : regex(pat, `${flags}g`);
        if (pat !== '') lastRe = cmd.re;
        break;
      }
      case 'y': {
        const delim = s[i++]!;
        cmd.from = delimited(delim).replace(/\\\\/g, '\\');
        cmd.to = delimited(delim).replace(/\\\\/g, '\\');
        if (cmd.from.length !== cmd.to.length) throw new SedError('transform strings are not the same length');
        break;
      }
      case 'a':
      case 'i':
      case 'c':
        cmd.text = text();
        break;
      case '{':
        blocks.push(cmds.length);
        break;
      case '}': {
        const open = blocks.pop();
        if (open === undefined) throw new SedError('unexpected }');
        cmds[open]!.end = cmds.length;
        break;
      }
      case 'q':
      case 'Q':
      case 'd':
      case 'D':
      case 'p':
      case 'P':
      case '=':
      case 'n':
      case 'N':
      case 'h':
      case 'H':
      case 'g':
      case 'G':
      case 'x':
        break;
      default:
        throw new SedError(`invalid command code ${name}`);
    }
    cmds.push(cmd);
  }
  if (blocks.length) throw new SedError('unmatched {');
  return cmds;
}

function expandReplacement(repl: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < repl.length) {
      const n = repl[++i]!;
      if (/[0-9]/.test(n)) out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else out += n;
    } else out += c;
  }
  return out;
}

function substitute(line: string, cmd: Cmd): { text: string; changed: boolean } {
  const re = cmd.re!;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let changed = false;
  for (;;) {
    const m = re.exec(line);
    if (!m) break;
    count++;
    const want = cmd.nth ? count === cmd.nth || (cmd.global && count > cmd.nth) : true;
    if (want) {
      out += line.slice(last, m.index) + expandReplacement(cmd.repl!, m);
      last = m.index + m[0].length;
      changed = true;
      if (!cmd.global) break;
    }
    if (m[0].length === 0) re.lastIndex++;
    if (re.lastIndex > line.length) break;
  }
  return { text: changed ? out + line.slice(last) : line, changed };
}

function run(cmds: Cmd[], input: string, quiet: boolean): string {
  const lines = input === '' ? [] : input.split('\n');
  const trailingNewline = input.endsWith('\n');
  if (trailingNewline) lines.pop();
  let out = '';
  let hold = '';
  const emit = (t: string, nl = true): void => {
    out += nl ? `${t}\n` : t;
  };
  for (const c of cmds) c.inRange = false;
  let n = 0;
  while (n < lines.length) {
    let space = lines[n]!;
    n++;
    const isLast = (): boolean => n === lines.length;
    const matches = (a: Addr): boolean => (a.k === 'line' ? a.n === n : a.k === 'last' ? isLast() : a.re.test(space));
    const selected = (c: Cmd): boolean => {
      let hit: boolean;
      if (!c.a1) hit = true;
      else if (!c.a2) hit = matches(c.a1);
      else if (c.inRange) {
        hit = true;
        if (c.a2.k === 'line' ? n >= c.a2.n : matches(c.a2)) c.inRange = false;
      } else if (matches(c.a1)) {
        hit = true;
        c.inRange = !(c.a2.k === 'line' && c.a2.n <= n);
      } else hit = false;
      return hit !== c.negate;
    };
    let append = '';
    let deleted = false;
    let quit = false;
    let printSpace = !quiet;
    for (let pc = 0; pc < cmds.length; pc++) {
      const c = cmds[pc]!;
      if (c.name === '}') continue;
      if (!selected(c)) {
        if (c.name === '{') pc = c.end!;
        continue;
      }
      switch (c.name) {
        case 's': {
          const r = substitute(space, c);
          space = r.text;
          if (r.changed && c.print) emit(space);
          break;
        }
        case 'y':
          space = [...space].map((ch) => {
            const k = c.from!.indexOf(ch);
            return k < 0 ? ch : c.to![k]!;
          }).join('');
          break;
        case 'd':
        case 'D':
          deleted = true;
          break;
        case 'p':
          emit(space);
          break;
        case 'P':
          emit(space.split('\n')[0]!);
          break;
        case '=':
          emit(String(n));
          break;
        case 'a':
          append += `${c.text}\n`;
          break;
        case 'i':
          emit(c.text!);
          break;
        case 'c':
          if (!c.a2 || !c.inRange) emit(c.text!);
          deleted = true;
          break;
        case 'q':
          quit = true;
          break;
        case 'Q':
          quit = true;
          printSpace = false;
          break;
        case 'n':
          if (!quiet) emit(space);
          if (n >= lines.length) {
            quit = true;
            printSpace = false;
            break;
          }
          space = lines[n++]!;
          break;
        case 'N':
          if (n >= lines.length) break;
          space += `\n${lines[n++]}`;
          break;
        case 'h':
          hold = space;
          break;
        case 'H':
          hold += `\n${space}`;
          break;
        case 'g':
          space = hold;
          break;
        case 'G':
          space += `\n${hold}`;
          break;
        case 'x':
          [space, hold] = [hold, space];
          break;
      }
      if (deleted || quit) break;
    }
    if (!deleted && printSpace) emit(space, n < lines.length || trailingNewline || quit);
    out += append;
    if (quit) break;
  }
  return out;
}

export const sed: SimCommand = (ctx) => {
  const argv = ctx.argv;
  const scripts: string[] = [];
  let quiet = false;
  let extended = false;
  let inPlace: string | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'n') quiet = true;
      else if (c === 'E' || c === 'r') extended = true;
      else if (c === 'u' || c === 'a' || c === 'l') continue;
      else if (c === 'e' || c === 'f' || c === 'i' || c === 'I') {
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (value === undefined) return fail(`sed: option requires an argument -- ${c}\n${USAGE}\n`);
        if (c === 'e') scripts.push(value);
        else if (c === 'f') {
          const r = readInput(ctx, 'sed', value);
          if ('error' in r) return fail(r.error);
          scripts.push(r.text);
        } else inPlace = value;
        break;
      } else return fail(`sed: illegal option -- ${c}\n${USAGE}\n`);
    }
  }
  const rest = argv.slice(i);
  if (scripts.length === 0) {
    const s = rest.shift();
    if (s === undefined) return fail(`${USAGE}\n`);
    scripts.push(s);
  }
  let cmds: Cmd[];
  try {
    cmds = parseScript(scripts.join('\n'), extended);
  } catch (err) {
    if (err instanceof SedError) return fail(`sed: 1: "${scripts.join('\n')}": ${err.message}\n`);
    throw err;
  }
  const fs = ctx.host.fs;
  if (inPlace !== undefined) {
    let stderr = '';
    if (rest.length === 0) return fail('sed: -I or -i may not be used with stdin\n');
    for (const f of rest) {
      const host = hostPath(ctx, f);
      // usr.bin/sed/main.c mf_fgets(): lstat(2) each file before editing it, err(1) when that fails and
      // errx(1) "in-place editing only works for regular files" unless S_ISREG: a symbolic link is
      // refused, not written through. Both end sed at once; the files before it stay edited.
      const own = fs.lstat(`${fs.realpath(dirname(host))}/${basename(host)}`);
      if (!own) return fail(`${stderr}sed: ${f}: No such file or directory\n`);
      if (own.kind !== 'file') return fail(`${stderr}sed: ${f}: in-place editing only works for regular files\n`);
      const r = readInput(ctx, 'sed', f);
      if ('error' in r) {
        stderr += r.error;
        continue;
      }
      // usr.bin/sed/main.c: the backup is link(2) of the original (an old one unlinked first), and the
      // output a new file renamed over it, so other hard links keep the old text.
      if (inPlace !== '') {
        if (fs.lstat(`${host}${inPlace}`)) fs.remove(`${host}${inPlace}`);
        fs.link(host, `${host}${inPlace}`);
      }
      fs.replaceFile(host, run(cmds, r.text, quiet));
    }
    return fail(stderr, stderr ? 1 : 0);
  }
  let input = '';
  let stderr = '';
  for (const f of rest.length ? rest : ['-']) {
    const r = readInput(ctx, 'sed', f);
    if ('error' in r) stderr += r.error;
    else input += r.text;
  }
  return { stdout: run(cmds, input, quiet), stderr, code: stderr ? 1 : 0 };
};
