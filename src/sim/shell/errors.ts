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
