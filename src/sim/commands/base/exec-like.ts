/** env, xargs: commands that run another command line through ctx.run (lockf: lockf.ts). */
import { quote } from '../../../shell/quote.js';
import type { SimCommand } from '../../types.js';
import { resumable } from '../resumable.js';
import { execArgvSteps } from './exec-argv.js';
import { fail, inheritStdin, ok } from './util.js';

/** env runs its command on its own stdin, as steps: a session's script under env can wait for input. */
export const env = resumable((ctx) => {
  const args = ctx.argv.slice(1);
  let vars: Record<string, string> = { ...ctx.env };
  while (args.length) {
    const a = args[0]!;
    if (a === '-i' || a === '-') {
      vars = {};
      args.shift();
    } else if (a === '-u') {
      args.shift();
      const name = args.shift();
      if (name !== undefined) delete vars[name];
    } else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      const eq = a.indexOf('=');
      vars[a.slice(0, eq)] = a.slice(eq + 1);
      args.shift();
    } else if (a === '--') {
      args.shift();
      break;
    } else break;
  }
  if (args.length === 0) return ok(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
  return execArgvSteps(ctx, args, { env: vars, cwd: ctx.cwd, ...inheritStdin(ctx) });
});

/** Words of xargs input: blanks and newlines separate; quotes and backslashes group. */
function words(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === "'" || c === '"') {
      const end = input.indexOf(c, i + 1);
      cur += input.slice(i + 1, end < 0 ? input.length : end);
      has = true;
      i = end < 0 ? input.length : end;
    } else if (c === '\\' && i + 1 < input.length) {
      cur += input[++i];
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

export const xargs: SimCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  let perCall = Infinity;
  let replace: string | undefined;
  let nul = false;
  let noEmpty = false;
  while (args[0]?.startsWith('-')) {
    const a = args.shift()!;
    if (a === '--') break;
    if (a === '-0') nul = true;
    else if (a === '-r') noEmpty = true;
    else if (a === '-n') perCall = Number(args.shift());
    else if (a.startsWith('-n')) perCall = Number(a.slice(2));
    else if (a === '-I') replace = args.shift();
    else if (a === '-L') perCall = Number(args.shift());
    else if (a === '-t' || a === '-x') continue;
    else return fail(`xargs: illegal option -- ${a.slice(1, 2)}\nusage: xargs [-0opt] [-E eofstr] [-I replstr [-R replacements] [-S replsize]]\n             [-J replstr] [-L number] [-n number [-x]] [-P maxprocs]\n             [-s size] [utility [argument ...]]\n`);
  }
  const command = args.length ? args : ['echo'];
  const input = ctx.stdin;
  const items = nul ? input.split('\0').filter((s) => s !== '') : replace !== undefined ? input.split('\n').filter((s) => s !== '') : words(input);
  if (items.length === 0 && (noEmpty || replace !== undefined)) return ok();
  const calls: string[][] = [];
  if (replace !== undefined) {
    for (const item of items) calls.push(command.map((c) => c.split(replace).join(item)));
  } else if (items.length === 0) {
    calls.push(command);
  } else {
    const n = Number.isFinite(perCall) && perCall > 0 ? perCall : items.length;
    for (let i = 0; i < items.length; i += n) calls.push([...command, ...items.slice(i, i + n)]);
  }
  let stdout = '';
  let stderr = '';
  let code = 0;
  for (const call of calls) {
    const r = ctx.run(call.map(quote).join(' '), { env: ctx.env, cwd: ctx.cwd });
    stdout += r.stdout;
    stderr += r.stderr;
    if (r.code === 127 || r.code === 126) return { stdout, stderr, code: r.code };
    if (r.code !== 0) code = 123;
  }
  return { stdout, stderr, code };
};
