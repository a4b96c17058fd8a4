/**
 * Compound commands: if, while/until, for, case. Each is a generator (one
 * frame per compound command run, not per command inside it): its lists may
 * stop to wait for stdin (steps.ts) and must go on where they stopped, in
 * the same iteration with the same loop variable.
 */
import type { Case, For, If, Loop } from './ast.js';
import { LoopSignal } from './errors.js';
import { expandPatternText, expandString, expandWords } from './expand.js';
import type { Executor } from './executor.js';
import type { Io } from './io.js';
import { matchPattern } from './pattern.js';
import type { ShellState } from './state.js';
import { BLOCKED, type Steps } from './steps.js';

export function* execIf(ex: Executor, sh: ShellState, cmd: If, io: Io): Steps {
  let status = 0;
  let ran = false;
  for (const c of cmd.clauses) {
    const cond = ex.inCond(sh, () => ex.execList(sh, c.cond, io));
    if ((typeof cond === 'number' ? cond : yield* cond) !== 0) continue;
    const body = ex.execList(sh, c.body, io);
    status = typeof body === 'number' ? body : yield* body;
    ran = true;
    break;
  }
  if (!ran && cmd.elseBody) {
    const body = ex.execList(sh, cmd.elseBody, io);
    status = typeof body === 'number' ? body : yield* body;
  }
  sh.status = status;
  return status;
}

/** A LoopSignal out of a loop body: true to leave this loop; other errors (and outer loops' signals) go on up. */
function leavesLoop(err: unknown): boolean {
  if (!(err instanceof LoopSignal)) throw err;
  if (err.levels > 1) {
    err.levels--;
    throw err;
  }
  return err.kind === 'break';
}

/** One run of a loop body; true when `break` left the loop. */
function* iterate(ex: Executor, sh: ShellState, cmd: Loop | For, io: Io): Steps<boolean> {
  try {
    const body = ex.execList(sh, cmd.body, io);
    if (typeof body !== 'number') yield* body;
    return false;
  } catch (err) {
    return leavesLoop(err);
  }
}

export function* execLoop(ex: Executor, sh: ShellState, cmd: Loop, io: Io): Steps {
  let status = 0;
  sh.loopDepth++;
  try {
    for (;;) {
      const cond = ex.inCond(sh, () => ex.execList(sh, cmd.cond, io));
      const c = typeof cond === 'number' ? cond : yield* cond;
      if (cmd.until ? c === 0 : c !== 0) break;
      const left = yield* iterate(ex, sh, cmd, io);
      status = sh.status;
      if (left) break;
    }
  } finally {
    sh.loopDepth--;
  }
  sh.status = status;
  return status;
}

export function* execFor(ex: Executor, sh: ShellState, cmd: For, io: Io): Steps {
  let items: string[];
  if (cmd.items) {
    const words = cmd.items;
    const expand = (): string[] => ex.guard(sh, io, () => expandWords(ex.expandContext(sh, io), words));
    const got = ex.attempt(io, expand);
    items = got === BLOCKED ? yield* ex.retrySteps(io, expand) : got;
  } else {
    items = sh.positional.slice();
  }
  let status = 0;
  sh.loopDepth++;
  try {
    for (const item of items) {
      if (!sh.set(cmd.name, item)) ex.fatal(io, `${cmd.name}: is read only`);
      const left = yield* iterate(ex, sh, cmd, io);
      status = sh.status;
      if (left) break;
    }
  } finally {
    sh.loopDepth--;
  }
  sh.status = status;
  return status;
}

export function* execCase(ex: Executor, sh: ShellState, cmd: Case, io: Io): Steps {
  // The word and the patterns are expanded as one unit: a substitution in them may wait for stdin.
  const pick = (): number => {
    const ctx = ex.expandContext(sh, io);
    const word = ex.guard(sh, io, () => expandString(ctx, cmd.word));
    return cmd.items.findIndex((item) => item.patterns.some((p) => matchPattern(ex.guard(sh, io, () => expandPatternText(ctx, p)), word)));
  };
  const got = ex.attempt(io, pick);
  const at = got === BLOCKED ? yield* ex.retrySteps(io, pick) : got;
  let status = 0;
  for (let j = at; j >= 0 && j < cmd.items.length; j++) {
    const it = cmd.items[j]!;
    const body = it.body.length ? ex.execList(sh, it.body, io) : 0;
    status = typeof body === 'number' ? body : yield* body;
    if (!it.fallthrough) break;
  }
  sh.status = status;
  return status;
}
