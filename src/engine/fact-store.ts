import type { FactReader, FactSpec, FactUpdate, Scope } from '../modules/types.js';
import { JailfleetError } from '../errors.js';
import { overlaps } from './scopes.js';

/** A fact a planner asked for that was not gathered (its args needed a registered value). */
export class MissingFactError extends JailfleetError {
  constructor(readonly spec: FactSpec) {
    super(`fact ${spec.key} was not gathered`);
  }
}

/**
 * A fact a step that has not run yet may change, whose new value no plan
 * predicted (DESIGN.md §4): the task must wait until that step ran and the
 * fact was read again. `cause` is the task whose step it is.
 */
export class StaleFactError extends JailfleetError {
  constructor(
    readonly spec: FactSpec,
    readonly task: string,
  ) {
    super(`fact ${spec.key} depends on the change made by task ${task}`);
  }
}

/** A fact whose output its parser rejected; planning a task that needs it fails. */
export class FactFailedError extends JailfleetError {}

type Entry = { ok: true; value: unknown; reads: Scope[] | undefined } | { ok: false; error: Error; reads: Scope[] | undefined };

/**
 * Facts of one host during one play: what was read, overlaid with what the
 * planned steps will make true, so later tasks plan against the new state —
 * and which of them a planned step that has not run yet may have changed
 * without predicting how (stale: read again before use).
 */
export class FactStore implements FactReader {
  private readonly entries = new Map<string, Entry>();
  /** Stale keys, with the task whose pending step made each stale. */
  private readonly stale = new Map<string, string>();

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Known and current: read after every pending step that may change it, or predicted. */
  isCurrent(key: string): boolean {
    return this.entries.has(key) && !this.stale.has(key);
  }

  setValue(key: string, value: unknown, reads?: Scope[]): void {
    this.entries.set(key, { ok: true, value, reads: reads ?? this.entries.get(key)?.reads });
    this.stale.delete(key);
  }

  setError(key: string, error: Error, reads?: Scope[]): void {
    this.entries.set(key, { ok: false, error, reads: reads ?? this.entries.get(key)?.reads });
    this.stale.delete(key);
  }

  get<T>(spec: FactSpec<T>): T {
    const entry = this.entries.get(spec.key);
    if (!entry) throw new MissingFactError(spec);
    const cause = this.stale.get(spec.key);
    if (cause !== undefined) throw new StaleFactError(spec, cause);
    if (!entry.ok) throw entry.error;
    return entry.value as T;
  }

  /** A step of task `cause` will run: every fact (of `only`, when given) it may change is stale until read again or predicted. */
  changed(changes: readonly Scope[] | undefined, cause: string, only?: ReadonlySet<string>): void {
    this.entries.forEach((entry, key) => {
      if (only && !only.has(key)) return;
      if (!this.stale.has(key) && overlaps(changes, entry.reads)) this.stale.set(key, cause);
    });
  }

  /** Predictions of a plan: current from now on. */
  apply(updates: FactUpdate[]): void {
    for (const u of updates) this.setValue(u.spec.key, u.value, u.spec.reads);
  }

  /** Stale keys (after the pending steps ran, these must be read again before use). */
  staleKeys(): string[] {
    return [...this.stale.keys()];
  }
}
