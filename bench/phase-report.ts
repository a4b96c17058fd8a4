/**
 * Breakdown of a traced run (phases-worker.ts): per phase the sum over hosts,
 * percentiles, and the share of the wall time it explains. With the queue
 * full, wall ≈ Σ(per-host busy time) / forks, so "Σ/forks" is each phase's
 * contribution to the wall time. A session's rounds are separate entries
 * (phase-trace.ts): round 0 the gather, each later one an apply round.
 */
import type { PhasesOutput } from './phases-worker.js';
import type { ExecTrace, HostTrace } from './phase-trace.js';
import { fmt } from './stats.js';

export interface PhaseStats {
  phase: string;
  n: number;
  sumS: number;
  p50: number;
  p90: number;
  max: number;
}

type Picker = (h: HostTrace, started: number | undefined, ended: number | undefined) => number | undefined;

const gather = (h: HostTrace) => h.execs.find((e) => e.kind === 'gather');
const applies = (h: HostTrace) => h.execs.filter((e) => e.kind === 'apply');
const other = (h: HostTrace) => h.execs.find((e) => e.kind === 'other');
const ended = (h: HostTrace) => h.execs.find((e) => e.kind === 'end');

/** Sum of spans; undefined when there is none, so the phase's n counts only hosts that had it. */
function total(es: ExecTrace[]): number | undefined {
  return es.length ? es.reduce((a, e) => a + (e.end - e.start), 0) : undefined;
}

/**
 * The controller's time between a host's rounds (planning, reporting): from
 * each entry's end to the start of the next on the same channel. A session
 * has one such gap per round after the gather, and one before a bare end.
 */
function planGaps(h: HostTrace): number | undefined {
  let sum = 0;
  let n = 0;
  h.execs.forEach((e, i) => {
    const before = h.execs[i - 1];
    if (!e.sameChannel || !before) return;
    sum += e.start - before.end;
    n++;
  });
  return n ? sum : undefined;
}

const PHASES: Array<[string, Picker]> = [
  ['queue wait', (h, s) => s],
  ['connect', (h) => (h.connectEnd !== undefined && h.connectStart !== undefined ? h.connectEnd - h.connectStart : undefined)],
  ['exec true', (h) => span(other(h))],
  ['gather (round 0)', (h) => span(gather(h))],
  ['plan (between rounds)', planGaps],
  ['apply rounds (all of a host)', (h) => total(applies(h))],
  ['session end (nothing more to apply)', (h) => span(ended(h))],
  ['host total (start -> end)', (h, s, e) => (s !== undefined && e !== undefined ? e - s : undefined)],
];

function span(e: { start: number; end: number } | undefined): number | undefined {
  return e ? e.end - e.start : undefined;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function phaseStats(run: PhasesOutput): PhaseStats[] {
  const out: PhaseStats[] = [];
  for (const [phase, pick] of PHASES) {
    const xs = run.hosts
      .map((h) => pick(h, run.started[h.host], run.ended[h.host]))
      .filter((v): v is number => v !== undefined && Number.isFinite(v))
      .sort((a, b) => a - b);
    if (xs.length === 0) continue;
    out.push({ phase, n: xs.length, sumS: xs.reduce((a, b) => a + b, 0) / 1000, p50: pct(xs, 50), p90: pct(xs, 90), max: xs.at(-1)! });
  }
  return out;
}

export function formatPhases(run: PhasesOutput, stats: PhaseStats[]): string {
  const wallS = run.innerMs / 1000;
  const head = ['phase', 'n', 'sum s', 'Σ/forks s', '% wall', 'p50 ms', 'p90 ms', 'max ms'];
  const rows = stats.map((s) => [
    s.phase,
    String(s.n),
    fmt(s.sumS),
    s.phase === 'queue wait' || s.phase.startsWith('host total') ? '-' : fmt(s.sumS / run.forks),
    s.phase === 'queue wait' || s.phase.startsWith('host total') ? '-' : fmt((100 * s.sumS) / run.forks / wallS, 0),
    fmt(s.p50, 0),
    fmt(s.p90, 0),
    fmt(s.max, 0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Mean rounds per host (times the controller waited for a host), over the hosts traced. */
export function roundsPerHost(run: PhasesOutput): number {
  return run.hosts.length ? run.hosts.reduce((a, h) => a + h.rounds, 0) / run.hosts.length : Number.NaN;
}
