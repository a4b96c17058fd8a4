/**
 * Runs parsed programs against one simulated host. Commands run one after
 * another; a pipeline buffers each stage's output into the next one's input.
 */
import { SimFsError, basename } from '../fs.js';
import type { RunOptions, SimCommand, SimHostApi, SimResult } from '../types.js';
import type { AndOr, Case, Command, For, If, List, Loop, Pipeline, Program, Redir, SimpleCommand } from './ast.js';
import { BUILTINS, SPECIAL_BUILTINS } from './builtins/index.js';
import { CommandContext, type ContextRunner, type RunShellOptions } from './context.js';
import { ExitSignal, ExpansionError, LoopSignal, ReturnSignal } from './errors.js';
import { expandPatternText, expandString, expandWords, type ExpandContext } from './expand.js';
import { globPaths } from './glob.js';
import { BufferSink, Reader, inputOf, runBuffered, sinkOf, type Io, type Sink } from './io.js';
import { parseCached } from './parse-cache.js';
import { matchPattern } from './pattern.js';
import { applyRedirs, type RedirTargets } from './redirect.js';
import { ShellState } from './state.js';

/** What the executor needs from the host it runs on. */
export interface ExecutorHost {
  host: SimHostApi;
  commands: Record<string, SimCommand>;
  /** Fault injection: a result replacing the command, or undefined to run it. May throw to drop the connection. */
  beforeCommand(argv: string[]): SimResult | undefined;
  afterCommand(): void;
  /** ctx.run: shell text in a fresh shell (jexec, rc scripts). */
  run(script: string, options: RunOptions): SimResult;
}

const SCRIPT_SHEBANG = /^#!\s*\/bin\/sh\b/;

export class Executor implements ContextRunner {
  constructor(readonly env: ExecutorHost) {}

  get fs() {
    return this.env.host.fs;
  }

  // ---- entry points ----

  /** Run a whole script in `sh`, including its EXIT trap; returns the exit status. */
  runScript(sh: ShellState, src: string | Program, io: Io): number {
    let status: number;
    try {
      status = this.runProgram(sh, typeof src === 'string' ? parseCached(src) : src, io);
    } catch (err) {
      if (!(err instanceof ExitSignal)) throw err;
      status = err.code;
    }
    return this.runExitTrap(sh, io, status);
  }

  private runExitTrap(sh: ShellState, io: Io, status: number): number {
    const trap = sh.traps.get('EXIT');
    if (trap === undefined) return status;
    sh.traps.delete('EXIT');
    sh.status = status;
    try {
      this.runProgram(sh, parseCached(trap), io);
    } catch (err) {
      if (!(err instanceof ExitSignal)) throw err;
      return err.code;
    }
    return status;
  }

  /** Run a program in the current shell (eval, ., top level). Syntax errors exit with 2. */
  runProgram(sh: ShellState, program: Program, io: Io): number {
    for (const line of program.lines) this.execList(sh, line, io);
    if (program.error !== undefined) {
      sinkOf(io, 2).write(`sh: Syntax error: ${program.error}\n`);
      throw new ExitSignal(2);
    }
    return sh.status;
  }

  /** A subshell: a copy of the shell state; `exit` leaves only the copy. */
  subshell(sh: ShellState, io: Io, body: (child: ShellState) => number): number {
    const child = sh.clone();
    let status: number;
    try {
      status = body(child);
    } catch (err) {
      if (err instanceof ExitSignal) status = err.code;
      else if (err instanceof ReturnSignal) status = err.code;
      else if (err instanceof LoopSignal) status = child.status;
      else throw err;
    }
    return this.runExitTrap(child, io, status);
  }

  // ---- lists ----

  execList(sh: ShellState, list: List, io: Io): number {
    for (const ao of list) {
      if (ao.background) {
        sh.lastBgPid = this.env.host.newPid();
        this.subshell(sh, io, (child) => this.execAndOr(child, ao, io));
        sh.status = 0;
      } else {
        this.execAndOr(sh, ao, io);
      }
    }
    return sh.status;
  }

  private execAndOr(sh: ShellState, ao: AndOr, io: Io): number {
    if (ao.rest.length === 0) return this.execCheckedPipeline(sh, ao.first, io);
    sh.condDepth++;
    let status: number;
    try {
      status = this.execPipeline(sh, ao.first, io);
    } finally {
      sh.condDepth--;
    }
    for (let i = 0; i < ao.rest.length; i++) {
      const { op, p } = ao.rest[i]!;
      if ((op === '&&') !== (status === 0)) continue;
      if (i === ao.rest.length - 1) return this.execCheckedPipeline(sh, p, io);
      sh.condDepth++;
      try {
        status = this.execPipeline(sh, p, io);
      } finally {
        sh.condDepth--;
      }
    }
    return status;
  }

  /** A pipeline whose failure ends the shell under set -e. */
  private execCheckedPipeline(sh: ShellState, p: Pipeline, io: Io): number {
    const status = this.execPipeline(sh, p, io);
    if (status !== 0 && sh.options.errexit && sh.condDepth === 0 && !p.bang) {
      const only = p.cmds.length === 1 ? p.cmds[0]! : undefined;
      // Compound commands already failed (or not) through their own last command.
      if (!only || only.type === 'simple' || only.type === 'subshell') throw new ExitSignal(status);
    }
    return status;
  }

  private execPipeline(sh: ShellState, p: Pipeline, io: Io): number {
    let status: number;
    if (p.bang) sh.condDepth++;
    try {
      status = p.cmds.length === 1 ? this.execCommand(sh, p.cmds[0]!, io) : this.execStages(sh, p.cmds, io);
    } finally {
      if (p.bang) sh.condDepth--;
    }
    if (p.bang) status = status === 0 ? 1 : 0;
    sh.status = status;
    return status;
  }

  private execStages(sh: ShellState, cmds: Command[], io: Io): number {
    let input = io.fds[0];
    let status = 0;
    let failed = 0;
    for (let i = 0; i < cmds.length; i++) {
      const last = i === cmds.length - 1;
      const out = last ? undefined : new BufferSink();
      const fds = io.fds.slice();
      fds[0] = input;
      if (out) fds[1] = out;
      status = this.subshell(sh, io, (child) => this.execCommand(child, cmds[i]!, { fds }));
      if (status !== 0) failed = status;
      input = new Reader(out ? out.text() : '');
    }
    return sh.options.pipefail ? failed : status;
  }

  // ---- commands ----

  execCommand(sh: ShellState, cmd: Command, io: Io): number {
    if (cmd.type === 'simple') return this.execSimple(sh, cmd, io);
    if (cmd.type === 'func') {
      sh.setFunc(cmd.name, cmd.body);
      sh.status = 0;
      return 0;
    }
    const inner = cmd.redirs.length ? this.redirect(sh, cmd.redirs, io) : io;
    if (inner === undefined) return (sh.status = 2);
    let status: number;
    switch (cmd.type) {
      case 'subshell':
        status = this.subshell(sh, inner, (child) => this.execList(child, cmd.body, inner));
        break;
      case 'group':
        status = this.execList(sh, cmd.body, inner);
        break;
      case 'if':
        status = this.execIf(sh, cmd, inner);
        break;
      case 'loop':
        status = this.execLoop(sh, cmd, inner);
        break;
      case 'for':
        status = this.execFor(sh, cmd, inner);
        break;
      case 'case':
        status = this.execCase(sh, cmd, inner);
        break;
    }
    sh.status = status;
    return status;
  }

  private cond(sh: ShellState, list: List, io: Io): number {
    sh.condDepth++;
    try {
      return this.execList(sh, list, io);
    } finally {
      sh.condDepth--;
    }
  }

  private execIf(sh: ShellState, cmd: If, io: Io): number {
    for (const c of cmd.clauses) {
      if (this.cond(sh, c.cond, io) === 0) return this.execList(sh, c.body, io);
    }
    if (cmd.elseBody) return this.execList(sh, cmd.elseBody, io);
    return 0;
  }

  /** Runs one loop iteration; returns 'break' to leave the loop. */
  private iterate(sh: ShellState, body: List, io: Io): 'break' | 'next' {
    try {
      this.execList(sh, body, io);
      return 'next';
    } catch (err) {
      if (!(err instanceof LoopSignal)) throw err;
      if (err.levels > 1) {
        err.levels--;
        throw err;
      }
      return err.kind === 'break' ? 'break' : 'next';
    }
  }

  private execLoop(sh: ShellState, cmd: Loop, io: Io): number {
    let status = 0;
    sh.loopDepth++;
    try {
      for (;;) {
        const c = this.cond(sh, cmd.cond, io);
        if (cmd.until ? c === 0 : c !== 0) break;
        const step = this.iterate(sh, cmd.body, io);
        status = sh.status;
        if (step === 'break') break;
      }
    } finally {
      sh.loopDepth--;
    }
    return status;
  }

  private execFor(sh: ShellState, cmd: For, io: Io): number {
    const items = cmd.items ? this.guard(sh, io, () => expandWords(this.expandContext(sh, io), cmd.items!)) : sh.positional.slice();
    let status = 0;
    sh.loopDepth++;
    try {
      for (const item of items) {
        if (!sh.set(cmd.name, item)) this.fatal(io, `${cmd.name}: is read only`);
        const step = this.iterate(sh, cmd.body, io);
        status = sh.status;
        if (step === 'break') break;
      }
    } finally {
      sh.loopDepth--;
    }
    return status;
  }

  private execCase(sh: ShellState, cmd: Case, io: Io): number {
    const ctx = this.expandContext(sh, io);
    const word = this.guard(sh, io, () => expandString(ctx, cmd.word));
    for (let i = 0; i < cmd.items.length; i++) {
      const item = cmd.items[i]!;
      const hit = item.patterns.some((p) => matchPattern(this.guard(sh, io, () => expandPatternText(ctx, p)), word));
      if (!hit) continue;
      let status = 0;
      for (let j = i; j < cmd.items.length; j++) {
        const it = cmd.items[j]!;
        status = it.body.length ? this.execList(sh, it.body, io) : 0;
        if (!it.fallthrough) break;
      }
      return status;
    }
    return 0;
  }

  // ---- simple commands ----

  private fatal(io: Io, message: string, code = 2): never {
    sinkOf(io, 2).write(`sh: ${message}\n`);
    throw new ExitSignal(code);
  }

  /** Expansion errors print and end the shell (non-interactive sh). */
  guard<T>(_sh: ShellState, io: Io, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ExpansionError) this.fatal(io, err.message, err.code);
      throw err;
    }
  }

  expandContext(sh: ShellState, io: Io): ExpandContext & { substStatus: number | undefined } {
    const ctx = {
      sh,
      substStatus: undefined as number | undefined,
      substitute: (body: Program): string => {
        const out = new BufferSink();
        const fds = io.fds.slice();
        fds[1] = out;
        ctx.substStatus = this.subshell(sh, io, (child) => this.runProgram(child, body, { fds }));
        return out.text();
      },
      glob: (pattern: string): string[] => globPaths(this.fs, sh.root, sh.cwd, pattern),
    };
    return ctx;
  }

  private redirect(sh: ShellState, redirs: Redir[], io: Io): Io | undefined {
    const ctx = this.expandContext(sh, io);
    const targets: RedirTargets = {
      fs: this.fs,
      root: sh.root,
      cwd: sh.cwd,
      expand: (r) => ({
        target: r.body ? '' : expandString(ctx, r.target),
        body: r.body ? expandString(ctx, r.body) : undefined,
      }),
    };
    const result = this.guard(sh, io, () => applyRedirs(targets, redirs, io));
    if (typeof result === 'string') {
      sinkOf(io, 2).write(`sh: ${result}\n`);
      return undefined;
    }
    return result;
  }

  private execSimple(sh: ShellState, cmd: SimpleCommand, io: Io): number {
    const ctx = this.expandContext(sh, io);
    const argv = cmd.words.length ? this.guard(sh, io, () => expandWords(ctx, cmd.words)) : [];
    if (argv.length === 0) {
      // Plain assignments take effect one by one: `a=1 b=$a` sets b to 1.
      for (const a of cmd.assigns) {
        const value = this.guard(sh, io, () => expandString(ctx, a.value));
        if (!sh.set(a.name, value)) this.fatal(io, `${a.name}: is read only`);
      }
      if (cmd.redirs.length && this.redirect(sh, cmd.redirs, io) === undefined) return (sh.status = 2);
      return (sh.status = ctx.substStatus ?? 0);
    }
    const assigns: Array<[string, string]> = [];
    for (const a of cmd.assigns) assigns.push([a.name, this.guard(sh, io, () => expandString(ctx, a.value))]);

    const cmdIo = cmd.redirs.length ? this.redirect(sh, cmd.redirs, io) : io;
    if (cmdIo === undefined) return (sh.status = 2);
    if (sh.options.xtrace) sinkOf(cmdIo, 2).write(`+ ${argv.join(' ')}\n`);

    const injected = this.env.beforeCommand(runsArgv(argv));
    if (injected) {
      this.writeResult(cmdIo, injected);
      this.env.afterCommand();
      return (sh.status = injected.code);
    }
    const status = this.dispatch(sh, argv, assigns, cmdIo, io, true);
    sh.status = status;
    this.env.afterCommand();
    return status;
  }

  /**
   * Find and run argv[0]: special builtins, functions, builtins, then the
   * host's command table. `outerIo` is where `exec` makes redirections stick.
   */
  dispatch(sh: ShellState, argv: string[], assigns: Array<[string, string]>, io: Io, outerIo: Io, useFunctions: boolean): number {
    const name = argv[0]!;
    const special = SPECIAL_BUILTINS[name];
    if (special) {
      for (const [k, v] of assigns) if (!sh.set(k, v)) this.fatal(io, `${k}: is read only`);
      return special({ sh, argv, io, outerIo, exec: this });
    }
    const fn = useFunctions ? sh.funcs.get(name) : undefined;
    if (fn) return this.withAssigns(sh, io, assigns, () => this.callFunction(sh, fn, argv, io));
    const builtin = BUILTINS[name];
    if (builtin) return this.withAssigns(sh, io, assigns, () => builtin({ sh, argv, io, outerIo, exec: this }));
    return this.runExternal(sh, argv, assigns, io);
  }

  /** Prefix assignments for functions and builtins last only for the call. */
  private withAssigns(sh: ShellState, io: Io, assigns: Array<[string, string]>, fn: () => number): number {
    if (assigns.length === 0) return fn();
    const saved = assigns.map(([k]) => [k, sh.vars.get(k)] as const);
    for (const [k, v] of assigns) {
      if (!sh.set(k, v)) this.fatal(io, `${k}: is read only`);
      sh.setFlags(k, { exported: true });
    }
    try {
      return fn();
    } finally {
      for (const [k, v] of saved) sh.restore(k, v);
    }
  }

  callFunction(sh: ShellState, body: Command, argv: string[], io: Io): number {
    const savedArgs = sh.positional;
    const savedLoop = sh.loopDepth;
    sh.positional = argv.slice(1);
    sh.loopDepth = 0;
    const frame = new Map<string, ReturnType<ShellState['vars']['get']>>();
    sh.localFrames.push(frame);
    try {
      return this.execCommand(sh, body, io);
    } catch (err) {
      if (err instanceof ReturnSignal) return (sh.status = err.code);
      throw err;
    } finally {
      sh.localFrames.pop();
      for (const [k, v] of frame) sh.restore(k, v);
      sh.positional = savedArgs;
      sh.loopDepth = savedLoop;
    }
  }

  /** The host command table: full path first, then the basename. */
  lookup(name: string): SimCommand | undefined {
    const table = this.env.commands;
    const direct = Object.hasOwn(table, name) ? table[name] : undefined;
    if (direct || !name.includes('/')) return direct;
    const base = basename(name);
    return Object.hasOwn(table, base) ? table[base] : undefined;
  }

  /** A `#!/bin/sh` script in the filesystem: by path, or found in $PATH. */
  findScript(sh: ShellState, name: string): string | undefined {
    const candidates = name.includes('/') ? [name] : (sh.get('PATH') ?? '').split(':').filter(Boolean).map((d) => `${d}/${name}`);
    for (const c of candidates) {
      const host = this.fs.resolve(sh.root, sh.cwd, c);
      const node = this.fs.stat(host);
      if (node?.kind === 'file' && SCRIPT_SHEBANG.test(node.content)) return host;
    }
    return undefined;
  }

  private runExternal(sh: ShellState, argv: string[], assigns: Array<[string, string]>, io: Io): number {
    const name = argv[0]!;
    const fn = this.lookup(name);
    if (!fn) return this.runFileScript(sh, argv, { ...sh.env(), ...Object.fromEntries(assigns) }, io);
    const ctx = new CommandContext(argv, inputOf(io), sh.env(), assigns, sh.cwd, sh.root, sh.jail, this.env.host, this);
    let result: SimResult;
    try {
      result = fn(ctx);
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      result = { stdout: '', stderr: `${basename(name)}: ${err.path}: ${err.strerror}\n`, code: 1 };
    }
    this.writeResult(io, result);
    return result.code;
  }

  private runFileScript(sh: ShellState, argv: string[], env: Record<string, string>, io: Io): number {
    const name = argv[0]!;
    const script = this.findScript(sh, name);
    if (script === undefined) {
      const node = name.includes('/') ? this.fs.stat(this.fs.resolve(sh.root, sh.cwd, name)) : undefined;
      if (node) {
        sinkOf(io, 2).write(`sh: ${name}: Permission denied\n`);
        return 126;
      }
      sinkOf(io, 2).write(`sh: ${name}: not found\n`);
      return 127;
    }
    const child = freshShell(sh, env);
    child.arg0 = name;
    child.positional = argv.slice(1);
    return this.runScript(child, this.fs.readFile(script), io);
  }

  writeResult(io: Io, r: SimResult): void {
    if (r.stdout) sinkOf(io, 1).write(r.stdout);
    if (r.stderr) sinkOf(io, 2).write(r.stderr);
  }

  // ---- ContextRunner ----

  run(script: string, options: RunOptions, ctx: CommandContext): SimResult {
    return this.env.run(script, {
      root: options.root ?? ctx.root,
      jail: options.root !== undefined || options.jail !== undefined ? options.jail : ctx.jail,
      env: options.env ?? ctx.env,
      cwd: options.cwd ?? '/',
      stdin: options.stdin ?? '',
      ...(options.input ? { input: options.input } : {}),
    });
  }

  runShell(script: string, options: RunShellOptions, ctx: CommandContext, input: Reader | undefined): SimResult {
    const program = parseCached(script);
    if (options.parseOnly) {
      return program.error === undefined ? { stdout: '', stderr: '', code: 0 } : { stdout: '', stderr: `sh: Syntax error: ${program.error}\n`, code: 2 };
    }
    const sh = ShellState.fromEnv(ctx.env, { cwd: ctx.cwd, root: ctx.root, jail: ctx.jail, pid: this.env.host.newPid() });
    if (options.arg0 !== undefined) sh.arg0 = options.arg0;
    sh.positional = options.args ?? [];
    Object.assign(sh.options, options.options ?? {});
    const reader = options.stdin !== undefined ? new Reader('') : (input ?? new Reader(''));
    return runBuffered((out, err) => this.runScript(sh, program, { fds: [reader, out, err] }));
  }
}

/**
 * The command a simple command runs, for fault matching: `exec lockf ...`
 * and `command lockf ...` run lockf, so a fault on lockf applies to them.
 */
function runsArgv(argv: string[]): string[] {
  let at = 0;
  while (at < argv.length - 1 && (argv[at] === 'exec' || argv[at] === 'command')) at++;
  return at === 0 ? argv : argv.slice(at);
}

/** A child process's shell: only exported variables survive. */
function freshShell(parent: ShellState, env: Record<string, string>): ShellState {
  return ShellState.fromEnv(env, { cwd: parent.cwd, root: parent.root, jail: parent.jail, pid: parent.pid });
}

export type { Sink };
