/** fnmatch-style globbing (`*`, `?`, `[...]`) over the simulated filesystem. */
import { type SimFs, normalize } from '../fs.js';

export function hasMagic(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Host paths matching an absolute pattern (already mapped under `root`), sorted
 * as glob(3) sorts them. A leading dot must be matched literally.
 */
export function globFs(fs: SimFs, root: string, pattern: string): string[] {
  const parts = normalize(pattern).split('/').filter(Boolean);
  let current = ['/'];
  for (const part of parts) {
    const next: string[] = [];
    for (const dir of current) {
      const base = dir === '/' ? '' : dir;
      if (!hasMagic(part)) {
        if (fs.lstat(fs.resolve(root, '/', `${base}/${part}`))) next.push(`${base}/${part}`);
        continue;
      }
      const hostDir = fs.resolve(root, '/', dir);
      if (!fs.isDir(hostDir)) continue;
      const re = globToRegExp(part);
      for (const name of fs.readdir(hostDir)) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (re.test(name)) next.push(`${base}/${name}`);
      }
    }
    current = next;
  }
  return current.sort();
}
