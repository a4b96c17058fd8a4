/**
 * Compound commands: if, while/until, for, case. Their lists may stop to
 * wait for stdin (steps.ts) and must go on where they stopped, in the same
 * iteration with the same loop variable: loops are generators (one frame per
 * loop run, not per command inside it); if and case, which scripts run far
 * more often, run as plain calls and become steps only from the point where
 * something in them waits.
 */
import type { Case, For, If, List, Loop } from './ast.js';
import { LoopSignal } from './errors.js';
import { expandPatternText, expandString, expandWords } from './expand.js';
import type { Executor } from './executor.js';
import type { Io } from './io.js';
import { matchPattern } from './pattern.js';
import type { ShellState } from './state.js';
import { BLOCKED, andThen, type MaybeSteps, type Steps } from './steps.js';

export function execIf(ex: Executor, sh: ShellState, cmd: If, io: Io): MaybeSteps {
  return ifFrom(ex, sh, cmd, io, 0);
}

/** The clauses from `from` on (the earlier ones' conditions failed). */
function ifFrom(ex: Executor, sh: ShellState, cmd: If, io: Io, from: number): MaybeSteps {
  for (let k = from; k < cmd.clauses.length; k++) {
    const c = cmd.clauses[k]!;
    const cond = ex.inCond(sh, () => ex.execList(sh, c.cond, io));
    if (typeof cond !== 'number') return ifSteps(ex, sh, cmd, io, k, cond);
    if (cond === 0) return branch(ex, sh, c.body, io);
  }
  if (cmd.elseBody) return branch(ex, sh, cmd.elseBody, io);
  sh.status = 0;
  return 0;
}

/** Clause `k`'s condition waits: the rest once it is done. */
function* ifSteps(ex: Executor, sh: ShellState, cmd: If, io: Io, k: number, cond: Steps): Steps {
  const r = (yield* cond) === 0 ? branch(ex, sh, cmd.clauses[k]!.body, io) : ifFrom(ex, sh, cmd, io, k + 1);
  return typeof r === 'number' ? r : yield* r;
}

/** The list that runs: its status is the compound command's. */
function branch(ex: Executor, sh: ShellState, body: List, io: Io): MaybeSteps {
  const r = ex.execList(sh, body, io);
  if (typeof r !== 'number') return andThen(r, (status) => (sh.status = status));
  sh.status = r;
  return r;
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
    const left = leavesLoop(err);
    // break and continue exit 0 (bin/sh/eval.c breakcmd), and the loop's status is that of the last command run.
    sh.status = 0;
    return left;
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

export function execCase(ex: Executor, sh: ShellState, cmd: Case, io: Io): MaybeSteps {
  // The word and the patterns are expanded as one unit: a substitution in them may wait for stdin.
  const pick = (): number => pickItem(ex, sh, cmd, io);
  const got = ex.attempt(io, pick);
  if (got === BLOCKED) return caseRetry(ex, sh, cmd, io, pick);
  return itemsFrom(ex, sh, cmd, io, got);
}

/** The index of the first item a pattern of which matches the word, or -1. */
function pickItem(ex: Executor, sh: ShellState, cmd: Case, io: Io): number {
  const ctx = ex.expandContext(sh, io);
  const word = ex.guard(sh, io, () => expandString(ctx, cmd.word));
  for (let i = 0; i < cmd.items.length; i++) {
    for (const p of cmd.items[i]!.patterns) if (matchPattern(ex.guard(sh, io, () => expandPatternText(ctx, p)), word)) return i;
  }
  return -1;
}

function* caseRetry(ex: Executor, sh: ShellState, cmd: Case, io: Io, pick: () => number): Steps {
  const r = itemsFrom(ex, sh, cmd, io, yield* ex.retrySteps(io, pick));
  return typeof r === 'number' ? r : yield* r;
}

/** Run item `at`'s body, and the next ones while they fall through (`;&`); `status`: the case's so far. */
function itemsFrom(ex: Executor, sh: ShellState, cmd: Case, io: Io, at: number, status = 0): MaybeSteps {
  for (let j = at; j >= 0 && j < cmd.items.length; j++) {
    const it = cmd.items[j]!;
    const body = it.body.length ? ex.execList(sh, it.body, io) : 0;
    if (typeof body !== 'number') return itemsSteps(ex, sh, cmd, io, j, body);
    status = body;
    if (!it.fallthrough) break;
  }
  sh.status = status;
  return status;
}

/** Item `j`'s body waits: the rest once it is done. */
function* itemsSteps(ex: Executor, sh: ShellState, cmd: Case, io: Io, j: number, body: Steps): Steps {
  const status = yield* body;
  if (!cmd.items[j]!.fallthrough) {
    sh.status = status;
    return status;
  }
  const r = itemsFrom(ex, sh, cmd, io, j + 1, status);
  return typeof r === 'number' ? r : yield* r;
}
