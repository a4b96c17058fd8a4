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
 * A command read from a stdin that is still open and had no more data: a real
 * process would block there until the controller writes or closes it. The
 * interpreter is synchronous, so the whole exec is aborted instead (a session's
 * phase 1, see src/sim/session.ts) and later replayed with the complete input.
 * It is an Error (thrown once per session, so the stack trace is cheap) and
 * carries what the exec printed before blocking: every place that buffers a
 * child's output prepends its own buffered text on the way out.
 */
export class StdinPending extends Error {
  stdout = '';
  stderr = '';
  /** Files the waiting command holds locked (lockf around it): held until the session goes on. */
  readonly locks: string[] = [];
  constructor() {
    super('a command read stdin that is still open');
    this.name = 'StdinPending';
  }
}
