/**
 * A simple command is the unit of waiting for stdin. Making every command
 * implementation resumable (head, cat, read, sed, sysrc ...) would mean
 * rewriting all of them; instead a simple command that blocks on an open,
 * empty stdin is undone and run again, whole, once more input arrived:
 *
 *  - what it consumed of stdin is put back (the reader's position),
 *  - what it printed into buffers (the session's output, a pipe) is cut off,
 *  - variables it assigned before blocking (`a=1 b=$(cat)`) get back their values,
 *  - the pids it took for subshells are given back.
 *
 * That is exact when the command blocked before it changed anything: `read`,
 * `head -c N`, `$(head -c N)`, `cat`, and every simulated utility reads its
 * stdin before it acts. It is not when something already ran inside the unit
 * before the block (`x=$(touch f; cat)` runs touch twice), when the expansion
 * assigned (`$((n+=1))`, `${v=x}`), or when the filesystem changed between
 * the command's start and the block (its own redirections apart: opening the
 * same file again does the same). The unit detects those and fails with
 * SimSuspendError rather than run anything twice.
 */
import type { SimHostApi } from '../types.js';
import { SimSuspendError } from './errors.js';
import { BufferSink, type Io, type Reader } from './io.js';
import type { ShellState, Var } from './state.js';

/** What the executor counts for the unit to tell "nothing ran" from "something ran". */
export interface UnitCounters {
  /** Simple commands completed in this run (fault counters aside). */
  commandsRun: number;
  /** Assignments made by expansions ($((n+=1)), ${v=x}). */
  expansionAssigns: number;
}

export class Unit {
  private readonly pos: number;
  private readonly commandsRun: number;
  private readonly expansionAssigns: number;
  private readonly nextPid: number;
  /** Buffers among the command's fds, and their lengths: fds 1 and 2 apart, as nearly always only they are. */
  private readonly out: BufferSink | undefined;
  private readonly outLength: number;
  private readonly err: BufferSink | undefined;
  private readonly errLength: number;
  private readonly others: Array<[BufferSink, number]> | undefined;
  /** The filesystem's generation once the command's own redirections are open (undefined: not yet). */
  private fsGeneration: number | undefined;
  private assigned: Array<[ShellState, string, Var | undefined]> | undefined;

  constructor(
    private readonly input: Reader,
    private readonly counters: UnitCounters,
    private readonly host: SimHostApi,
    io: Io,
  ) {
    this.pos = input.pos;
    this.commandsRun = counters.commandsRun;
    this.expansionAssigns = counters.expansionAssigns;
    this.nextPid = host.state.nextPid;
    // One unit per simple command while a session waits on stdin: no allocation beyond this object.
    const { fds } = io;
    const out = fds[1];
    const err = fds[2];
    this.out = out instanceof BufferSink ? out : undefined;
    this.outLength = this.out?.length ?? 0;
    this.err = err instanceof BufferSink ? err : undefined;
    this.errLength = this.err?.length ?? 0;
    for (let fd = 3; fd < fds.length; fd++) {
      const sink = fds[fd];
      if (sink instanceof BufferSink) (this.others ??= []).push([sink, sink.length]);
    }
  }

  /** The command is about to run (its redirections are open): the filesystem must not change from here until it blocks. */
  starting(): void {
    this.fsGeneration = this.host.fs.generation;
  }

  /** `name` is about to be assigned by this command: give it its value back if the command blocks. */
  assigning(sh: ShellState, name: string): void {
    (this.assigned ??= []).push([sh, name, sh.vars.get(name)]);
  }

  /** The command blocked: undo it so it can run again from its start, or fail when that would repeat a change. */
  rollback(what: string): void {
    const problem = this.whyNot();
    if (problem) throw new SimSuspendError(`${what} blocked on stdin after ${problem}; running it again would repeat that`);
    this.input.pos = this.pos;
    if (this.others) for (const [sink, length] of this.others) sink.truncate(length);
    this.err?.truncate(this.errLength);
    this.out?.truncate(this.outLength);
    if (this.assigned) for (let i = this.assigned.length - 1; i >= 0; i--) this.assigned[i]![0].restore(this.assigned[i]![1], this.assigned[i]![2]);
    // Nothing completed in between, so the pids taken since were only for shells that are gone now.
    this.host.state.nextPid = this.nextPid;
  }

  private whyNot(): string | undefined {
    if (this.counters.commandsRun !== this.commandsRun) return 'other commands in it had run';
    if (this.counters.expansionAssigns !== this.expansionAssigns) return 'its expansion assigned a variable';
    if (this.fsGeneration !== undefined && this.host.fs.generation !== this.fsGeneration) return 'it had changed the filesystem';
    return undefined;
  }
}
