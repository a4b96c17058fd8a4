/** The simulator's POSIX sh: parse once, run against a SimHost. */
export type { Program } from './ast.js';
export { isShellContext, type RunShellOptions, type ShellCommandContext } from './context.js';
export { Executor, type ExecutorHost } from './executor.js';
export { SimSuspendError, StdinBlocked } from './errors.js';
export { BufferSink, OpenReader, Reader, runBuffered, type Io } from './io.js';
export { loginEnv, loginShell, LOGIN_PATH } from './login.js';
export { parseCached } from './parse-cache.js';
export { parse } from './parser.js';
export { ShellState } from './state.js';
export { isSteps, runToEnd, settle, type MaybeSteps, type Steps, type Suspension } from './steps.js';
