/**
 * The one seam between jailfleet and a host. Everything that talks to a host
 * goes through a Transport; tests swap in the simulator's.
 */
import type { Readable, Writable } from 'node:stream';
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit status of the remote command (128+N for a signal). */
  code: number;
}

export interface ExecOptions {
  /** Bytes written to the command's standard input, then closed. */
  stdin?: string | Buffer;
  /** Give up (and fail with UnreachableError 'timeout') after this long. */
  timeoutMs?: number;
}

/** What a session's command printed up to a marker (see ExecSession.readUntil). */
export interface SessionPrefix {
  /** stdout since the previous readUntil's marker, up to and including `marker + "\n"`. */
  stdout: string;
  /** stderr since the previous readUntil's marker, up to and including `marker + "\n"`. */
  stderr: string;
}

/**
 * One exec channel whose stdin stays open while the controller reads what
 * the command printed, answers it, reads again, and so on (DESIGN.md §4:
 * one exec per host, as many rounds as the play needs). The channel counts
 * once in channels(). Every method rejects with UnreachableError when the
 * connection fails, drops (with `partial` output, the whole exec's so far,
 * when some arrived) or the session's timeout expires.
 */
export interface ExecSession {
  /**
   * Wait until the command has printed `marker` followed by a newline on
   * stdout and on stderr (both, as the two streams travel separately),
   * searching only what arrived after the previous readUntil's marker.
   * Resolves with the output from there up to and including those lines
   * (one round's output), or — when the command ended first — with
   * `{ ended }`, the whole exec's complete result.
   */
  readUntil(marker: string): Promise<SessionPrefix | { ended: ExecResult }>;
  /** Write `input` to the command's stdin and keep stdin open (the next round's input). */
  send(input: string): Promise<void>;
  /**
   * Write `input` to the command's stdin, close stdin, and wait for the
   * command to end. The result holds the whole exec's output, every round
   * readUntil returned included. Called once; after `{ ended }` it returns
   * that result.
   */
  finish(input: string): Promise<ExecResult>;
}

/**
 * One exec channel driven as streams (a relay's end, relay.ts): stdout is
 * read as it arrives and never kept; reading slowly slows the remote
 * command down (the SSH window), so nothing piles up on the controller.
 */
export interface ExecStreams {
  /** The command's stdout, as it arrives (bytes). */
  stdout: Readable;
  /** The command's stdin: end it (or pipe a stream into it that ends) or the command may wait for ever. */
  stdin: Writable;
  /** The command's end: its exit status and stderr (its stdout went to the stream). */
  done: Promise<{ code: number; stderr: string }>;
}

export interface SessionOptions {
  /** Give up (UnreachableError 'timeout') when the command has not ended this long after the session opened. */
  timeoutMs?: number;
}

export interface Transport {
  /** Inventory name of the host this transport reaches. */
  readonly host: string;
  /**
   * Run one command line on the host in one exec channel. The text is handed
   * to the remote login shell exactly as given; callers wrap scripts with
   * shCommand() so the target's /bin/sh runs them whatever the login shell.
   * Rejects with UnreachableError when the connection fails or drops.
   */
  exec(commandLine: string, options?: ExecOptions): Promise<ExecResult>;
  /**
   * Start one command line (as exec() would) with stdin left open: see
   * ExecSession. The caller must call finish() once, or the channel stays open.
   */
  openSession(commandLine: string, options?: SessionOptions): Promise<ExecSession>;
  /**
   * Start one command line (as exec() would) with its stdout and stdin as
   * streams (ExecStreams): for data too large to hold, such as a jail's
   * tree on its way between two hosts. `done` rejects with UnreachableError
   * as exec() does.
   */
  openStreams(commandLine: string, options?: SessionOptions): Promise<ExecStreams>;
  /** Exec channels opened so far (the round-trip cost, DESIGN.md §4). */
  channels(): number;
  close(): Promise<void>;
}
