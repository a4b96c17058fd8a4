/**
 * Planners build a plan from independent pieces (a content change, a mode
 * change, a runtime value...). Each piece says what it does in a note; the
 * notes joined are the plan's message.
 */
import { noChange, type Diff, type FactUpdate, type Plan, type Step } from './types.js';

export interface PlanParts {
  steps: Step[];
  diffs: Diff[];
  updates: FactUpdate[];
  notes: string[];
}

export function emptyParts(): PlanParts {
  return { steps: [], diffs: [], updates: [], notes: [] };
}

export function mergeParts(...parts: PlanParts[]): PlanParts {
  return {
    steps: parts.flatMap((p) => p.steps),
    diffs: parts.flatMap((p) => p.diffs),
    updates: parts.flatMap((p) => p.updates),
    notes: parts.flatMap((p) => p.notes),
  };
}

/** No step means no change: the no-change reason is then the message. */
export function toPlan(parts: PlanParts, unchangedMessage: string): Plan {
  if (parts.steps.length === 0) return noChange(unchangedMessage);
  return {
    changed: parts.steps.some((s) => !s.verify),
    message: parts.notes.join('; '),
    steps: parts.steps,
    diffs: parts.diffs,
    updates: parts.updates,
  };
}
