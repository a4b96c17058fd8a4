/** The context a command sees, and the extra hook `sh` uses to re-enter the interpreter. */
import type { RunOptions, SimCommandContext, SimHostApi, SimResult } from '../types.js';
import type { Reader } from './io.js';
import type { ShellOptions } from './state.js';

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
export interface ShellCommandContext extends SimCommandContext {
  runShell(script: string, options: RunShellOptions): SimResult;
}

export function isShellContext(ctx: SimCommandContext): ctx is ShellCommandContext {
  return typeof (ctx as Partial<ShellCommandContext>).runShell === 'function';
}

export interface ContextRunner {
  run(script: string, options: RunOptions, ctx: CommandContext): SimResult;
  runShell(script: string, options: RunShellOptions, ctx: CommandContext, input: Reader | undefined): SimResult;
}

export class CommandContext implements ShellCommandContext {
  private stdinText: string | undefined;
  private envCopy: Record<string, string> | undefined;

  constructor(
    readonly argv: string[],
    private readonly reader: Reader | undefined,
    /** Shared with the shell: copied before a command sees it, and only if it looks. */
    private readonly baseEnv: Record<string, string>,
    private readonly extraEnv: Array<[string, string]>,
    readonly cwd: string,
    readonly root: string,
    readonly jail: string | undefined,
    readonly host: SimHostApi,
    private readonly runner: ContextRunner,
  ) {}

  get env(): Record<string, string> {
    if (!this.envCopy) {
      this.envCopy = { ...this.baseEnv };
      for (const [k, v] of this.extraEnv) this.envCopy[k] = v;
    }
    return this.envCopy;
  }

  /** Reading stdin consumes it, as a process reading a pipe would; commands that never look leave it for the next. */
  get stdin(): string {
    if (this.stdinText === undefined) this.stdinText = this.reader ? this.reader.takeAll() : '';
    return this.stdinText;
  }

  /** fd 0 itself, for a command that starts a child on it (a child inherits, it does not copy). */
  get input(): Reader | undefined {
    return this.reader;
  }

  run(script: string, options: RunOptions = {}): SimResult {
    return this.runner.run(script, options, this);
  }

  runShell(script: string, options: RunShellOptions): SimResult {
    return this.runner.runShell(script, options, this, this.reader);
  }
}
