import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { loadRunConfig } from '../load-inputs.js';
import { loadInventory } from '../../inventory/load-inventory.js';
import { historyPath } from '../../reconcile/history-schema.js';
import { parseSince } from '../../reconcile/report-since.js';
import { writeHtmlReport } from '../../reconcile/report-write.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { outputFile } from '../output-file.js';

export interface ReportOptions {
  html: string;
  since?: string;
  inventory?: string;
  stateDir?: string;
}

/**
 * The history is in the state directory, found as every command finds it
 * (--state-dir, else the config's stateDir). An inventory (-i, else the
 * config's) only orders the rows, and adds its hosts that have no result yet.
 */
export async function reportCommand(opts: ReportOptions, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  const stateDir = resolve(io.cwd, opts.stateDir ?? config.stateDir);
  const since = opts.since === undefined ? null : parseSince(opts.since, Date.now());
  const inventoryFile = opts.inventory ?? config.inventory;
  const hostOrder = inventoryFile ? [...loadInventory(resolve(io.cwd, inventoryFile)).hosts.keys()] : undefined;
  const file = outputFile('--html', opts.html, io.cwd);
  const r = await writeHtmlReport(historyPath(stateDir), file, { since, hostOrder });
  io.out(`report: ${r.file} (${r.hosts} hosts × ${r.passes} passes, ${Math.round(r.bytes / 1024)} KB, ${Math.round(r.ms)} ms)\n`);
  return EXIT.ok;
}
