/**
 * Progress of a run, folded from its events: the play and batch, hosts done
 * out of the play's total, the play's changed, failed, unreachable and not
 * run counts (counted as the recap counts them: tasks changed or failed,
 * hosts unreachable or not run; from zero at each play), and which running
 * host has been at it longest and what it is doing. Rendered live on a TTY
 * (live-progress.ts) or as plain timestamped lines (plain-progress.ts).
 */
import { failedHard, type RunEvent } from './events.js';

interface Running {
  since: number;
  doing: string;
}

export interface ProgressView {
  play: string;
  batch: number;
  batches: number;
  total: number;
  done: number;
  changed: number;
  failed: number;
  unreachable: number;
  notRun: number;
  slowest?: { host: string; seconds: number; doing: string };
}

export class ProgressState {
  private play = '';
  private batch = 0;
  private batches = 0;
  private total = 0;
  private done = 0;
  private changed = 0;
  private failed = 0;
  private unreachable = 0;
  private notRun = 0;
  private readonly running = new Map<string, Running>();

  constructor(private readonly now: () => number = Date.now) {}

  update(event: RunEvent): void {
    // Hosts of a play that never started (a stopped rollout) are not this play's.
    if (event.type !== 'play_start' && 'play' in event && event.play !== this.play) return;
    switch (event.type) {
      case 'play_start':
        this.play = event.play;
        this.total = event.hosts.length;
        this.done = 0;
        this.batch = 1;
        this.batches = 1;
        this.changed = 0;
        this.failed = 0;
        this.unreachable = 0;
        this.notRun = 0;
        this.running.clear();
        return;
      case 'batch_start':
        this.batch = event.batch;
        this.batches = event.batches;
        return;
      case 'host_start':
        this.running.set(event.host, { since: this.now(), doing: 'connecting' });
        return;
      case 'transfer_progress': {
        const r = this.running.get(event.host);
        if (r) r.doing = transferText(event);
        return;
      }
      case 'host_phase': {
        const r = this.running.get(event.host);
        if (r) r.doing = event.phase === 'gather' ? 'reading facts' : event.phase === 'replan' ? 're-planning' : `applying "${event.task ?? '...'}"`;
        return;
      }
      case 'task_start':
        for (const h of event.hosts) {
          const r = this.running.get(h);
          if (r) r.doing = `task "${event.task}"`;
        }
        return;
      case 'task':
        if (event.status === 'changed') this.changed += 1;
        if (failedHard(event)) this.failed += 1;
        return;
      case 'host_unreachable':
        this.unreachable += 1;
        return;
      case 'host_not_run':
        this.notRun += 1;
        if (!this.running.has(event.host)) this.done += 1;
        return;
      case 'host_end':
        this.running.delete(event.host);
        this.done += 1;
        return;
      default:
        return;
    }
  }

  view(): ProgressView {
    let slowest: ProgressView['slowest'];
    for (const [host, r] of this.running) {
      const seconds = Math.floor((this.now() - r.since) / 1000);
      if (!slowest || seconds > slowest.seconds) slowest = { host, seconds, doing: r.doing };
    }
    return {
      play: this.play,
      batch: this.batch,
      batches: this.batches,
      total: this.total,
      done: this.done,
      changed: this.changed,
      failed: this.failed,
      unreachable: this.unreachable,
      notRun: this.notRun,
      ...(slowest ? { slowest } : {}),
    };
  }
}

/** The one-line summary both renderers share. */
export function summaryLine(v: ProgressView): string {
  const batch = v.batches > 1 ? `  batch ${v.batch}/${v.batches}` : '';
  const unreachable = v.unreachable ? `  unreachable ${v.unreachable}` : '';
  const notRun = v.notRun ? `  not run ${v.notRun}` : '';
  return `[jailfleet] ${v.play}${batch}  hosts ${v.done}/${v.total}  changed ${v.changed}  failed ${v.failed}${unreachable}${notRun}`;
}

export function slowestLine(v: ProgressView): string | undefined {
  return v.slowest ? `  slowest: ${v.slowest.host} (${v.slowest.seconds}s) ${v.slowest.doing}` : undefined;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** "moving: 12.3 MB of 45.6 MB, 10.2 MB/s, 3 s left" for the live display. */
export function transferText(e: Extract<RunEvent, { type: 'transfer_progress' }>): string {
  const of = e.total_bytes !== undefined ? ` of ${mb(e.total_bytes)}` : '';
  const left = e.eta_s !== undefined ? `, ${Math.ceil(e.eta_s)} s left` : '';
  return `"${e.task}": ${mb(e.bytes)}${of}, ${mb(e.rate_bps)}/s${left}`;
}
