/**
 * What one run of the engine showed of one host, gathered from its events
 * (pass-collector.ts) and classified by pass-outcome.ts.
 */
import type { DiffEvent, TaskStatus } from '../report/events.js';

export interface TaskSeen {
  task: string;
  module: string;
  status: TaskStatus;
  message: string;
  diffs?: DiffEvent[];
  exitCode?: number;
  ignored?: boolean;
  /** Check mode, false: the task waits on an earlier task's change, so whether it drifted is not known. */
  predicted?: boolean;
}

export interface HostSeen {
  host: string;
  tasks: TaskSeen[];
  /** The host could not be reached (or was lost): why. */
  unreachable?: string;
  /** Never started (repairs stopped, interrupted): why. */
  notRun?: string;
}
