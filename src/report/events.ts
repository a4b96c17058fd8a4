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
  /** Exec channels opened on this host's connection (the round-trip cost). */
  channels: number;
}

export type RunEvent =
  | { type: 'run_start'; playbook: string; check: boolean; hosts: number }
  | { type: 'play_start'; play: string; hosts: string[] }
  | { type: 'host_start'; play: string; host: string }
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
    }
  | { type: 'host_unreachable'; play: string; host: string; message: string }
  | { type: 'host_end'; play: string; host: string; channels: number }
  | { type: 'play_end'; play: string }
  | { type: 'recap'; hosts: Record<string, HostStats> };

export interface EventSink {
  emit(event: RunEvent): void;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, channels: 0 };
}
