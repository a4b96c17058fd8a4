/**
 * `jailfleet report --html`: reads the history database read-only, renders
 * the page, and replaces the file atomically, so a browser or a web server
 * serving it never sees half a page.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './atomic-file.js';
import { loadReportData, openHistoryReadOnly, type ReportData, type ReportOptions } from './report-data.js';
import { renderReportHtml } from './report-html.js';

export interface WrittenReport {
  file: string;
  bytes: number;
  hosts: number;
  passes: number;
  /** Reading the database, rendering and writing, in ms. */
  ms: number;
}

export async function writeHtmlReport(dbPath: string, file: string, opts: ReportOptions = {}): Promise<WrittenReport> {
  const started = performance.now();
  if (!existsSync(dbPath)) throw new InputError(`no reconciliation history at ${dbPath} (jailfleet reconcile writes it)`);
  const db = openHistoryReadOnly(dbPath);
  let data: ReportData;
  try {
    data = loadReportData(db, opts);
  } finally {
    db.close();
  }
  const html = renderReportHtml(data);
  await writeFileAtomic(file, html);
  return { file, bytes: Buffer.byteLength(html), hosts: data.hosts.length, passes: data.passes.length, ms: performance.now() - started };
}
