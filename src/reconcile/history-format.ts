/**
 * The reconciliation history as people read it (`reconcile` as passes end,
 * `history`): one line per pass or tick, the hosts that were not ok under
 * it, and a pass's drift as unified diffs. Times are UTC, to the second.
 */
import type { HostResultRow, PassRow, TaskResultRow } from './history-schema.js';
import type { PassDetail, PassWithHosts } from './history-queries.js';

export const isoSecond = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

const COUNTS: Array<[keyof PassRow, string]> = [
  ['hosts_ok', 'ok'],
  ['hosts_drifted', 'drifted'],
  ['hosts_repaired', 'repaired'],
  ['hosts_failed', 'failed'],
  ['hosts_unreachable', 'unreachable'],
  ['hosts_busy', 'busy'],
];

const isTick = (p: PassRow): boolean => p.status === 'skipped' || p.status === 'missed';

function duration(p: PassRow): string {
  return p.ended_at === null ? '' : ` in ${((p.ended_at - p.started_at) / 1000).toFixed(1)} s`;
}

/** "pass 7 done in 3.1 s (--fix): 3 ok, 1 repaired; 2 tasks drifted, 2 repaired", or a tick's line. */
export function passLine(p: PassRow): string {
  if (isTick(p)) return `${isoSecond(p.started_at)}  tick ${p.status}: ${p.note}`;
  const counts = COUNTS.filter(([k]) => Number(p[k]) > 0).map(([k, word]) => `${p[k]} ${word}`);
  const tasks = p.tasks_drifted > 0 ? `; ${p.tasks_drifted} task(s) drifted${p.fix ? `, ${p.repairs} repaired` : ''}` : '';
  const total = COUNTS.reduce((n, [k]) => n + Number(p[k]), 0);
  const head = `${isoSecond(p.started_at)}  pass ${p.id} ${p.status}${duration(p)}${p.fix ? ' (--fix)' : ''}`;
  return `${head}: ${total} host(s)${counts.length ? `: ${counts.join(', ')}` : ''}${tasks}`;
}

/** The hosts of a pass that were not ok, one per line. */
export function hostLines(hosts: readonly HostResultRow[], indent = '    '): string[] {
  return hosts.filter((h) => h.outcome !== 'ok').map((h) => `${indent}${h.host} ${h.outcome}${h.message ? `: ${h.message}` : ''}`);
}

export function passWithHostsText(entry: PassWithHosts): string {
  const lines = [passLine(entry.pass), ...hostLines(entry.hosts)];
  if (entry.pass.note && !isTick(entry.pass)) lines.push(`    note: ${entry.pass.note}`);
  return lines.join('\n') + '\n';
}

/** `history --host H`: the host's outcome in each pass. */
export function hostHistoryText(host: string, entries: readonly PassWithHosts[]): string {
  if (entries.length === 0) return `no pass recorded ${host}\n`;
  return entries
    .map(({ pass, hosts }) => {
      const h = hosts[0];
      return `${isoSecond(pass.started_at)}  pass ${pass.id} ${pass.status}${pass.fix ? ' (--fix)' : ''}: ${host} ${h?.outcome ?? '-'}${h?.message ? `: ${h.message}` : ''}\n`;
    })
    .join('');
}

function taskLines(tasks: readonly TaskResultRow[]): string[] {
  return tasks.flatMap((t) => {
    const head = `      ${t.status}${t.corrective ? ' (corrective)' : ''}: ${t.task} [${t.module}]${t.message ? `: ${t.message}` : ''}`;
    // No diff: the task has none (a service to start), or --keep-days pruned it.
    const diff = t.diff ? t.diff.split('\n').map((l) => `        ${l}`) : [];
    return [head, ...diff];
  });
}

/** `history PASS`: the pass, every host, and the tasks with their diffs. */
export function passDetailText(d: PassDetail): string {
  const { pass } = d;
  const lines = [passLine(pass)];
  if (pass.note) lines.push(`  note: ${pass.note}`);
  if (pass.playbook) lines.push(`  playbook: ${pass.playbook}`);
  for (const h of d.hosts) {
    lines.push(`  ${h.host} ${h.outcome}${h.message ? `: ${h.message}` : ''}`);
    lines.push(...taskLines(d.tasks.filter((t) => t.host === h.host)));
  }
  return lines.join('\n') + '\n';
}
