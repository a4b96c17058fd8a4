/**
 * A simulated FreeBSD host: its state, filesystem and command table, and
 * exec(), which runs a command line the way sshd hands it to root's login
 * shell.
 */
import { allCommands } from './commands/index.js';
import { SimFs } from './fs.js';
import { Executor, LOGIN_PATH, OpenReader, Reader, ShellState, StdinPending, loginShell, runBuffered, type ExecutorHost } from './shell/index.js';
import { SimLocks } from './locks.js';
import type { SimSessionStart } from './session.js';
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
  /** Locks of sessions waiting between their phases; not state: a restarted host holds none (the SSH server shares one across reloads). */
  locks = new SimLocks();

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
    return this.execOn(commandLine, new Reader(options.stdin ?? ''), options.faults);
  }

  /**
   * Phase 1 of a session (src/sim/session.ts): run the command line with a
   * stdin that stays open. Either it ends without reading stdin (its result),
   * or it is stopped where it first reads stdin: what it printed until then.
   * Phase 2 is exec() of the same command line with the complete stdin
   * (replaySession), after releasing the locks phase 1 holds.
   */
  startSession(commandLine: string, options: { faults?: SimFaults } = {}): SimSessionStart {
    const state = this.currentState;
    const { clock, nextPid } = state;
    try {
      return this.execOn(commandLine, new OpenReader(''), options.faults);
    } catch (e) {
      if (!(e instanceof StdinPending)) throw e;
      // Phase 2 replays from the start: it must see the same clock and pids
      // ($$, date) as phase 1 did. Pids stay taken when phase 1 left a process running.
      state.clock = clock;
      if (!state.processes.some((p) => p.pid >= nextPid)) state.nextPid = nextPid;
      // The waiting command keeps its lockf locks until phase 2 (or until the session is abandoned).
      this.locks.hold(e.locks);
      return { suspended: true, stdout: e.stdout, stderr: e.stderr, locks: e.locks };
    }
  }

  private execOn(commandLine: string, stdin: Reader, faults: SimFaults | undefined): SimResult {
    this.currentState.clock += 1;
    const executor = this.newExecutor(faults);
    const sh = loginShell(this.fs, this.newPid());
    return this.runIn(executor, sh, commandLine, stdin);
  }

  /** Shell text in a fresh shell (what ctx.run does): no fault injection outside exec(). */
  run(script: string, options: RunOptions = {}): SimResult {
    return this.runWith(this.newExecutor(undefined), script, options);
  }

  private runWith(executor: Executor, script: string, options: RunOptions): SimResult {
    const env = options.env ?? { HOME: '/root', USER: 'root', PATH: LOGIN_PATH, SHELL: '/bin/sh' };
    const sh = ShellState.fromEnv(env, { cwd: options.cwd ?? '/', root: options.root ?? '/', jail: options.jail, pid: this.newPid() });
    return this.runIn(executor, sh, script, options.input ?? new Reader(options.stdin ?? ''));
  }

  private runIn(executor: Executor, sh: ShellState, script: string, stdin: Reader): SimResult {
    return runBuffered((out, err) => executor.runScript(sh, script, { fds: [stdin, out, err] }));
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
