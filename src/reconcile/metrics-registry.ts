/**
 * The reconcile metrics as prom-client objects in a private registry (never
 * the global one: a second sink in the same process, or a test, must not see
 * or collide with these series), fed from history rows (issue 14).
 *
 * No default process metrics: the file goes to node_exporter's textfile
 * collector, which already exports its own process_* series, and a duplicate
 * family there is an error.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { HOST_OUTCOMES, type HostResultRow, type PassRow, type PassStatus } from './history-schema.js';
import { outcomeCounts } from './outcome-counts.js';

export const METRIC_PREFIX = 'jailfleet_reconcile_';

/** The pass results counted by `passes_total`: every finished status ('running' is not a result). */
export const PASS_RESULTS = ['done', 'interrupted', 'skipped', 'missed'] as const satisfies readonly PassStatus[];
export type PassResult = (typeof PASS_RESULTS)[number];

/** Pass durations run from seconds (a few simulated hosts) to an hour (a large fleet with splay). */
export const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

const isResult = (status: PassStatus): status is PassResult => (PASS_RESULTS as readonly string[]).includes(status);

export class ReconcileMetrics {
  readonly registry = new Registry();
  private readonly passes: Counter<'result'>;
  private readonly hosts: Gauge<'outcome'>;
  private readonly tasksDrifted: Gauge;
  private readonly repairs: Counter;
  private readonly duration: Histogram;
  private readonly lastDuration: Gauge;
  private readonly lastTimestamp: Gauge;
  private readonly lastPassId: Gauge;

  constructor() {
    const registers = [this.registry];
    const name = (s: string): string => `${METRIC_PREFIX}${s}`;
    this.passes = new Counter({ name: name('passes_total'), help: 'Reconcile passes by result: done, interrupted (the process died during it), skipped (a tick while a pass ran), missed (a tick while the process was down).', labelNames: ['result'], registers });
    this.hosts = new Gauge({ name: name('hosts'), help: 'Hosts by outcome in the last finished pass.', labelNames: ['outcome'], registers });
    this.tasksDrifted = new Gauge({ name: name('tasks_drifted'), help: 'Tasks found drifted in the last finished pass (before any repair).', registers });
    this.repairs = new Counter({ name: name('repairs_total'), help: 'Tasks repaired by --fix (corrective changes), over all passes.', registers });
    this.duration = new Histogram({ name: name('pass_duration_seconds'), help: 'Duration of finished passes, in seconds.', buckets: DURATION_BUCKETS, registers });
    this.lastDuration = new Gauge({ name: name('last_pass_duration_seconds'), help: 'Duration of the last finished pass, in seconds.', registers });
    this.lastTimestamp = new Gauge({ name: name('last_pass_timestamp_seconds'), help: 'When the last finished pass ended, in seconds since the epoch (0: none yet).', registers });
    this.lastPassId = new Gauge({ name: name('last_pass_id'), help: 'History id of the last finished pass (jailfleet history ID).', registers });
    // Every result and outcome is present from the start, at 0: rate() and
    // alerts on a series that appears only at its first increment miss that increment.
    for (const result of PASS_RESULTS) this.passes.inc({ result }, 0);
    for (const outcome of HOST_OUTCOMES) this.hosts.set({ outcome }, 0);
  }

  /** Counts past passes (e.g. from the history at start-up) so totals survive a restart. */
  seed(passes: Iterable<PassRow>): void {
    const sorted = [...passes].sort((a, b) => a.id - b.id);
    for (const pass of sorted) this.record(pass, []);
  }

  /**
   * One pass row that reached a result. Skipped and missed ticks (and
   * interrupted passes, whose host results are partial) only count; a done
   * pass also becomes "the last pass" of the gauges.
   */
  record(pass: PassRow, hosts: readonly HostResultRow[]): void {
    if (!isResult(pass.status)) return;
    this.passes.inc({ result: pass.status });
    this.repairs.inc(Math.max(0, pass.repairs));
    if (pass.status !== 'done') return;
    const counts = outcomeCounts(pass, hosts);
    for (const outcome of HOST_OUTCOMES) this.hosts.set({ outcome }, counts[outcome]);
    this.tasksDrifted.set(pass.tasks_drifted);
    this.lastPassId.set(pass.id);
    const ended = pass.ended_at ?? pass.started_at;
    this.lastTimestamp.set(ended / 1000);
    const seconds = Math.max(0, ended - pass.started_at) / 1000;
    this.duration.observe(seconds);
    this.lastDuration.set(seconds);
  }

  /** The Prometheus text exposition (format 0.0.4). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
