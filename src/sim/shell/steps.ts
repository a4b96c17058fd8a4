/**
 * Resumable execution. A session's command waits on its stdin for many
 * rounds (DESIGN.md §4): when it reads an open stdin that has no more data,
 * the run must stop there and go on from exactly there once the next input
 * arrives, without running anything twice.
 *
 * JavaScript has no way to stop a synchronous call stack and resume it, so
 * the interpreter's control flow (lists, and-or lists, compound commands,
 * function calls, eval, nested shells of lockf/sh/env/jexec) is written so
 * that it can hand back a generator: Steps. A generator keeps its frame when
 * it yields, which is exactly the "where it stopped" that resumption needs.
 *
 * Generators cost an allocation and a resume per frame, and a plain exec runs
 * hundreds of commands; so every step that can finish at once does, and
 * returns a plain value (MaybeSteps). Only what actually has to wait — a
 * command blocked on stdin, lockf waiting for a lock, or a command that
 * delegates to a nested run — builds Steps, and only the frames on its path
 * become generators.
 */

/** Why a run stopped: it needs more stdin, or lockf waits for a lock another run holds. */
export type Suspension = { kind: 'stdin' } | { kind: 'lock'; path: string; timeoutS: number | undefined };

/**
 * A step that may stop and be resumed. The value sent back into it is the
 * answer to the Suspension: nothing for stdin (the input grew or closed),
 * true/false for a lock (free now / gave up waiting).
 */
export type Steps<T = number> = Generator<Suspension, T, unknown>;

/** A step that either finished at once (most do) or has steps to go. */
export type MaybeSteps<T = number> = T | Steps<T>;

export const STDIN_WAIT: Suspension = Object.freeze({ kind: 'stdin' });

/** What an attempt at an atomic part returns when it blocked on stdin and was undone (Executor.attempt). */
export const BLOCKED: unique symbol = Symbol('blocked on stdin');

export function isSteps<T>(x: MaybeSteps<T>): x is Steps<T> {
  return typeof x === 'object' && x !== null && typeof (x as Partial<Steps<T>>).next === 'function';
}

/**
 * Drive steps to their end where nothing can wait: a plain exec, a command
 * substitution, a command's synchronous ctx.run. lockf cannot wait there and
 * gives up as after its -t; a stdin wait cannot reach here (a command blocked
 * inside an atomic part throws StdinBlocked to its enclosing command instead).
 */
export function runToEnd<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) {
    if (r.value.kind !== 'lock') {
      steps.return(undefined as T);
      throw new Error('simulator: a stdin wait reached a part of the run that cannot wait');
    }
    r = steps.next(false);
  }
  return r.value;
}

/** Steps that finished at once, or driven to the end by runToEnd. */
export function settle<T>(x: MaybeSteps<T>): T {
  return isSteps(x) ? runToEnd(x) : x;
}

export interface Around<T> {
  /** The body threw: map it to a result, or rethrow. */
  catch?: (err: unknown) => T;
  /** Once the body is done, however it ended (also when an abandoned run is torn down). */
  finally?: () => void;
}

/**
 * try/catch/finally around a body that may return Steps: handled at once
 * when it finished at once, else when its steps end. This keeps the common
 * synchronous path free of generators.
 */
export function around(body: () => MaybeSteps<number>, h: Around<number>): MaybeSteps<number> {
  let r: MaybeSteps<number>;
  try {
    r = body();
  } catch (err) {
    if (!h.catch) {
      h.finally?.();
      throw err;
    }
    try {
      return h.catch(err);
    } finally {
      h.finally?.();
    }
  }
  if (typeof r === 'number') {
    h.finally?.();
    return r;
  }
  return aroundSteps(r, h);
}

function* aroundSteps(r: Steps, h: Around<number>): Steps {
  try {
    return yield* r;
  } catch (err) {
    if (!h.catch) throw err;
    return h.catch(err);
  } finally {
    h.finally?.();
  }
}

/** `then(result)` once `r` is done: at once, or at the end of its steps. */
export function andThen<T, U>(r: MaybeSteps<T>, then: (value: T) => U): MaybeSteps<U> {
  return isSteps(r) ? thenSteps(r, then) : then(r);
}

function* thenSteps<T, U>(r: Steps<T>, then: (value: T) => U): Steps<U> {
  return then(yield* r);
}
