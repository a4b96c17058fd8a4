/** find: paths, -name, -type f|d|l, -maxdepth, -mindepth, -path, -newer is not supported. */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { matchPattern } from '../../shell/pattern.js';
import { fail, hostPath } from './util.js';

interface Tests {
  name?: string;
  path?: string;
  type?: string;
  maxdepth: number;
  mindepth: number;
}

function walk(ctx: SimCommandContext, shown: string, host: string, depth: number, t: Tests, out: string[]): void {
  const fs = ctx.host.fs;
  const node = depth === 0 ? fs.stat(host) : fs.lstat(host);
  if (!node) return;
  const base = shown.replace(/\/+$/, '').replace(/.*\//, '') || shown;
  const kind = node.kind === 'dir' ? 'd' : node.kind === 'link' ? 'l' : 'f';
  const ok = depth >= t.mindepth && (t.name === undefined || matchPattern(t.name, base)) && (t.path === undefined || matchPattern(t.path, shown)) && (t.type === undefined || t.type === kind);
  if (ok) out.push(shown);
  if (node.kind !== 'dir' || depth >= t.maxdepth) return;
  const real = fs.realpath(host);
  for (const name of fs.readdir(real)) walk(ctx, `${shown.endsWith('/') ? shown : `${shown}/`}${name}`, `${real === '/' ? '' : real}/${name}`, depth + 1, t, out);
}

export const find: SimCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  const paths: string[] = [];
  while (args.length && !args[0]!.startsWith('-') && args[0] !== '!' && args[0] !== '(') paths.push(args.shift()!);
  const t: Tests = { maxdepth: Infinity, mindepth: 0 };
  while (args.length) {
    const a = args.shift()!;
    const v = (): string | undefined => args.shift();
    switch (a) {
      case '-name':
        t.name = v();
        break;
      case '-path':
        t.path = v();
        break;
      case '-type':
        t.type = v();
        break;
      case '-maxdepth':
        t.maxdepth = Number(v());
        break;
      case '-mindepth':
        t.mindepth = Number(v());
        break;
      case '-print':
        break;
      default:
        return fail(`find: ${a}: unknown primary or operator\n`);
    }
  }
  if (paths.length === 0) return fail('usage: find [-H | -L | -P] [-EXdsx] [-f path] path ... [expression]\n       find [-H | -L | -P] [-EXdsx] -f path [path ...] [expression]\n');
  const out: string[] = [];
  let stderr = '';
  for (const p of paths) {
    const host = hostPath(ctx, p);
    if (!ctx.host.fs.lstat(host)) {
      stderr += `find: ${p}: No such file or directory\n`;
      continue;
    }
    walk(ctx, p, host, 0, t, out);
  }
  return { stdout: out.map((l) => `${l}\n`).join(''), stderr, code: stderr ? 1 : 0 };
};
