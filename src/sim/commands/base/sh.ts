/**
 * sh(1): re-enters the interpreter for `sh -c`, `sh -s`, `sh -n` and `sh FILE`,
 * as steps, so the script it runs can wait for a session's input. A script
 * read from stdin (`sh -s`) is read before anything runs: waiting for it
 * undoes nothing but the read (shell/unit.ts).
 */
import { SimFsError } from '../../fs.js';
import { isShellContext, type RunShellOptions } from '../../shell/context.js';
import type { ShellOptions } from '../../shell/state.js';
import type { SimResult } from '../../types.js';
import { resumable } from '../resumable.js';

const LETTERS: Record<string, keyof ShellOptions> = { e: 'errexit', u: 'nounset', f: 'noglob', x: 'xtrace', C: 'noclobber' };
const LONG = new Set(['errexit', 'nounset', 'noglob', 'xtrace', 'pipefail', 'noclobber']);

function usage(msg: string): SimResult {
  return { stdout: '', stderr: `sh: ${msg}\n`, code: 2 };
}

export const sh = resumable((ctx) => {
  const argv = ctx.argv;
  const options: Partial<ShellOptions> = {};
  let command = false;
  let fromStdin = false;
  let parseOnly = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (!/^[-+]./.test(a)) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'c') command = true;
      else if (c === 's') fromStdin = true;
      else if (c === 'n') parseOnly = true;
      else if (c === 'l' || c === 'i' || c === 'm') continue;
      else if (c === 'o') {
        const name = argv[++i];
        if (name === undefined || !LONG.has(name)) return usage(`Illegal option -o ${name ?? ''}`);
        options[name as keyof ShellOptions] = on;
      } else if (LETTERS[c]) options[LETTERS[c]!] = on;
      else return usage(`Illegal option -${c}`);
    }
  }
  const rest = argv.slice(i);
  let script: string;
  const run: RunShellOptions = { options, parseOnly };
  if (command) {
    if (rest.length === 0) return usage('-c: option requires an argument');
    script = rest[0]!;
    run.arg0 = rest[1] ?? 'sh';
    run.args = rest.slice(2);
  } else if (fromStdin || rest.length === 0) {
    script = ctx.stdin;
    run.stdin = script;
    run.args = rest;
  } else {
    const file = rest[0]!;
    try {
      script = ctx.host.fs.readFile(ctx.host.fs.resolve(ctx.root, ctx.cwd, file));
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      return { stdout: '', stderr: `sh: cannot open ${file}: ${err.strerror}\n`, code: 127 };
    }
    run.arg0 = file;
    run.args = rest.slice(1);
  }
  if (isShellContext(ctx)) return ctx.runShellSteps(script, run);
  // Contexts not made by the interpreter (unit tests of other commands) still get a shell.
  return ctx.runSteps(script, { root: ctx.root, jail: ctx.jail, env: ctx.env, cwd: ctx.cwd, stdin: fromStdin ? '' : ctx.stdin });
});
