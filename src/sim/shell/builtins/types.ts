import type { Executor } from '../executor.js';
import type { Io } from '../io.js';
import type { ShellState } from '../state.js';
import type { MaybeSteps } from '../steps.js';

export interface BuiltinCall {
  sh: ShellState;
  argv: string[];
  /** The command's fds, after its own redirections. */
  io: Io;
  /** The enclosing fds: `exec` without a command makes its redirections stick here. */
  outerIo: Io;
  exec: Executor;
}

/** A builtin returns its status, or Steps when it runs shell code that may wait (eval, ., exec, command). */
export type Builtin = (call: BuiltinCall) => MaybeSteps;
