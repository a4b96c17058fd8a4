/**
 * Commands that are not the shell's own, found by their file
 * (command-lookup.ts): the host's command table (a command that runs another
 * command line on its stdin runs as steps, so that one can wait, see
 * types.ts SimCommand.steps), `#!/bin/sh` scripts, and base commands the
 * simulator does not implement.
 */
import { SimFsError, basename, type SimFs } from '../fs.js';
import type { SimCommand, SimResult } from '../types.js';
import type { FoundCommand } from './command-lookup.js';
import { CommandContext } from './context.js';
import type { Executor } from './executor.js';
import { sinkOf, type Io } from './io.js';
import { pipeIgnored, ShellState } from './state.js';
import { isSteps, type MaybeSteps, type Steps } from './steps.js';

const SCRIPT_SHEBANG = /^#!\s*\/bin\/sh\b/;

/** The host command table: full path first, then the basename. */
export function lookupCommand(table: Record<string, SimCommand>, name: string): SimCommand | undefined {
  const direct = Object.hasOwn(table, name) ? table[name] : undefined;
  if (direct || !name.includes('/')) return direct;
  const base = basename(name);
  return Object.hasOwn(table, base) ? table[base] : undefined;
}

/** A `#!/bin/sh` script in the filesystem: by path, or found in $PATH. */
export function findScript(fs: SimFs, sh: ShellState, name: string): string | undefined {
  const candidates = name.includes('/') ? [name] : (sh.get('PATH') ?? '').split(':').filter(Boolean).map((d) => `${d}/${name}`);
  for (const c of candidates) {
    const host = fs.resolve(sh.root, sh.cwd, c);
    const node = fs.stat(host);
    if (node?.kind === 'file' && SCRIPT_SHEBANG.test(node.content)) return host;
  }
  return undefined;
}

export function writeResult(io: Io, r: SimResult): void {
  if (r.stdout) sinkOf(io, 1).write(r.stdout);
  if (r.stderr) sinkOf(io, 2).write(r.stderr);
}

/**
 * Utilities FreeBSD's sh runs itself (bin/sh/builtins.def) that the
 * simulator keeps in its command table: a write of theirs to a broken pipe
 * is the shell's, so SIGPIPE is the shell's too.
 */
const SH_OWN = new Set(['echo', 'printf', 'test', '[', 'kill', 'getopts']);

export function runExternal(ex: Executor, sh: ShellState, argv: string[], assigns: Array<[string, string]>, io: Io): MaybeSteps {
  const name = argv[0]!;
  const found = ex.findCommand(sh, name);
  if (found?.kind !== 'table') return runFile(ex, sh, argv, { ...sh.env(), ...Object.fromEntries(assigns) }, io, found);
  const fn = found.fn;
  const ctx = new CommandContext(argv, io, sh.env(), assigns, sh.cwd, sh.root, sh.jail, ex.env.host, ex.nestedRuns);
  let result: MaybeSteps<SimResult>;
  try {
    result = fn.steps ? fn.steps(ctx) : fn(ctx);
  } catch (err) {
    result = fsFailure(name, err);
  }
  if (isSteps(result)) return commandSteps(ex, sh, name, io, result);
  return ex.writeExternal(sh, io, result, SH_OWN.has(name));
}

function* commandSteps(ex: Executor, sh: ShellState, name: string, io: Io, steps: Steps<SimResult>): Steps {
  let result: SimResult;
  try {
    result = yield* steps;
  } catch (err) {
    result = fsFailure(name, err);
  }
  return ex.writeExternal(sh, io, result);
}

function runFile(ex: Executor, sh: ShellState, argv: string[], env: Record<string, string>, io: Io, found: FoundCommand | undefined): MaybeSteps {
  const name = argv[0]!;
  if (found?.kind === 'denied') {
    sinkOf(io, 2).write(`sh: ${name}: Permission denied\n`);
    return 126;
  }
  if (found?.kind === 'not-simulated') {
    // Distinct from "not found": FreeBSD has this command, the simulator does not run it.
    sinkOf(io, 2).write(`sh: ${name}: not simulated by jailfleet (FreeBSD base command)\n`);
    return 127;
  }
  if (found?.kind !== 'script') {
    const node = name.includes('/') ? ex.fs.stat(ex.fs.resolve(sh.root, sh.cwd, name)) : undefined;
    if (node) {
      sinkOf(io, 2).write(`sh: ${name}: Permission denied\n`);
      return 126;
    }
    sinkOf(io, 2).write(`sh: ${name}: not found\n`);
    return 127;
  }
  // A child process's shell: only exported variables survive.
  const child = ShellState.fromEnv(env, { cwd: sh.cwd, root: sh.root, jail: sh.jail, pid: sh.pid });
  // Ignored signals stay ignored across exec (sigaction(2)).
  if (pipeIgnored(sh)) child.traps.set('PIPE', '');
  child.arg0 = name;
  child.positional = argv.slice(1);
  return ex.runScript(child, ex.fs.readFile(found.host), io);
}

function fsFailure(name: string, err: unknown): SimResult {
  if (!(err instanceof SimFsError)) throw err;
  return { stdout: '', stderr: `${basename(name)}: ${err.path}: ${err.strerror}\n`, code: 1 };
}
