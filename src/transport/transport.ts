/**
 * The one seam between jailfleet and a host. Everything that talks to a host
 * goes through a Transport; tests swap in the simulator's.
 */
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
  /** Exec channels opened so far (the round-trip cost, DESIGN.md §4). */
  channels(): number;
  close(): Promise<void>;
}
