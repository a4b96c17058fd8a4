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
  /** Failed tasks a block's rescue took over (Ansible's rescued); set once there is one. */
  rescued?: number;
}

/**
 * One item of a looped task on a host (the `task` event's `items`, in loop
 * order), as Ansible's `results`: the loop variable's value, the item's own
 * label and outcome, and its failure details.
 */
export interface TaskItemResult {
  item: unknown;
  /** The task's label with the item: `NAME (item=VALUE)`. */
  label: string;
  status: TaskStatus;
  changed: boolean;
  failed: boolean;
  skipped: boolean;
  ignored?: boolean;
  rescued?: boolean;
  msg: string;
  diffs?: DiffEvent[];
  step?: string;
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  completed_steps?: string[];
  predicted?: boolean;
  downtime_ms?: number;
  bytes?: number;
}

export type RunEvent =
  /** run_id: the run's `jailfleet_run_id`. */
  | { type: 'run_start'; playbook: string; check: boolean; hosts: number; run_id: string }
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
      /** A failed task whose block's rescue took over (Ansible's rescued): counted as rescued, not failed. */
      rescued?: boolean;
      /** A failed task: the titles of its steps that completed before the failing one (their changes are on the host). */
      completed_steps?: string[];
      /** check mode: false when the task's facts wait on an earlier task's change, so its plan is not known. */
      predicted?: boolean;
      /** A move that ran: source stopped → destination verified, in ms, and the bytes that went between the hosts. */
      downtime_ms?: number;
      bytes?: number;
      /**
       * A looped task: one event per task and host, as Ansible counts it —
       * failed if an item failed, else changed if one changed, else ok (skipped
       * when every item was) — with each item's own result here.
       */
      items?: TaskItemResult[];
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
  /**
   * The run's end: per-host counts, the run id, and — added by the CLI, which
   * alone decides it — the exit code the command returns.
   */
  | { type: 'recap'; hosts: Record<string, HostStats>; run_id: string; stopped?: string; interrupted?: boolean; exit_code?: number };

export interface EventSink {
  emit(event: RunEvent): void;
}

/** A failure that counts: not ignored, not taken over by a rescue. */
export function failedHard(e: { status: TaskStatus; ignored?: boolean; rescued?: boolean }): boolean {
  return e.status === 'failed' && !e.ignored && !e.rescued;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, notRun: 0, channels: 0 };
}
