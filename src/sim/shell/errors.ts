/** Control flow inside the interpreter travels as exceptions of these classes. */

export class ShellSyntaxError extends Error {}

/** `exit`, or a fatal error (errexit, special builtin failure) ending the shell. */
export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export class ReturnSignal extends Error {
  constructor(readonly code: number) {
    super(`return ${code}`);
  }
}

export class LoopSignal extends Error {
  constructor(
    readonly kind: 'break' | 'continue',
    /** How many enclosing loops are still to leave. */
    public levels: number,
  ) {
    super(kind);
  }
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
