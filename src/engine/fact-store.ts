import type { FactReader, FactSpec, FactUpdate } from '../modules/types.js';
import { JailfleetError } from '../errors.js';

/** A fact a planner asked for that was not gathered (its args needed a registered value). */
export class MissingFactError extends JailfleetError {
  constructor(readonly spec: FactSpec) {
    super(`fact ${spec.key} was not gathered`);
  }
}

/** A fact whose output its parser rejected; planning a task that needs it fails. */
export class FactFailedError extends JailfleetError {}

type Entry = { ok: true; value: unknown } | { ok: false; error: Error };

/**
 * Facts of one host during one play: what was read, overlaid with what the
 * planned steps will make true, so later tasks plan against the new state.
 */
export class FactStore implements FactReader {
  private readonly entries = new Map<string, Entry>();

  has(key: string): boolean {
    return this.entries.has(key);
  }

  setValue(key: string, value: unknown): void {
    this.entries.set(key, { ok: true, value });
  }

  setError(key: string, error: Error): void {
    this.entries.set(key, { ok: false, error });
  }

  get<T>(spec: FactSpec<T>): T {
    const entry = this.entries.get(spec.key);
    if (!entry) throw new MissingFactError(spec);
    if (!entry.ok) throw entry.error;
    return entry.value as T;
  }

  apply(updates: FactUpdate[]): void {
    for (const u of updates) this.setValue(u.spec.key, u.value);
  }
}
