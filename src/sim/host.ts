/**
 * A simulated FreeBSD host: its state, filesystem and command table, and
 * exec(), which runs a command line the way sshd hands it to root's login
 * shell.
 */
import { allCommands } from './commands/index.js';
import { SimFs } from './fs.js';
import { BufferSink, Executor, LOGIN_PATH, Reader, ShellState, loginShell, type ExecutorHost } from './shell/index.js';
import type { RunOptions, SimCommand, SimHostApi, SimResult, SimState } from './types.js';

/** Thrown out of exec() when a `dropAfterCommands` fault fires: the SSH connection is gone. */
export class SimConnectionDropped extends Error {
  constructor(readonly afterCommands: number) {
    super(`connection dropped after ${afterCommands} commands`);
    this.name = 'SimConnectionDropped';
  }
}

export interface SimFaults {
  /** A command whose argv joined by spaces starts with `match` fails with `code` and `stderr` instead of running. */
  failCommand?: Array<{ match: string; code: number; stderr?: string }>;
  /** Drop the connection once this many simple commands have run. */
  dropAfterCommands?: number;
}

export interface SimExecOptions {
  stdin?: string;
  faults?: SimFaults;
}

export interface SimHostOptions {
  commands?: Record<string, SimCommand>;
}

export class SimHost implements SimHostApi {
  private currentState: SimState;
  private currentFs: SimFs;
  private readonly commands: Record<string, SimCommand>;

  constructor(
    readonly name: string,
    state: SimState,
    options: SimHostOptions = {},
  ) {
    this.currentState = state;
    this.currentFs = new SimFs(state);
    this.commands = options.commands ?? allCommands;
  }

  get state(): SimState {
    return this.currentState;
  }

  set state(state: SimState) {
    this.currentState = state;
    this.currentFs = new SimFs(state);
  }

  get fs(): SimFs {
    return this.currentFs;
  }

  newPid(): number {
    const pid = this.currentState.nextPid;
    this.currentState.nextPid = pid + 1;
    return pid;
  }

  /** Run a command line as root's login shell (/bin/sh) would; advances the clock by one second. */
  exec(commandLine: string, options: SimExecOptions = {}): SimResult {
    this.currentState.clock += 1;
    const executor = this.newExecutor(options.faults);
    const sh = loginShell(this.fs, this.newPid());
    return this.runIn(executor, sh, commandLine, options.stdin ?? '');
  }

  /** Shell text in a fresh shell (what ctx.run does): no fault injection outside exec(). */
  run(script: string, options: RunOptions = {}): SimResult {
    return this.runWith(this.newExecutor(undefined), script, options);
  }

  private runWith(executor: Executor, script: string, options: RunOptions): SimResult {
    const env = options.env ?? { HOME: '/root', USER: 'root', PATH: LOGIN_PATH, SHELL: '/bin/sh' };
    const sh = ShellState.fromEnv(env, { cwd: options.cwd ?? '/', root: options.root ?? '/', jail: options.jail, pid: this.newPid() });
    return this.runIn(executor, sh, script, options.stdin ?? '');
  }

  private runIn(executor: Executor, sh: ShellState, script: string, stdin: string): SimResult {
    const out = new BufferSink();
    const err = new BufferSink();
    const code = executor.runScript(sh, script, { fds: [new Reader(stdin), out, err] });
    return { stdout: out.text(), stderr: err.text(), code };
  }

  /** One executor per exec: nested runs (jexec, rc scripts) share its fault counters. */
  private newExecutor(faults: SimFaults | undefined): Executor {
    let count = 0;
    const drop = faults?.dropAfterCommands;
    const failures = faults?.failCommand ?? [];
    const env: ExecutorHost = {
      host: this,
      commands: this.commands,
      beforeCommand: (argv) => {
        if (drop !== undefined && count >= drop) throw new SimConnectionDropped(count);
        if (failures.length === 0) return undefined;
        const line = argv.join(' ');
        const hit = failures.find((f) => line.startsWith(f.match));
        return hit ? { stdout: '', stderr: hit.stderr ?? '', code: hit.code } : undefined;
      },
      afterCommand: () => {
        count++;
        if (drop !== undefined && count >= drop) throw new SimConnectionDropped(count);
      },
      run: (script, options) => this.runWith(executor, script, options),
    };
    const executor = new Executor(env);
    return executor;
  }
}
