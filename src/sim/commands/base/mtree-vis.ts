/**
 * Names in a spec: vispath() and strunvis() as mtree uses them.
 *
 * Sources: contrib/mtree/spec.c vispath() (NetBSD 1.89): the netbsd6 flavor
 * uses strsvis(VIS_CSTYLE, " \t\n\\#"), every other flavor -- FreeBSD's
 * default "mtree" -- strsvis(VIS_OCTAL, " \t\n\\#*?["), so a space is "\040".
 * The encoding rules are libc vis(3)'s (the SVIS macro / do_mbyte()): a
 * printable ASCII byte not in the extra set stays, anything else becomes
 * "\ooo" (VIS_OCTAL) or a C-style escape (VIS_CSTYLE); spec.c decodes names
 * and link= values with strunvis(3). mtree runs in the C locale, so each
 * byte of a UTF-8 name is encoded on its own.
 */
import type { Flavor } from './mtree-keys.js';

const EXTRA_GLOB = ' \t\n\\#*?[';
const EXTRA = ' \t\n\\#';
const CSTYLE: Record<number, string> = { 10: 'n', 13: 'r', 8: 'b', 7: 'a', 11: 'v', 9: 't', 12: 'f', 32: 's' };

const isGraph = (c: number): boolean => c > 0x20 && c < 0x7f;
const octal = (c: number): string => `\\${c.toString(8).padStart(3, '0')}`;

function cstyle(c: number, next: number | undefined, extra: boolean): string {
  const named = CSTYLE[c];
  if (named !== undefined) return `\\${named}`;
  if (c === 0) return next !== undefined && next >= 0x30 && next <= 0x37 ? '\\000' : '\\0';
  if (isGraph(c) && !(c >= 0x30 && c <= 0x37)) return `\\${String.fromCharCode(c)}`;
  if (extra || (c & 0x7f) === 0x20) return octal(c);
  // vis(3)'s meta and control forms: \M-x, \^X, \M^X.
  const meta = c & 0x80 ? 'M' : '';
  const low = c & 0x7f;
  if (low < 0x20 || low === 0x7f) return `\\${meta}^${low === 0x7f ? '?' : String.fromCharCode(low + 0x40)}`;
  return `\\${meta}-${String.fromCharCode(low)}`;
}

/** vispath(): the name as -c writes it (and link= targets). */
export function visPath(name: string, flavor: Flavor): string {
  const bytes = Buffer.from(name, 'utf8');
  const extra = flavor === 'netbsd6' ? EXTRA : EXTRA_GLOB;
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    const isExtra = extra.includes(String.fromCharCode(c));
    if (!isExtra && isGraph(c)) out += String.fromCharCode(c);
    else out += flavor === 'netbsd6' ? cstyle(c, bytes[i + 1], isExtra) : octal(c);
  }
  return out;
}

const UNCSTYLE: Record<string, number> = { n: 10, r: 13, b: 8, a: 7, v: 11, t: 9, f: 12, s: 32, E: 27 };

/** strunvis(3): decode every form vis(3) writes; undefined where it fails (a dangling "\"). */
export function strunvis(text: string): string | undefined {
  const src = Buffer.from(text, 'utf8');
  const out: number[] = [];
  let i = 0;
  const at = (k: number): string => String.fromCharCode(src[k] ?? 0);
  while (i < src.length) {
    const c = src[i++]!;
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    if (i >= src.length) return undefined;
    const e = at(i++);
    if (e >= '0' && e <= '7') {
      let v = Number(e);
      for (let n = 0; n < 2 && at(i) >= '0' && at(i) <= '7'; n++) v = v * 8 + Number(at(i++));
      out.push(v & 0xff);
    } else if (e === 'x') {
      let v = 0;
      let n = 0;
      for (; n < 2 && /[0-9a-fA-F]/.test(at(i)); n++) v = v * 16 + parseInt(at(i++), 16);
      if (n === 0) return undefined;
      out.push(v);
    } else if (e === 'M' || e === '^') {
      const meta = e === 'M' ? 0x80 : 0;
      const form = e === 'M' ? at(i++) : '^';
      if (i >= src.length || (form !== '-' && form !== '^')) return undefined;
      const ch = src[i++]!;
      out.push(meta | (form === '-' ? ch : ch === 0x3f ? 0x7f : ch & 0x1f));
    } else if (UNCSTYLE[e] !== undefined) {
      out.push(UNCSTYLE[e]!);
    } else if (e === '\n' || e === '$') {
      // Hidden newline and end marker: decode to nothing.
    } else if (e === '\\' || isGraph(e.charCodeAt(0))) {
      out.push(e.charCodeAt(0));
    } else {
      return undefined;
    }
  }
  return Buffer.from(out).toString('utf8');
}
