/**
 * What `jailfleet snapshots` prints (README "Listing snapshots"): per host
 * and jail, its state (running or stopped) and a table of the dataset's
 * snapshots (oldest first, creation in UTC, the space only that snapshot
 * holds), or one line saying why there is none; with --json one document
 * with exact numbers.
 */
import type { HostOutcome } from './run-output.js';
import type { HostSnapshots, JailSnapshots } from './snapshots-read.js';

export type SnapshotsOutcome = { kind: 'listed'; result: HostSnapshots } | Exclude<HostOutcome, { kind: 'done' }>;

const UNITS = ['K', 'M', 'G', 'T', 'P', 'E'];

/** Bytes as zfs list shows sizes: 1024-based, "512B", "1K", "1.50K", "12.3M", "120G". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  let i = 0;
  let v = bytes / 1024;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i += 1;
  }
  const text = Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0);
  return `${text}${UNITS[i]}`;
}

/** Seconds since the epoch as ISO 8601 UTC, to the second. */
export function timeText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function table(j: JailSnapshots): string {
  const rows = [['SNAPSHOT', 'CREATED', 'USED'], ...j.snapshots.map((s) => [s.name, timeText(s.creation), sizeText(s.used)])];
  const width = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r[0]!.padEnd(width[0]!)}  ${r[1]!.padEnd(width[1]!)}  ${r[2]!.padStart(width[2]!)}\n`).join('');
}

function jailBlock(host: string, j: JailSnapshots): string {
  // A jail neither running nor configured has no state to show.
  const head = `${host} | ${j.jail}${j.state === null ? '' : ` ${j.state}`}`;
  if (j.note !== undefined) return `${head}: ${j.note}\n`;
  if (j.snapshots.length === 0) return `${head} (${j.dataset}): no snapshots\n`;
  return `${head} (${j.dataset})\n${table(j)}`;
}

export function humanHost(host: string, o: SnapshotsOutcome): string {
  switch (o.kind) {
    case 'listed':
      return o.result.jails.length ? o.result.jails.map((j) => jailBlock(host, j)).join('') : `${host} | no jail configured or running\n`;
    case 'unreachable':
      return `${host} | UNREACHABLE! => ${o.message}\n`;
    case 'failed':
      return `${host} | FAILED! => ${o.message}\n`;
    case 'not_run':
      return '';
  }
}

function jsonJail(j: JailSnapshots): Record<string, unknown> {
  return {
    jail: j.jail,
    state: j.state,
    path: j.path,
    dataset: j.dataset,
    snapshots: j.snapshots.map((s) => ({ name: s.name, snapshot: `${j.dataset}@${s.name}`, creation: s.creation, created: timeText(s.creation), used: s.used })),
    ...(j.note === undefined ? {} : { note: j.note }),
  };
}

function jsonHost(host: string, o: SnapshotsOutcome): Record<string, unknown> {
  if (o.kind === 'listed') return { host, status: 'ok', zfs: o.result.zfs, jails: o.result.jails.map(jsonJail) };
  if (o.kind === 'not_run') return { host, status: 'not_run' };
  return { host, status: o.kind, message: o.message };
}

export function jsonDocument(hosts: string[], outcomes: SnapshotsOutcome[], exitCode: number): string {
  return `${JSON.stringify({ hosts: hosts.map((h, i) => jsonHost(h, outcomes[i]!)), exit_code: exitCode }, null, 2)}\n`;
}
