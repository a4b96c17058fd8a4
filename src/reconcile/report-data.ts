/**
 * What `jailfleet report --html` shows, read from the history database with
 * read-only queries: the passes, the hosts, a hosts × passes grid of
 * outcome codes (report-codes.ts), drift over time, the most-drifting
 * tasks, and the task results of every cell that is not ok.
 */
import Database from 'better-sqlite3';
import type { HostOutcome, PassStatus } from './history-schema.js';
import type { TaskRecord } from './history-store.js';
import { NO_RESULT_CODE } from './report-codes.js';
import { HOST_SEPARATOR, readOutcomesByPass, readPasses, readProblemCells, type PassOutcomes, type PassPick, type ProblemTaskRow } from './report-queries.js';

export interface ReportPass {
  id: number;
  startedAt: number;
  endedAt: number | null;
  status: PassStatus;
  fix: boolean;
  note: string;
}

/** A task result of a cell, as the history stores it (its diff NULL when nothing drifted, or pruned by --keep-days). */
export type CellTask = TaskRecord;

/** A host in a pass whose outcome is not ok, with its task results that are not ok. */
export interface CellDetail {
  host: string;
  passId: number;
  outcome: HostOutcome;
  message: string;
  okTasks: number;
  tasks: CellTask[];
}

/** Hosts per outcome in one pass that ran (skipped and missed ticks have none). */
export interface DriftPoint {
  passId: number;
  startedAt: number;
  status: PassStatus;
  drifted: number;
  repaired: number;
  failed: number;
  unreachable: number;
}

export interface TaskDrift {
  task: string;
  module: string;
  /** Times found drifted and left so (no --fix, or past the failure budget). */
  drifted: number;
  /** Times found drifted and repaired by --fix (corrective changes). */
  repaired: number;
  hosts: number;
  lastPassId: number;
  lastAt: number;
}

export interface ReportData {
  generatedAt: number;
  since: number | null;
  /** Passes since `since` in the database; `passes` holds the newest `maxPasses` of them. */
  totalPasses: number;
  passes: ReportPass[];
  hosts: string[];
  /** One string per host (in `hosts` order), one code per pass (in `passes` order). */
  grid: string[];
  drift: DriftPoint[];
  topTasks: TaskDrift[];
  cells: CellDetail[];
}

export interface ReportOptions {
  /** ms since the epoch; passes started before it are left out. */
  since?: number | null;
  now?: number;
  /** Beyond this many passes the grid stops being readable; the newest are kept. */
  maxPasses?: number;
  topTasks?: number;
  /** Rows in this order first (an inventory's hosts, even those with no result yet), then the others by name. */
  hostOrder?: readonly string[];
}

export const DEFAULT_MAX_PASSES = 500;
const RAN: ReadonlySet<PassStatus> = new Set<PassStatus>(['done', 'interrupted', 'running']);
const byName = new Intl.Collator('en', { numeric: true }).compare;

/** Read-only: the report never takes a write lock the reconcile loop would wait on. */
export function openHistoryReadOnly(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

export function loadReportData(db: Database.Database, opts: ReportOptions = {}): ReportData {
  const since = opts.since ?? null;
  const { passes: picked, total } = readPasses(db, since ?? Number.MIN_SAFE_INTEGER, opts.maxPasses ?? DEFAULT_MAX_PASSES);
  const passes = picked.map(toReportPass);
  const column = new Map(passes.map((p, i) => [p.id, i]));
  const ids = passes.map((p) => p.id);
  const [first, last] = ids.length ? [Math.min(...ids), Math.max(...ids)] : [0, -1];
  const { hosts, grid } = buildGrid(passes, column, readOutcomesByPass(db, first, last), opts.hostOrder);
  const problems = readProblemCells(db, first, last).filter((r) => column.has(r.pass_id));
  return {
    generatedAt: opts.now ?? Date.now(),
    since,
    totalPasses: total,
    passes,
    hosts,
    grid,
    drift: driftOverTime(picked, grid),
    topTasks: mostDriftingTasks(problems, passes, column, opts.topTasks ?? 20),
    cells: cellDetails(problems),
  };
}

function toReportPass(p: PassPick): ReportPass {
  return { id: p.id, startedAt: p.started_at, endedAt: p.ended_at, status: p.status, fix: p.fix === 1, note: p.note };
}

/**
 * A pass's host list is almost always the previous pass's, so it is split
 * and looked up only when it changes: 200 string comparisons instead of
 * 200,000 lookups.
 */
function buildGrid(
  passes: ReportPass[],
  column: Map<number, number>,
  byPass: PassOutcomes[],
  hostOrder: readonly string[] = [],
): { hosts: string[]; grid: string[] } {
  const blank = passes.map((p) => NO_RESULT_CODE[p.status] ?? '.');
  const rows = new Map<string, string[]>(hostOrder.map((h) => [h, [...blank]]));
  let lastHosts = '';
  let lastRows: string[][] = [];
  for (const { pass_id, hosts, codes } of byPass) {
    const col = column.get(pass_id);
    if (col === undefined) continue;
    if (hosts !== lastHosts) {
      lastHosts = hosts;
      lastRows = hosts.split(HOST_SEPARATOR).map((h) => rows.get(h) ?? rows.set(h, [...blank]).get(h)!);
    }
    for (let i = 0; i < lastRows.length; i++) lastRows[i]![col] = codes[i] ?? '.';
  }
  const first = new Set(hostOrder);
  const names = [...hostOrder, ...[...rows.keys()].filter((h) => !first.has(h)).sort(byName)];
  return { hosts: names, grid: names.map((h) => rows.get(h)!.join('')) };
}

/**
 * Counted from the grid, so the chart agrees with it; a pass whose host
 * results were pruned (retention keeps the per-pass counts longer) falls
 * back to the counts stored on the pass.
 */
function driftOverTime(passes: PassPick[], grid: string[]): DriftPoint[] {
  const points: DriftPoint[] = [];
  passes.forEach((p, col) => {
    if (!RAN.has(p.status)) return;
    const n = { d: 0, r: 0, f: 0, u: 0, any: 0 };
    for (const row of grid) {
      const code = row[col];
      if (code === 'd') n.d++;
      else if (code === 'r') n.r++;
      else if (code === 'f') n.f++;
      else if (code === 'u') n.u++;
      if (code !== undefined && code !== NO_RESULT_CODE[p.status]) n.any++;
    }
    const counted = n.any > 0;
    points.push({
      passId: p.id,
      startedAt: p.started_at,
      status: p.status,
      drifted: counted ? n.d : p.hosts_drifted,
      repaired: counted ? n.r : p.hosts_repaired,
      failed: counted ? n.f : p.hosts_failed,
      unreachable: counted ? n.u : p.hosts_unreachable,
    });
  });
  return points;
}

function mostDriftingTasks(rows: ProblemTaskRow[], passes: ReportPass[], column: Map<number, number>, limit: number): TaskDrift[] {
  const tasks = new Map<string, TaskDrift & { hostSet: Set<string>; lastCol: number }>();
  for (const r of rows) {
    if (r.status !== 'drifted' && r.status !== 'repaired') continue;
    const key = `${r.task ?? ''}\0${r.module ?? ''}`;
    let t = tasks.get(key);
    if (!t) {
      t = { task: r.task ?? '', module: r.module ?? '', drifted: 0, repaired: 0, hosts: 0, lastPassId: r.pass_id, lastAt: 0, hostSet: new Set(), lastCol: -1 };
      tasks.set(key, t);
    }
    t[r.status]++;
    t.hostSet.add(r.host);
    const col = column.get(r.pass_id) ?? -1;
    if (col > t.lastCol) {
      t.lastCol = col;
      t.lastPassId = r.pass_id;
      t.lastAt = passes[col]?.startedAt ?? 0;
    }
  }
  return [...tasks.values()]
    .sort((a, b) => b.drifted + b.repaired - (a.drifted + a.repaired) || b.lastCol - a.lastCol || byName(a.task, b.task))
    .slice(0, limit)
    .map(({ task, module, drifted, repaired, hostSet, lastPassId, lastAt }) => ({ task, module, drifted, repaired, hosts: hostSet.size, lastPassId, lastAt }));
}

/** Rows come ordered by pass, host and task, so a cell's rows are consecutive. */
function cellDetails(rows: ProblemTaskRow[]): CellDetail[] {
  const cells: CellDetail[] = [];
  let cell: CellDetail | undefined;
  for (const r of rows) {
    if (!cell || cell.passId !== r.pass_id || cell.host !== r.host) {
      cell = { host: r.host, passId: r.pass_id, outcome: r.outcome, message: r.host_message, okTasks: r.ok_tasks, tasks: [] };
      cells.push(cell);
    }
    if (r.seq === null || r.status === null) continue;
    cell.tasks.push({
      seq: r.seq,
      task: r.task ?? '',
      module: r.module ?? '',
      status: r.status,
      corrective: r.corrective === 1,
      message: r.message ?? '',
      diff: r.diff,
    });
  }
  return cells;
}
