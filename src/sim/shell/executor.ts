/**
 * Runs parsed programs against one simulated host. Commands run one after
 * another; a pipeline buffers each stage's output into the next one's input.
 *
 * A run can stop where a command waits for stdin and go on from there later
 * (a session, steps.ts): every method here returns a number when it finished
 * at once, or Steps to drive when something on its path has to wait or runs
 * a nested shell that might. A simple command is atomic: when it blocks on
 * stdin it is undone and run again whole once input arrived (unit.ts).
 */
import type { SimFs } from '../fs.js';
import type { RunOptions, SimCommand, SimHostApi, SimResult } from '../types.js';
import type { Command, List, Program, Redir, SimpleCommand } from './ast.js';
import { BUILTINS, SPECIAL_BUILTINS } from './builtins/index.js';
import { execCase, execFor, execIf, execLoop } from './compound.js';
import { BrokenPipe, ExitSignal, ExpansionError, KilledBySignal, LoopSignal, ReturnSignal, StdinBlocked } from './errors.js';
import { expandString, expandWords } from './expand.js';
import { ShellExpansion } from './expand-context.js';
import { findCommand, type FoundCommand } from './command-lookup.js';
import { findScript, lookupCommand, runExternal, writeResult } from './external.js';
import { sinkOf, type Io, type OpenReader, type Sink } from './io.js';
import { execList } from './lists.js';
import { NestedRuns } from './nested.js';
import { parseCached } from './parse-cache.js';
import { applyRedirs, type RedirTargets } from './redirect.js';
import { pipeIgnored, ShellState } from './state.js';
import { BLOCKED, STDIN_WAIT, andThen, around, settle, type MaybeSteps, type Steps } from './steps.js';
import { Unit, type UnitCounters } from './unit.js';

/** What the executor needs from the host it runs on. */
export interface ExecutorHost {
  host: SimHostApi;
  commands: Record<string, SimCommand>;
  /** Fault injection: a result replacing the command, or undefined to run it (may hang up first, see Executor.hangUp). */
  beforeCommand(argv: string[]): SimResult | undefined;
  /** A command ran to its end (not one that left the shell: exit, return, a signal). */
  afterCommand(argv: string[]): void;
}

export class Executor implements UnitCounters {
  /** The run's stdin while its writer may still add to it: reading past its end waits (set by SimExecRun). */
  openInput: OpenReader | undefined;
  /** > 0 inside a part that runs to its end synchronously (a command substitution, a command's ctx.run). */
  private atomicDepth = 0;
  commandsRun = 0;
  /** Commands that ran to their end through the fault hooks (what dropAfterCommands counts). */
  finishedCommands = 0;
  expansionAssigns = 0;
  /** ctx.run and friends for the commands of this run. */
  readonly nestedRuns = new NestedRuns(this);
  /** The connection is gone (hangUp) after this many commands: stdin is at its end and the run's output goes nowhere. */
  hungUpAfter: number | undefined;
  /** Set by the run: break its output sinks when the connection goes. */
  onHangUp: (() => void) | undefined;

  constructor(readonly env: ExecutorHost) {}

  /**
   * The SSH connection dropped, as sshd sees it for a command without a
   * pty: no signal is sent, the command runs on. Its stdin reads EOF, and a
   * write to its stdout or stderr raises SIGPIPE in the writer (BrokenPipe;
   * see simpleOnce and external.ts).
   */
  hangUp(afterCommands: number): void {
    if (this.hungUpAfter !== undefined) return;
    this.hungUpAfter = afterCommands;
    this.openInput?.close();
    this.onHangUp?.();
  }

  get fs() {
    return this.env.host.fs;
  }

  // ---- entry points ----

  /** Run a whole script in `sh`, including its EXIT trap; the exit status. */
  runScript(sh: ShellState, src: string | Program, io: Io): MaybeSteps {
    const program = typeof src === 'string' ? parseCached(src) : src;
    let r: MaybeSteps;
    try {
      r = this.runProgram(sh, program, io);
    } catch (err) {
      if (err instanceof KilledBySignal) return err.code;
      r = exitStatus(err);
    }
    return typeof r === 'number' ? this.runExitTrap(sh, io, r) : this.shellSteps(sh, io, r, exitStatus);
  }

  /** The rest of a shell whose program waits: its status once done, then its EXIT trap. */
  private *shellSteps(sh: ShellState, io: Io, r: Steps, statusOf: (err: unknown, sh: ShellState) => number): Steps {
    let status: number;
    try {
      status = yield* r;
    } catch (err) {
      if (err instanceof KilledBySignal) return err.code;
      status = statusOf(err, sh);
    }
    const trap = this.runExitTrap(sh, io, status);
    return typeof trap === 'number' ? trap : yield* trap;
  }

  private runExitTrap(sh: ShellState, io: Io, status: number): MaybeSteps {
    const trap = sh.traps.get('EXIT');
    if (trap === undefined) return status;
    sh.traps.delete('EXIT');
    sh.status = status;
    return around(() => andThen(this.runProgram(sh, parseCached(trap), io), () => status), { catch: exitStatus });
  }

  /** Run a program in the current shell (eval, ., top level). Syntax errors exit with 2. */
  runProgram(sh: ShellState, program: Program, io: Io): MaybeSteps {
    const lines = program.lines;
    for (let i = 0; i < lines.length; i++) {
      const r = this.execList(sh, lines[i]!, io);
      if (typeof r !== 'number') return this.programSteps(sh, program, io, i + 1, r);
    }
    return this.programEnd(sh, program, io);
  }

  private *programSteps(sh: ShellState, program: Program, io: Io, from: number, pending: Steps): Steps {
    yield* pending;
    for (let i = from; i < program.lines.length; i++) {
      const r = this.execList(sh, program.lines[i]!, io);
      if (typeof r !== 'number') yield* r;
    }
    return this.programEnd(sh, program, io);
  }

  private programEnd(sh: ShellState, program: Program, io: Io): number {
    if (program.error !== undefined) {
      sinkOf(io, 2).write(`sh: Syntax error: ${program.error}\n`);
      throw new ExitSignal(2);
    }
    return sh.status;
  }

  /** A subshell: a copy of the shell state; `exit` leaves only the copy. */
  subshell(sh: ShellState, io: Io, body: (child: ShellState) => MaybeSteps): MaybeSteps {
    const child = sh.clone();
    let r: MaybeSteps;
    try {
      r = this.inSubshell(child, io, body);
    } catch (err) {
      child.release();
      throw err;
    }
    if (typeof r !== 'number') return around(() => r, { finally: () => child.release() });
    // Gone: the parent may write its variables in place again (state.ts).
    child.release();
    return r;
  }

  private inSubshell(child: ShellState, io: Io, body: (child: ShellState) => MaybeSteps): MaybeSteps {
    let r: MaybeSteps;
    try {
      r = body(child);
    } catch (err) {
      if (err instanceof KilledBySignal) return err.code;
      r = subshellStatus(err, child);
    }
    return typeof r === 'number' ? this.runExitTrap(child, io, r) : this.shellSteps(child, io, r, subshellStatus);
  }

  /** Run to the end here, synchronously: nothing inside can wait (a stdin block goes to the enclosing command). */
  sync<T>(run: () => MaybeSteps<T>): T {
    this.atomicDepth++;
    try {
      return settle(run());
    } finally {
      this.atomicDepth--;
    }
  }

  // ---- atomic parts that may block on stdin (unit.ts) ----

  /**
   * Run one atomic part (a simple command, a case word, a redirection). When
   * it blocks on an open stdin it is undone and BLOCKED is returned: the
   * caller waits (retrySteps) and tries again. Only where the run can wait:
   * inside a synchronous part the block goes up to the part that encloses it.
   */
  attempt<T>(io: Io, run: (unit: Unit | undefined) => T, what?: SimpleCommand): T | typeof BLOCKED {
    const input = this.openInput;
    if (input === undefined || input.closed || this.atomicDepth > 0) return run(undefined);
    const unit = new Unit(input, this, this.env.host, io);
    try {
      return run(unit);
    } catch (err) {
      this.undo(err, unit, what);
      return BLOCKED;
    }
  }

  /** A unit threw: when it blocked on stdin, undo it (or fail when it cannot be); anything else goes on up. */
  private undo(err: unknown, unit: Unit, what: SimpleCommand | undefined): void {
    if (!(err instanceof StdinBlocked)) throw err;
    unit.rollback(what ? describe(what) : 'a redirection or case word');
  }

  /** Whether a command may block on stdin here (and so runs as a unit). */
  private unitsActive(): boolean {
    const input = this.openInput;
    return input !== undefined && !input.closed && this.atomicDepth === 0;
  }

  /** Wait for more input, then attempt again, until the part ran. */
  *retrySteps<T>(io: Io, run: (unit: Unit | undefined) => T, what?: SimpleCommand): Steps<T> {
    for (;;) {
      yield STDIN_WAIT;
      const r = this.attempt(io, run, what);
      if (r !== BLOCKED) return r;
    }
  }

  // ---- lists (lists.ts) ----

  execList(sh: ShellState, list: List, io: Io): MaybeSteps {
    return execList(this, sh, list, io);
  }

  /** Run with errexit off (an if/while condition, a non-final && || operand). */
  inCond(sh: ShellState, run: () => MaybeSteps): MaybeSteps {
    sh.condDepth++;
    let r: MaybeSteps;
    try {
      r = run();
    } catch (err) {
      sh.condDepth--;
      throw err;
    }
    if (typeof r === 'number') {
      sh.condDepth--;
      return r;
    }
    return this.condSteps(sh, r);
  }

  /** The rest of a condition that waits: errexit comes back on once it is done. */
  *condSteps(sh: ShellState, r: Steps): Steps {
    try {
      return yield* r;
    } finally {
      sh.condDepth--;
    }
  }

  // ---- commands ----

  /** Every path leaves sh.status set to the command's status. */
  execCommand(sh: ShellState, cmd: Command, io: Io): MaybeSteps {
    if (cmd.type === 'simple') return this.execSimple(sh, cmd, io);
    if (cmd.type === 'func') {
      sh.setFunc(cmd.name, cmd.body);
      sh.status = 0;
      return 0;
    }
    if (cmd.redirs.length === 0) return this.compound(sh, cmd, io);
    const redirs = cmd.redirs;
    const inner = this.unitsActive() ? this.attempt(io, () => this.redirect(sh, redirs, io)) : this.redirect(sh, redirs, io);
    if (inner === BLOCKED) return this.redirectedSteps(sh, cmd, io);
    if (inner === undefined) return (sh.status = 2);
    return this.compound(sh, cmd, inner);
  }

  private *redirectedSteps(sh: ShellState, cmd: Exclude<Command, SimpleCommand | { type: 'func' }>, io: Io): Steps {
    const inner = yield* this.retrySteps(io, () => this.redirect(sh, cmd.redirs, io));
    if (inner === undefined) return (sh.status = 2);
    const r = this.compound(sh, cmd, inner);
    return typeof r === 'number' ? r : yield* r;
  }

  private compound(sh: ShellState, cmd: Exclude<Command, SimpleCommand | { type: 'func' }>, io: Io): MaybeSteps {
    switch (cmd.type) {
      case 'subshell': {
        const r = this.subshell(sh, io, (child) => this.execList(child, cmd.body, io));
        if (typeof r !== 'number') return andThen(r, (status) => (sh.status = status));
        sh.status = r;
        return r;
      }
      case 'group':
        return this.execList(sh, cmd.body, io);
      case 'if':
        return execIf(this, sh, cmd, io);
      case 'loop':
        return execLoop(this, sh, cmd, io);
      case 'for':
        return execFor(this, sh, cmd, io);
      case 'case':
        return execCase(this, sh, cmd, io);
    }
  }

  // ---- simple commands ----

  fatal(io: Io, message: string, code = 2): never {
    sinkOf(io, 2).write(`sh: ${message}\n`);
    throw new ExitSignal(code);
  }

  /** Expansion errors print and end the shell (non-interactive sh). */
  guard<T>(_sh: ShellState, io: Io, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.expansionFailed(io, err);
    }
  }

  private expansionFailed(io: Io, err: unknown): never {
    if (err instanceof ExpansionError) this.fatal(io, err.message, err.code);
    throw err;
  }

  expandContext(sh: ShellState, io: Io): ShellExpansion {
    return new ShellExpansion(this, sh, io);
  }

  /** `$(...)`: a subshell run to its end here, its stdout in `subIo`; a stdin block goes to the enclosing command. */
  substitution(sh: ShellState, io: Io, body: Program, subIo: Io): number {
    this.atomicDepth++;
    try {
      return settle(this.subshell(sh, io, (child) => this.runProgram(child, body, subIo)));
    } finally {
      this.atomicDepth--;
    }
  }

  /** `ctx`: the command's own expansion context, when it has one already. */
  private redirect(sh: ShellState, redirs: Redir[], io: Io, ctx: ShellExpansion = this.expandContext(sh, io)): Io | undefined {
    let result: Io | string;
    try {
      result = applyRedirs(new ExpandedTargets(this.fs, sh, ctx), redirs, io);
    } catch (err) {
      this.expansionFailed(io, err);
    }
    if (typeof result === 'string') {
      sinkOf(io, 2).write(`sh: ${result}\n`);
      return undefined;
    }
    return result;
  }

  private execSimple(sh: ShellState, cmd: SimpleCommand, io: Io): MaybeSteps {
    // A jailed command (its redirections, builtins and the commands it runs) resolves links inside the jail (fs.ts
    // confined()). Not a command run as steps after its first wait: jexec's and sh's run their own commands through here.
    if (sh.root !== '/') return this.fs.confined(sh.root, () => this.execSimpleHere(sh, cmd, io));
    return this.execSimpleHere(sh, cmd, io);
  }

  private execSimpleHere(sh: ShellState, cmd: SimpleCommand, io: Io): MaybeSteps {
    // Most runs have no stdin to wait for: no unit at all.
    const input = this.openInput;
    if (input === undefined || input.closed || this.atomicDepth > 0) return this.simpleOnce(sh, cmd, io, undefined);
    // attempt(), inlined: this runs for every command of a session's rounds.
    const unit = new Unit(input, this, this.env.host, io);
    try {
      return this.simpleOnce(sh, cmd, io, unit);
    } catch (err) {
      this.undo(err, unit, cmd);
      return this.simpleRetry(sh, cmd, io);
    }
  }

  private *simpleRetry(sh: ShellState, cmd: SimpleCommand, io: Io): Steps {
    const r = yield* this.retrySteps(io, (unit) => this.simpleOnce(sh, cmd, io, unit), cmd);
    return typeof r === 'number' ? r : yield* r;
  }

  private simpleOnce(sh: ShellState, cmd: SimpleCommand, io: Io, unit: Unit | undefined): MaybeSteps {
    const ctx = this.expandContext(sh, io);
    // guard() without its closures: this runs for every simple command.
    let argv: string[];
    try {
      argv = cmd.words.length ? expandWords(ctx, cmd.words) : NO_WORDS;
    } catch (err) {
      this.expansionFailed(io, err);
    }
    if (argv.length === 0) {
      // Plain assignments take effect one by one: `a=1 b=$a` sets b to 1.
      for (const a of cmd.assigns) {
        let value: string;
        try {
          value = expandString(ctx, a.value);
        } catch (err) {
          this.expansionFailed(io, err);
        }
        unit?.assigning(sh, a.name);
        if (!sh.set(a.name, value)) this.fatal(io, `${a.name}: is read only`);
      }
      this.commandsRun++;
      // Its own context: a substitution in a redirection does not set this command's status.
      if (cmd.redirs.length && this.redirect(sh, cmd.redirs, io) === undefined) return (sh.status = 2);
      return (sh.status = ctx.substStatus ?? 0);
    }
    const assigns: Array<[string, string]> = cmd.assigns.length ? [] : NO_ASSIGNS;
    for (const a of cmd.assigns) {
      try {
        assigns.push([a.name, expandString(ctx, a.value)]);
      } catch (err) {
        this.expansionFailed(io, err);
      }
    }

    const cmdIo = cmd.redirs.length ? this.redirect(sh, cmd.redirs, io, ctx) : io;
    // POSIX XCU 2.8.1: a redirection error of a special builtin ends the shell (bin/sh/eval.c evalcommand: cmdentry.special → exraise).
    if (cmdIo === undefined && SPECIAL_BUILTINS[argv[0]!]) throw new ExitSignal(2);
    if (cmdIo === undefined) return (sh.status = 2);
    unit?.starting();
    if (sh.options.xtrace) sinkOf(cmdIo, 2).write(`+ ${argv.join(' ')}\n`);

    const injected = this.env.beforeCommand(runsArgv(argv));
    if (injected) {
      this.commandDone(argv);
      return (sh.status = this.writeExternal(sh, cmdIo, injected));
    }
    const r = this.hungUpAfter !== undefined ? around(() => this.dispatch(sh, argv, assigns, cmdIo, io, true), { catch: (err) => this.shellWroteToBrokenPipe(sh, io, err) }) : this.dispatch(sh, argv, assigns, cmdIo, io, true);
    if (typeof r !== 'number') return this.simpleSteps(sh, r, argv);
    sh.status = r;
    this.commandDone(argv);
    return r;
  }

  /**
   * The shell itself (a builtin, an error message) wrote to a pipe whose
   * reader is gone: SIGPIPE. Ignored, the write fails; caught, its trap
   * action runs; else the shell dies (its parent shell carries on).
   */
  private shellWroteToBrokenPipe(sh: ShellState, io: Io, err: unknown): number {
    if (!(err instanceof BrokenPipe)) throw err;
    const action = sh.traps.get('PIPE');
    if (action === '') return 1;
    if (action === undefined) throw new KilledBySignal(141);
    sh.status = 1;
    return this.sync(() => this.runProgram(sh, parseCached(action), io));
  }

  /**
   * A command's output (or an injected fault's) to its fds. On a broken
   * pipe, SIGPIPE kills a child process (141) unless ignored (the write
   * fails: 1); where sh runs the utility itself (`shellOwn`: echo, printf),
   * the signal is the shell's.
   */
  writeExternal(sh: ShellState, io: Io, r: SimResult, shellOwn = false): number {
    try {
      writeResult(io, r);
      return r.code;
    } catch (err) {
      if (shellOwn) return this.shellWroteToBrokenPipe(sh, io, err);
      if (!(err instanceof BrokenPipe)) throw err;
      return pipeIgnored(sh) ? 1 : 141;
    }
  }

  private *simpleSteps(sh: ShellState, r: Steps, argv: string[]): Steps {
    const status = yield* r;
    sh.status = status;
    this.commandDone(argv);
    return status;
  }

  private commandDone(argv: string[]): void {
    this.commandsRun++;
    this.finishedCommands++;
    this.env.afterCommand(argv);
  }

  /**
   * Find and run argv[0]: special builtins, functions, builtins, then the
   * host's command table. `outerIo` is where `exec` makes redirections stick.
   */
  dispatch(sh: ShellState, argv: string[], assigns: Array<[string, string]>, io: Io, outerIo: Io, useFunctions: boolean): MaybeSteps {
    const name = argv[0]!;
    const special = SPECIAL_BUILTINS[name];
    if (special) {
      for (const [k, v] of assigns) if (!sh.set(k, v)) this.fatal(io, `${k}: is read only`);
      return special({ sh, argv, io, outerIo, exec: this });
    }
    const fn = useFunctions ? sh.funcs.get(name) : undefined;
    if (fn) return assigns.length ? this.withAssigns(sh, io, assigns, () => this.callFunction(sh, fn, argv, io)) : this.callFunction(sh, fn, argv, io);
    const builtin = BUILTINS[name];
    if (builtin) return assigns.length ? this.withAssigns(sh, io, assigns, () => builtin({ sh, argv, io, outerIo, exec: this })) : builtin({ sh, argv, io, outerIo, exec: this });
    return runExternal(this, sh, argv, assigns, io);
  }

  /** Prefix assignments for functions and builtins last only for the call. */
  private withAssigns(sh: ShellState, io: Io, assigns: Array<[string, string]>, fn: () => MaybeSteps): MaybeSteps {
    if (assigns.length === 0) return fn();
    const saved = assigns.map(([k]) => [k, sh.vars.get(k)] as const);
    for (const [k, v] of assigns) {
      if (!sh.set(k, v)) this.fatal(io, `${k}: is read only`);
      sh.setFlags(k, { exported: true });
    }
    return around(fn, {
      finally: () => {
        for (const [k, v] of saved) sh.restore(k, v);
      },
    });
  }

  callFunction(sh: ShellState, body: Command, argv: string[], io: Io): MaybeSteps {
    const savedArgs = sh.positional;
    const savedLoop = sh.loopDepth;
    sh.positional = argv.slice(1);
    sh.loopDepth = 0;
    const frame = new Map<string, ReturnType<ShellState['vars']['get']>>();
    sh.localFrames.push(frame);
    return around(() => this.execCommand(sh, body, io), {
      catch: (err) => {
        if (err instanceof ReturnSignal) return (sh.status = err.code);
        throw err;
      },
      finally: () => {
        sh.localFrames.pop();
        for (const [k, v] of frame) sh.restore(k, v);
        sh.positional = savedArgs;
        sh.loopDepth = savedLoop;
      },
    });
  }

  /** The host command table: full path first, then the basename. */
  lookup(name: string): SimCommand | undefined {
    return lookupCommand(this.env.commands, name);
  }

  /** What running `name` runs: its file by path or in $PATH (command-lookup.ts). */
  /** Whether `exec NAME` finds anything to run: a builtin or a command file (else exec's own "not found"). */
  execFinds(sh: ShellState, name: string): boolean {
    return Boolean(SPECIAL_BUILTINS[name] ?? BUILTINS[name] ?? this.findCommand(sh, name));
  }

  findCommand(sh: ShellState, name: string): FoundCommand | undefined {
    return findCommand(this.fs, this.env.commands, sh, name);
  }

  /** A `#!/bin/sh` script in the filesystem: by path, or found in $PATH. */
  findScript(sh: ShellState, name: string): string | undefined {
    return findScript(this.fs, sh, name);
  }

  /** Shell text in a fresh shell writing to `out` and `err` (a child process inheriting fds 1 and 2). */
  nested(script: string, options: RunOptions, out: Sink, err: Sink): MaybeSteps {
    return this.nestedRuns.nested(script, options, out, err);
  }
}

/** Redirection words expanded in the command's shell: one object, no closures (most commands redirect). */
class ExpandedTargets implements RedirTargets {
  readonly root: string;
  readonly cwd: string;
  readonly umask: number;
  readonly noclobber: boolean;

  constructor(
    readonly fs: SimFs,
    sh: ShellState,
    private readonly ctx: ShellExpansion,
  ) {
    this.root = sh.root;
    this.cwd = sh.cwd;
    this.umask = sh.umask;
    this.noclobber = sh.options.noclobber;
  }

  target(r: Redir): string {
    return r.body ? '' : expandString(this.ctx, r.target);
  }

  body(r: Redir): string {
    return r.body ? expandString(this.ctx, r.body) : '';
  }
}

/** Shared, never written: a command with no words, or no prefix assignments. */
const NO_WORDS: string[] = [];
const NO_ASSIGNS: Array<[string, string]> = [];

function exitStatus(err: unknown): number {
  if (err instanceof ExitSignal) return err.code;
  throw err;
}

function subshellStatus(err: unknown, child: ShellState): number {
  if (err instanceof ExitSignal || err instanceof ReturnSignal) return err.code;
  if (err instanceof LoopSignal) return child.status;
  throw err;
}

/** A simple command for an error message: its first word, or what it assigns. */
function describe(cmd: SimpleCommand): string {
  const first = cmd.words[0];
  if (first?.plain !== undefined) return `the command ${first.plain}`;
  if (cmd.assigns.length) return `the assignment to ${cmd.assigns.map((a) => a.name).join(', ')}`;
  return 'a command';
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

export type { Sink };
