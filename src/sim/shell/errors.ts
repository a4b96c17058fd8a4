/** Control flow inside the interpreter travels as exceptions of these classes. */

export class ShellSyntaxError extends Error {}

/*
 * The signals below are not Errors on purpose: every script ends in `exit`,
 * and capturing a stack trace each time was a measurable share of a run.
 * They never leave the interpreter.
 */

/** `exit`, or a fatal error (errexit, special builtin failure) ending the shell. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/**
 * A write to a pipe whose reader is gone (the SSH connection dropped, see
 * Executor.hangUp): thrown by the sink and turned into SIGPIPE for the
 * process that wrote — an external command dies with 141, the shell itself
 * dies, runs its PIPE trap, or (PIPE ignored) sees the write fail.
 */
export class BrokenPipe {}

/** The shell was killed by a signal: it ends at once with 128+N, without its EXIT trap; a parent shell carries on. */
export class KilledBySignal {
  constructor(readonly code: number) {}
}

export class ReturnSignal {
  constructor(readonly code: number) {}
}

export class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    /** How many enclosing loops are still to leave. */
    public levels: number,
  ) {}
}

/** Expansion errors (`${x:?}`, `set -u`, bad arithmetic) abort the current command line. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

/**
 * A command read an open stdin that has no more data yet: a real process
 * would block in read(2) there. Thrown from the read itself and caught by the
 * simple command it belongs to (unit.ts), which undoes what it consumed and
 * printed and waits as a whole. Not an Error: no stack trace is needed.
 */
export class StdinBlocked {}

/**
 * A run cannot wait for input at the point where it blocked without running
 * something twice that changed the host (see unit.ts): the simulator says so
 * instead of replaying it. It ends the exec as an internal simulator error.
 */
export class SimSuspendError extends Error {
  constructor(detail: string) {
    super(`simulator: cannot wait for stdin here: ${detail}`);
    this.name = 'SimSuspendError';
  }
}
