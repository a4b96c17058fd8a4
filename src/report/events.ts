/**
 * Everything a run reports, as plain events. The engine emits them; the
 * printers (human lines, --json, recap, log file) consume them.
 */
export type TaskStatus = 'ok' | 'changed' | 'failed' | 'skipped';

export interface DiffEvent {
  label: string;
  before: string;
  after: string;
}

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  /** Plays this host was selected for but never started (rollout stopped, interrupted). */
  notRun: number;
  /** Exec channels opened on this host's connection (the round-trip cost). */
  channels: number;
}

export type RunEvent =
  | { type: 'run_start'; playbook: string; check: boolean; hosts: number }
  | { type: 'play_start'; play: string; hosts: string[] }
  | { type: 'batch_start'; play: string; batch: number; batches: number; hosts: string[] }
  | { type: 'host_start'; play: string; host: string }
  /** What a host is doing now (progress): reading facts, or applying from this task on. */
  | { type: 'host_phase'; play: string; host: string; phase: 'gather' | 'apply' | 'replan'; task?: string }
  /** linear strategy: every host of the batch is at this task. */
  | { type: 'task_start'; play: string; task: string; hosts: string[] }
  | {
      type: 'task';
      play: string;
      host: string;
      task: string;
      module: string;
      status: TaskStatus;
      message: string;
      diffs?: DiffEvent[];
      /** For failures of a step on the host. */
      step?: string;
      exitCode?: number;
      stdout?: string;
      stderr?: string;
      ignored?: boolean;
      /** A failed task: the titles of its steps that completed before the failing one (their changes are on the host). */
      completed_steps?: string[];
      /** check mode: false when the task's facts wait on an earlier task's change, so its plan is not known. */
      predicted?: boolean;
      /** A move that ran: source stopped → destination verified, in ms, and the bytes that went between the hosts. */
      downtime_ms?: number;
      bytes?: number;
    }
  | { type: 'host_unreachable'; play: string; host: string; message: string }
  /**
   * Data on its way between hosts (a move): bytes so far, the rate, and —
   * when the size is known beforehand — the total and the time left.
   */
  | { type: 'transfer_progress'; play: string; host: string; task: string; bytes: number; rate_bps: number; total_bytes?: number; eta_s?: number }
  /** channels: exec channels so far on this host; rounds: times this play waited for the host (session rounds, or execs). */
  | { type: 'host_end'; play: string; host: string; channels: number; rounds: number }
  | { type: 'host_not_run'; play: string; host: string; reason: string }
  | { type: 'batch_end'; play: string; batch: number; batches: number; failed: string[] }
  /** The rollout stops before the next batch (or play): why, and who was left untouched. */
  | { type: 'rollout_stopped'; play: string; batch: number; batches: number; reason: string; notRun: string[] }
  | { type: 'play_end'; play: string }
  | { type: 'recap'; hosts: Record<string, HostStats>; stopped?: string; interrupted?: boolean };

export interface EventSink {
  emit(event: RunEvent): void;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, notRun: 0, channels: 0 };
}
