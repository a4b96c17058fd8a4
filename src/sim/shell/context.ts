/** The context a command sees, and the extra hooks `sh` and the resumable commands use to re-enter the interpreter. */
import { quote } from '../../shell/quote.js';
import type { RunOptions, SimCommandContext, SimHostApi, SimResult, SimStepContext } from '../types.js';
import { argvProgram } from './argv-program.js';
import type { Program } from './ast.js';
import { inputOf, type Io, type Reader } from './io.js';
import type { ShellOptions } from './state.js';
import type { MaybeSteps } from './steps.js';

export interface RunShellOptions {
  /** $0 */
  arg0?: string;
  /** $1... */
  args?: string[];
  options?: Partial<ShellOptions>;
  /** sh -n: parse and report syntax errors only. */
  parseOnly?: boolean;
  /** Script text read from stdin (sh -s): the script's commands get no more input. */
  stdin?: string;
}

/** Implemented by contexts the interpreter creates; `sh` checks for it. */
export interface ShellCommandContext extends SimStepContext {
  runShell(script: string, options: RunShellOptions): SimResult;
  /** runShell as steps: the shell writes straight to this command's stdout and stderr, and may wait for stdin. */
  runShellSteps(script: string, options: RunShellOptions): MaybeSteps<SimResult>;
}

export function isShellContext(ctx: SimCommandContext): ctx is ShellCommandContext {
  return typeof (ctx as Partial<ShellCommandContext>).runShellSteps === 'function';
}

export interface ContextRunner {
  run(script: string, options: RunOptions, ctx: CommandContext): SimResult;
  runSteps(script: string | Program, options: RunOptions, ctx: CommandContext, io: Io): MaybeSteps<SimResult>;
  runShell(script: string, options: RunShellOptions, ctx: CommandContext, input: Reader | undefined): SimResult;
  runShellSteps(script: string, options: RunShellOptions, ctx: CommandContext, input: Reader | undefined, io: Io): MaybeSteps<SimResult>;
}

export class CommandContext implements ShellCommandContext {
  private stdinText: string | undefined;
  private envCopy: Record<string, string> | undefined;
  private readonly reader: Reader | undefined;

  constructor(
    readonly argv: string[],
    /** The command's fds: nested runs as steps write straight to its 1 and 2. */
    private readonly io: Io,
    /** Shared with the shell: copied before a command sees it, and only if it looks. */
    private readonly baseEnv: Record<string, string>,
    private readonly extraEnv: Array<[string, string]>,
    readonly cwd: string,
    readonly root: string,
    readonly jail: string | undefined,
    readonly host: SimHostApi,
    private readonly runner: ContextRunner,
  ) {
    this.reader = inputOf(io);
  }

  get env(): Record<string, string> {
    if (!this.envCopy) {
      this.envCopy = { ...this.baseEnv };
      for (const [k, v] of this.extraEnv) this.envCopy[k] = v;
    }
    return this.envCopy;
  }

  /**
   * Reading stdin consumes it, as a process reading a pipe would; commands
   * that never look leave it for the next. On a session's open stdin it
   * waits for the end of input (StdinBlocked): read it before changing anything.
   */
  get stdin(): string {
    if (this.stdinText === undefined) this.stdinText = this.reader ? this.reader.takeAll() : '';
    return this.stdinText;
  }

  stdinBytes(n: number): string {
    return this.reader ? this.reader.takeBytes(n) : '';
  }

  /** fd 0 itself, for a command that starts a child on it (a child inherits, it does not copy). */
  get input(): Reader | undefined {
    return this.reader;
  }

  run(script: string, options: RunOptions = {}): SimResult {
    return this.runner.run(script, options, this);
  }

  runSteps(script: string, options: RunOptions = {}): MaybeSteps<SimResult> {
    return this.runner.runSteps(script, options, this, this.io);
  }

  execSteps(argv: string[], options: RunOptions = {}): MaybeSteps<SimResult> {
    return this.runner.runSteps(argvProgram(argv) ?? argv.map(quote).join(' '), options, this, this.io);
  }

  runShell(script: string, options: RunShellOptions): SimResult {
    return this.runner.runShell(script, options, this, this.reader);
  }

  runShellSteps(script: string, options: RunShellOptions): MaybeSteps<SimResult> {
    return this.runner.runShellSteps(script, options, this, this.reader, this.io);
  }
}
