import { JailfleetError } from '../errors.js';

/**
 * A task cannot be planned as written against the host's current state
 * (missing file without `create`, unknown sysctl, refusing to remove `/`).
 * Raised instead of a quiet no-op so the run reports the task as failed.
 */
export class PlanError extends JailfleetError {}
