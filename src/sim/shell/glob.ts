/** Pathname expansion against the simulated filesystem, as seen from a root and cwd. */
import type { SimFs } from '../fs.js';
import { hasGlob, patternRegExp } from './pattern.js';

function join(prefix: string, name: string): string {
  if (prefix === '') return name;
  return prefix.endsWith('/') ? prefix + name : `${prefix}/${name}`;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Sorted matches of `pattern`; empty when nothing matches (the caller keeps the word). */
export function globPaths(fs: SimFs, root: string, cwd: string, pattern: string): string[] {
  const comps = pattern.split('/');
  let prefixes = [pattern.startsWith('/') ? '/' : ''];
  const dirOnly = comps.length > 1 && comps[comps.length - 1] === '';
  for (let i = 0; i < comps.length; i++) {
    const comp = comps[i]!;
    if (comp === '') continue;
    const next: string[] = [];
    if (!hasGlob(comp)) {
      const lit = unescape(comp);
      for (const p of prefixes) next.push(join(p, lit));
    } else {
      const re = patternRegExp(comp, true);
      const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
      for (const p of prefixes) {
        const dir = fs.resolve(root, cwd, p === '' ? '.' : p);
        if (!fs.isDir(dir)) continue;
        // FreeBSD sh's expmeta (bin/sh/expand.c) reads the directory with
        // readdir(3), which returns `.` and `..` too: a pattern with a
        // leading dot (`.*`) matches them, as in dash. The simulated fs
        // lists neither, so they are tried here.
        if (dotOk) {
          if (re.test('.')) next.push(join(p, '.'));
          if (re.test('..')) next.push(join(p, '..'));
        }
        for (const name of fs.readdir(dir)) {
          if (name.startsWith('.') && !dotOk) continue;
          if (re.test(name)) next.push(join(p, name));
        }
      }
    }
    prefixes = next;
    if (prefixes.length === 0) return [];
  }
  const out: string[] = [];
  for (const p of prefixes) {
    const host = fs.resolve(root, cwd, p);
    if (dirOnly) {
      if (fs.isDir(host)) out.push(`${p}/`);
    } else if (fs.lstat(host)) {
      out.push(p);
    }
  }
  return out.sort();
}
