/**
 * A simulated FreeBSD host: its state, filesystem and command table, and
 * exec(), which runs a command line the way sshd hands it to root's login
 * shell.
 */
import { allCommands } from './commands/index.js';
import { SimConnectionDropped } from './dropped.js';
import { SimExecRun } from './exec-run.js';
import { SimFs } from './fs.js';
import { Executor, OpenReader, Reader, loginShell, runBuffered, settle, type ExecutorHost } from './shell/index.js';
import { SimLocks } from './locks.js';
import { settlePower } from './power.js';
import type { RunOptions, SimCommand, SimHostApi, SimResult, SimState } from './types.js';

export { SimConnectionDropped };

export interface SimFaults {
  /** A command whose argv joined by spaces starts with `match` fails with `code` and `stderr` instead of running. */
  failCommand?: Array<{ match: string; code: number; stderr?: string }>;
  /**
   * Drop the connection once this many simple commands have run (in one
   * exec, all its rounds). The command runs on without it: stdin at its
   * end, output to a broken pipe (SIGPIPE), as sshd leaves a command that has no pty.
   */
  dropAfterCommands?: number;
  /** The command with this number (1 for the first, counted as dropAfterCommands counts) fails with exit 1 instead of running. */
  failAtCommand?: number;
}

export interface SimExecOptions {
  stdin?: string;
  faults?: SimFaults;
}

export interface SimStartOptions {
  faults?: SimFaults;
  /** The whole stdin, closed (a plain exec); absent: stdin stays open for input to come (a session). */
  stdin?: string;
  /** Exported into the login shell besides its usual environment: sshd's SSH_CONNECTION and SSH_CLIENT (sim serve). */
  env?: Record<string, string>;
}

export interface SimHostOptions {
  commands?: Record<string, SimCommand>;
}

export class SimHost implements SimHostApi {
  private currentState: SimState;
  private currentFs: SimFs;
  private readonly commands: Record<string, SimCommand>;
  /** lockf locks of runs on this host; not state: a restarted host holds none (the SSH server shares one across reloads). */
  locks = new SimLocks();
  /**
   * Sees each simple command (its argv) an exec ran to its end, in the order
   * the dropAfterCommands budget counts them: tests name drop points by it.
   */
  trace: ((argv: string[]) => void) | undefined;

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

  /**
   * Run a command line as root's login shell (/bin/sh) would, with the whole
   * stdin given; advances the clock by one second. Nothing here can wait: a
   * lockf on a lock another run holds gives up at once, as after its -t.
   */
  exec(commandLine: string, options: SimExecOptions = {}): SimResult {
    this.currentState.clock += 1;
    const executor = this.newExecutor(options.faults);
    const sh = loginShell(this.fs, this.newPid());
    const stdin = new Reader(options.stdin ?? '');
    const result = runBuffered((out, err) => {
      executor.onHangUp = () => (out.broken = err.broken = true);
      return settle(executor.runScript(sh, commandLine, { fds: [stdin, out, err] }));
    });
    settlePower(this.currentState);
    if (executor.hungUpAfter !== undefined) throw new SimConnectionDropped(executor.hungUpAfter);
    return result;
  }

  /**
   * The same exec as a run that can stop and go on (exec-run.ts): where it
   * waits for input, or for a lock, the caller decides when it goes on. With
   * `stdin` absent, stdin stays open: feed it through run.input (an OpenReader).
   */
  start(commandLine: string, options: SimStartOptions = {}): SimExecRun {
    this.currentState.clock += 1;
    const executor = this.newExecutor(options.faults);
    const sh = loginShell(this.fs, this.newPid());
    if (options.env) {
      for (const [name, value] of Object.entries(options.env)) {
        sh.set(name, value);
        sh.setFlags(name, { exported: true });
      }
    }
    const input = options.stdin === undefined ? new OpenReader() : new Reader(options.stdin);
    return new SimExecRun(executor, sh, commandLine, input, () => settlePower(this.currentState));
  }

  /** Shell text in a fresh shell (what ctx.run does): no fault injection outside exec(). */
  run(script: string, options: RunOptions = {}): SimResult {
    const executor = this.newExecutor(undefined);
    return runBuffered((out, err) => settle(executor.nested(script, options, out, err)));
  }

  /** One executor per exec: nested runs (jexec, rc scripts) and every round of a session share its fault counters. */
  private newExecutor(faults: SimFaults | undefined): Executor {
    let count = 0;
    const drop = faults?.dropAfterCommands;
    const failures = faults?.failCommand ?? [];
    const env: ExecutorHost = {
      host: this,
      commands: this.commands,
      beforeCommand: (argv) => {
        if (drop !== undefined && count >= drop) executor.hangUp(count);
        if (faults?.failAtCommand === count + 1) return { stdout: '', stderr: `${argv[0]}: simulated failure\n`, code: 1 };
        if (failures.length === 0) return undefined;
        const line = argv.join(' ');
        const hit = failures.find((f) => line.startsWith(f.match));
        return hit ? { stdout: '', stderr: hit.stderr ?? '', code: hit.code } : undefined;
      },
      afterCommand: (argv) => {
        count++;
        this.trace?.(argv);
        // Right after the command that used the budget up: its status may never reach the controller.
        if (drop !== undefined && count >= drop) executor.hangUp(count);
      },
    };
    const executor = new Executor(env);
    return executor;
  }
}
