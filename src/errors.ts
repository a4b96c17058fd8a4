/**
 * The one root error class. Everything jailfleet throws on purpose derives
 * from it, so src/cli can map any failure to an exit code in one place.
 */
export class JailfleetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Where in an input file a problem is. Lines and columns are 1-based. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/**
 * Bad input (inventory, playbook, config, arguments). Always exit code 4,
 * and always raised before anything is sent to any host.
 */
export class InputError extends JailfleetError {
  constructor(
    readonly problem: string,
    readonly pos?: SourcePos,
  ) {
    super(pos ? `${pos.file}:${pos.line}:${pos.col}: ${problem}` : problem);
  }
}

/** A command on a host failed: carries everything needed to report it. */
export class CommandError extends JailfleetError {
  constructor(
    readonly host: string,
    readonly step: string,
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`${host}: step "${step}" failed with exit code ${exitCode}${stderr ? `: ${stderr.trim()}` : ''}`);
  }
}

export type UnreachableReason = 'connect' | 'auth' | 'hostkey' | 'dropped' | 'timeout';

/** A host could not be reached, or the connection was lost (exit code 3). */
export class UnreachableError extends JailfleetError {
  /**
   * What the command had printed before the connection was lost, so the
   * engine can tell which step of an apply script it reached.
   */
  partial?: { stdout: string; stderr: string };

  constructor(
    readonly host: string,
    readonly reason: UnreachableReason,
    readonly detail: string,
  ) {
    super(`${host}: unreachable (${reason}): ${detail}`);
  }

  /** The same failure, carrying the output received before it. */
  withPartial(stdout: string, stderr: string): UnreachableError {
    const copy = new UnreachableError(this.host, this.reason, this.detail);
    copy.partial = { stdout, stderr };
    return copy;
  }
}

/** The run was interrupted by SIGINT/SIGTERM (exit code 130). */
export class InterruptedError extends JailfleetError {}
