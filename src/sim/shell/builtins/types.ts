import type { Executor } from '../executor.js';
import type { Io } from '../io.js';
import type { ShellState } from '../state.js';

export interface BuiltinCall {
  sh: ShellState;
  argv: string[];
  /** The command's fds, after its own redirections. */
  io: Io;
  /** The enclosing fds: `exec` without a command makes its redirections stick here. */
  outerIo: Io;
  exec: Executor;
}

export type Builtin = (call: BuiltinCall) => number;
