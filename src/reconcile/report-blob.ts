/**
 * The report's data as the page embeds it: one compact JSON blob. A host's
 * row is one string of outcome codes; every text (task names, modules,
 * messages, diffs, notes) is stored once in `strings` and referred to by
 * index, so a diff that drifted the same way on 300 hosts is there once.
 */
import type { ReportData } from './report-data.js';
import { TASK_CODE } from './report-codes.js';

/** [id, startedAt, endedAt (-1: none), status, fix (0/1), note] */
export type BlobPass = [number, number, number, string, number, number];
/**
 * [host index, pass index, host message, ok tasks, task codes, task texts]:
 * the tasks that are not ok, one TASK_CODE each, and per task 4 string
 * indexes: name, module, message, diff (0: none).
 */
export type BlobCell = [number, number, number, number, string, number[]];

export interface ReportBlob {
  v: 1;
  hosts: string[];
  passes: BlobPass[];
  grid: string[];
  strings: string[];
  cells: BlobCell[];
}

export function toBlob(data: ReportData): ReportBlob {
  const strings: string[] = [''];
  const index = new Map<string, number>([['', 0]]);
  const ref = (s: string | null): number => {
    if (!s) return 0;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const hostIndex = new Map(data.hosts.map((h, i) => [h, i]));
  const passIndex = new Map(data.passes.map((p, i) => [p.id, i]));
  const passes = data.passes.map((p): BlobPass => [p.id, p.startedAt, p.endedAt ?? -1, p.status, p.fix ? 1 : 0, ref(p.note)]);
  const cells = data.cells.flatMap((c): BlobCell[] => {
    const h = hostIndex.get(c.host);
    const p = passIndex.get(c.passId);
    if (h === undefined || p === undefined) return [];
    const codes = c.tasks.map((t) => TASK_CODE[t.status] ?? '?').join('');
    return [[h, p, ref(c.message), c.okTasks, codes, c.tasks.flatMap((t) => [ref(t.task), ref(t.module), ref(t.message), ref(t.diff)])]];
  });
  return { v: 1, hosts: data.hosts, passes, grid: data.grid, strings, cells };
}
