/**
 * A small writer of history databases for the report's tests, straight from
 * the schema (src/reconcile/history-schema.ts), so the report is tested
 * without the reconcile loop's own writer.
 */
import Database from 'better-sqlite3';
import { SCHEMA_SQL, SCHEMA_VERSION, type HostOutcome, type PassStatus, type TaskOutcome } from '../../src/reconcile/history-schema.js';

export interface FixtureTask {
  task: string;
  module?: string;
  status: TaskOutcome;
  message?: string;
  diff?: string | null;
}

export interface FixtureHost {
  host: string;
  outcome: HostOutcome;
  message?: string;
  tasks?: FixtureTask[];
}

export interface FixturePass {
  startedAt: number;
  endedAt?: number | null;
  status?: PassStatus;
  fix?: boolean;
  note?: string;
  hosts?: FixtureHost[];
}

export const MINUTE = 60_000;

/** Creates (or appends to) the database at `path`; returns the new passes' ids in order. */
export function writeFixtureDb(path: string, passes: FixturePass[]): number[] {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA_SQL);
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    const insert = inserters(db);
    return db.transaction(() => passes.map((p) => insert(p)))();
  } finally {
    db.close();
  }
}

function inserters(db: Database.Database): (p: FixturePass) => number {
  const pass = db.prepare(
    `INSERT INTO passes (started_at, ended_at, status, fix, playbook, note, hosts_ok, hosts_drifted, hosts_repaired,
       hosts_failed, hosts_unreachable, hosts_busy, tasks_drifted, repairs)
     VALUES (?, ?, ?, ?, 'site.yml', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const host = db.prepare('INSERT INTO host_results (pass_id, host, outcome, message) VALUES (?, ?, ?, ?)');
  const task = db.prepare(
    'INSERT INTO task_results (pass_id, host, seq, task, module, status, corrective, message, diff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (p) => {
    const hosts = p.hosts ?? [];
    const count = (o: HostOutcome) => hosts.filter((h) => h.outcome === o).length;
    const tasks = hosts.flatMap((h) => h.tasks ?? []);
    const status = p.status ?? 'done';
    const ended = p.endedAt !== undefined ? p.endedAt : status === 'done' ? p.startedAt + MINUTE : null;
    const id = Number(
      pass.run(
        p.startedAt, ended, status, p.fix ? 1 : 0, p.note ?? '',
        count('ok'), count('drifted'), count('repaired'), count('failed'), count('unreachable'), count('busy'),
        tasks.filter((t) => t.status === 'drifted' || t.status === 'repaired').length,
        tasks.filter((t) => t.status === 'repaired').length,
      ).lastInsertRowid,
    );
    for (const h of hosts) {
      host.run(id, h.host, h.outcome, h.message ?? '');
      (h.tasks ?? []).forEach((t, seq) =>
        task.run(id, h.host, seq, t.task, t.module ?? 'file', t.status, t.status === 'repaired' ? 1 : 0, t.message ?? '', t.diff ?? null),
      );
    }
    return id;
  };
}

/** A unified diff of one changed line, as the reconcile loop records them. */
export function lineDiff(file: string, before: string, after: string): string {
  return [`--- ${file} (before)`, `+++ ${file} (after)`, '@@ -1,1 +1,1 @@', `-${before}`, `+${after}`, ''].join('\n');
}

export interface ScaleOptions {
  hosts: number;
  passes: number;
  /** Task rows per host and pass (all of them ok on an ok host, as the loop records them). */
  tasksPerHost: number;
  start?: number;
}

const SCALE_TASKS = ['sshd_config', 'rc.conf: sshd_enable', 'pkg: nginx', 'jail: www', 'sysctl: net.inet.ip.forwarding', 'ntp.conf', 'motd', 'pf.conf'];

/**
 * A fleet history of the size issue 14 names (1,000 hosts × 200 passes):
 * every pass ~3% drifted (repaired on every fourth, --fix, pass), a host or
 * two failed or unreachable, a skipped tick every 25 passes. Deterministic.
 */
export function writeScaleFixture(path: string, o: ScaleOptions): void {
  const start = o.start ?? Date.UTC(2026, 0, 1);
  const names = Array.from({ length: o.hosts }, (_, i) => `host${String(i + 1).padStart(4, '0')}.fleet.example`);
  const passes: FixturePass[] = [];
  for (let p = 0; p < o.passes; p++) {
    const startedAt = start + p * 15 * MINUTE;
    if (p % 25 === 24) {
      passes.push({ startedAt, status: 'skipped', note: 'a pass was still running' });
      continue;
    }
    const fix = p % 4 === 3;
    passes.push({ startedAt, fix, hosts: names.map((host, h) => scaleHost(host, h, p, fix, o.tasksPerHost)) });
  }
  writeFixtureDb(path, passes);
}

function scaleHost(host: string, h: number, p: number, fix: boolean, tasksPerHost: number): FixtureHost {
  const roll = (h * 7919 + p * 104729) % 997;
  if (roll === 0) return { host, outcome: 'unreachable', message: 'connect ETIMEDOUT' };
  if (roll === 1) return { host, outcome: 'busy', message: 'locked by another jailfleet run' };
  const drifts = roll < 30;
  const failed = roll === 2;
  const tasks: FixtureTask[] = Array.from({ length: tasksPerHost }, (_, t) => {
    const task = SCALE_TASKS[t % SCALE_TASKS.length]!;
    if (failed && t === 0) return { task, status: 'failed', message: 'exit 1: pkg: No packages available' };
    if (!drifts || t !== roll % tasksPerHost) return { task, status: 'ok' };
    return { task, status: fix ? 'repaired' : 'drifted', diff: lineDiff(`/etc/${task}`, 'PermitRootLogin no', `PermitRootLogin ${roll % 3 ? 'yes' : 'prohibit-password'}`) };
  });
  const outcome: HostOutcome = failed ? 'failed' : drifts ? (fix ? 'repaired' : 'drifted') : 'ok';
  return { host, outcome, tasks };
}

export const DEMO_START = Date.UTC(2026, 4, 4, 6, 0);
export const SSHD_DIFF = lineDiff('/etc/ssh/sshd_config', 'PermitRootLogin no', 'PermitRootLogin yes');
/** Page content that must stay text: a task name and a diff that try to become markup. */
export const HOSTILE_TASK = '<b>motd</b> & "quotes"';
export const HOSTILE_DIFF = lineDiff('/etc/motd', 'hello', '</script><img src=x onerror="window.__pwned=1"><!--');

/** The cells the browser test looks at: [host, pass index, outcome]. */
export const DEMO_CELLS = {
  drifted: ['web03.example.net', 5, 'drifted'],
  repaired: ['web03.example.net', 7, 'repaired'],
  failed: ['db02.example.net', 12, 'failed'],
  unreachable: ['cache01.example.net', 14, 'unreachable'],
  busy: ['web05.example.net', 19, 'busy'],
  hostile: ['web07.example.net', 25, 'drifted'],
} as const;

export const DEMO_HOSTS = [
  ...Array.from({ length: 14 }, (_, i) => `web${String(i + 1).padStart(2, '0')}.example.net`),
  ...Array.from({ length: 6 }, (_, i) => `db${String(i + 1).padStart(2, '0')}.example.net`),
  ...Array.from({ length: 4 }, (_, i) => `cache${String(i + 1).padStart(2, '0')}.example.net`),
  ...Array.from({ length: 8 }, (_, i) => `jails${String(i + 1).padStart(2, '0')}.example.net`),
];

/**
 * 32 hosts × 40 passes every 15 minutes, --fix every fourth pass, a skipped
 * tick (10), a missed one (21), an interrupted pass (30, half the hosts),
 * some background drift, and DEMO_CELLS. Deterministic: the browser test
 * counts on it, and it is what the README's screenshot shows.
 */
export function demoFleet(): FixturePass[] {
  const passes: FixturePass[] = [];
  for (let p = 0; p < 40; p++) {
    const startedAt = DEMO_START + p * 15 * MINUTE;
    if (p === 10) passes.push({ startedAt, status: 'skipped', note: 'the previous pass was still running' });
    else if (p === 21) passes.push({ startedAt, status: 'missed', note: 'jailfleet was not running' });
    else {
      const fix = p % 4 === 3;
      const hosts = (p === 30 ? DEMO_HOSTS.slice(0, 16) : DEMO_HOSTS).map((host, h) => demoHost(host, h, p, fix));
      passes.push({ startedAt, fix, status: p === 30 ? 'interrupted' : 'done', hosts });
    }
  }
  return passes;
}

const DEMO_TASKS = ['sshd_config', 'rc.conf: sshd_enable', 'pkg: nginx', 'jail: www'];
const DEMO_MODULES: Readonly<Record<string, string>> = { sshd_config: 'line', 'rc.conf: sshd_enable': 'sysrc', 'pkg: nginx': 'pkg', 'jail: www': 'jail' };

function demoHost(host: string, h: number, p: number, fix: boolean): FixtureHost {
  const known = Object.values(DEMO_CELLS).find(([name, pass]) => name === host && pass === p);
  const ok = (t: string): FixtureTask => ({ task: t, module: DEMO_MODULES[t]!, status: 'ok' });
  const base = DEMO_TASKS.map(ok);
  if (known?.[2] === 'failed') return { host, outcome: 'failed', tasks: [base[0]!, { task: 'pkg: nginx', module: 'pkg', status: 'failed', message: 'pkg: No packages available to install matching nginx' }] };
  if (known?.[2] === 'unreachable') return { host, outcome: 'unreachable', message: 'connect ETIMEDOUT 10.0.3.11:22' };
  if (known?.[2] === 'busy') return { host, outcome: 'busy', message: 'locked by another jailfleet run (apply, pid 4242)' };
  if (known === DEMO_CELLS.hostile) return { host, outcome: 'drifted', tasks: [...base, { task: HOSTILE_TASK, module: 'copy', status: 'drifted', diff: HOSTILE_DIFF }] };
  if (known) return { host, outcome: known[2], tasks: [{ task: 'sshd_config', module: 'line', status: known[2], diff: SSHD_DIFF }, ...base.slice(1)] };
  // Background drift: a few hosts now and then, repaired on --fix passes; nothing on the known cells' hosts.
  const roll = (h * 31 + p * 17) % 53;
  if (roll > 2 || Object.values(DEMO_CELLS).some(([name]) => name === host)) return { host, outcome: 'ok', tasks: base };
  const task = DEMO_TASKS[(h + p) % DEMO_TASKS.length]!;
  const diff = lineDiff(task.startsWith('rc.conf') ? '/etc/rc.conf' : `/usr/local/etc/${task.replace(/\W+/g, '-')}`, 'enabled=NO', 'enabled=YES');
  const status = fix ? 'repaired' : 'drifted';
  return { host, outcome: status, tasks: base.map((t) => (t.task === task ? { ...t, status, diff } : t)) };
}
