/**
 * Nested shells of one run: ctx.run (rc scripts, sysrc -j, xargs), ctx.runSteps
 * (lockf, env, jexec: the caller's stdin inherited, the output passed
 * straight to the caller's fds, so the nested run can wait for input), and
 * `sh` itself. They share the run's executor, so its fault counters.
 */
import type { RunOptions, SimResult } from '../types.js';
import type { Program } from './ast.js';
import type { CommandContext, ContextRunner, RunShellOptions } from './context.js';
import type { Executor } from './executor.js';
import { Reader, runBuffered, sinkOf, type Io, type Sink } from './io.js';
import { LOGIN_PATH } from './login.js';
import { parseCached } from './parse-cache.js';
import { ShellState } from './state.js';
import { andThen, type MaybeSteps } from './steps.js';

const NESTED_ENV = { HOME: '/root', USER: 'root', PATH: LOGIN_PATH, SHELL: '/bin/sh' };

export class NestedRuns implements ContextRunner {
  constructor(private readonly ex: Executor) {}

  /** Shell text in a fresh shell writing to `out` and `err` (a child process inheriting fds 1 and 2). */
  nested(script: string | Program, options: RunOptions, out: Sink, err: Sink): MaybeSteps {
    const sh = ShellState.fromEnv(options.env ?? NESTED_ENV, { cwd: options.cwd ?? '/', root: options.root ?? '/', jail: options.jail, pid: this.ex.env.host.newPid() });
    return this.ex.runScript(sh, script, { fds: [options.input ?? new Reader(options.stdin ?? ''), out, err] });
  }

  /** Run to the end, output buffered: a command's own ctx.run is part of that command. */
  run(script: string, options: RunOptions, ctx: CommandContext): SimResult {
    const child = childOptions(options, ctx);
    return runBuffered((out, err) => this.ex.sync(() => this.nested(script, child, out, err)));
  }

  runSteps(script: string | Program, options: RunOptions, ctx: CommandContext, io: Io): MaybeSteps<SimResult> {
    return andThen(this.nested(script, childOptions(options, ctx), sinkOf(io, 1), sinkOf(io, 2)), passedThrough);
  }

  runShell(script: string, options: RunShellOptions, ctx: CommandContext, input: Reader | undefined): SimResult {
    return runBuffered((out, err) => this.ex.sync(() => andThen(this.shell(script, options, ctx, input, out, err), (r) => r.code)));
  }

  runShellSteps(script: string, options: RunShellOptions, ctx: CommandContext, input: Reader | undefined, io: Io): MaybeSteps<SimResult> {
    return this.shell(script, options, ctx, input, sinkOf(io, 1), sinkOf(io, 2));
  }

  private shell(script: string, options: RunShellOptions, ctx: CommandContext, input: Reader | undefined, out: Sink, err: Sink): MaybeSteps<SimResult> {
    const program = parseCached(script);
    if (options.parseOnly) {
      return program.error === undefined ? { stdout: '', stderr: '', code: 0 } : { stdout: '', stderr: `sh: Syntax error: ${program.error}\n`, code: 2 };
    }
    const sh = ShellState.fromEnv(ctx.env, { cwd: ctx.cwd, root: ctx.root, jail: ctx.jail, pid: this.ex.env.host.newPid() });
    if (options.arg0 !== undefined) sh.arg0 = options.arg0;
    sh.positional = options.args ?? [];
    Object.assign(sh.options, options.options ?? {});
    const reader = options.stdin !== undefined ? new Reader('') : (input ?? new Reader(''));
    return andThen(this.ex.runScript(sh, program, { fds: [reader, out, err] }), passedThrough);
  }
}

/** A nested run that wrote straight to its caller's fds: nothing left to write, only its status. */
function passedThrough(code: number): SimResult {
  return { stdout: '', stderr: '', code };
}

function childOptions(options: RunOptions, ctx: CommandContext): RunOptions {
  return {
    root: options.root ?? ctx.root,
    jail: options.root !== undefined || options.jail !== undefined ? options.jail : ctx.jail,
    env: options.env ?? ctx.env,
    cwd: options.cwd ?? '/',
    stdin: options.stdin ?? '',
    ...(options.input ? { input: options.input } : {}),
  };
}
