import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import { loadRunConfig } from '../load-inputs.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { InputError } from '../../errors.js';
import { historyPath, type HostResultRow } from '../../reconcile/history-schema.js';
import { openHistory } from '../../reconcile/history-store.js';
import { listPasses, passDetail } from '../../reconcile/history-queries.js';
import { hostHistoryText, passDetailText, passWithHostsText } from '../../reconcile/history-format.js';
// The same --since as `report --since` (an age or a date).
import { parseSince } from '../../reconcile/report-since.js';

export interface HistoryOptions {
  host?: string;
  since?: string;
  limit?: string;
  /** The older name of --limit. */
  last?: string;
  json?: boolean;
  stateDir?: string;
}

const DEFAULT_LAST = 50;

const hostJson = ({ host, outcome, message }: HostResultRow) => ({ host, outcome, message });

export async function historyCommand(passArg: string | undefined, opts: HistoryOptions, io: CliIo): Promise<ExitCode> {
  const passId = passArg === undefined ? undefined : passNumber(passArg);
  const since = opts.since === undefined ? undefined : parseSince(opts.since, Date.now());
  const newest = opts.limit ?? opts.last;
  const limit = newest === undefined ? DEFAULT_LAST : Number.parseInt(newest, 10);
  const config = await loadRunConfig(io.cwd);
  const stateDir = resolve(io.cwd, opts.stateDir ?? config.stateDir);
  if (!existsSync(historyPath(stateDir))) {
    io.err(`no reconciliation history in ${stateDir} yet (jailfleet reconcile writes it)\n`);
    return EXIT.ok;
  }
  const store = openHistory(stateDir, { readonly: true });
  try {
    if (passId !== undefined) {
      const detail = passDetail(store.db, passId, opts.host);
      if (!detail) throw new InputError(`history: no pass ${passId} in ${historyPath(stateDir)}`);
      io.out(opts.json ? JSON.stringify({ pass: detail.pass, hosts: detail.hosts.map(hostJson), tasks: detail.tasks }) + '\n' : passDetailText(detail));
      return EXIT.ok;
    }
    const entries = listPasses(store.db, { ...(since !== undefined ? { since } : {}), ...(opts.host ? { host: opts.host } : {}), limit });
    if (opts.json) {
      io.out(JSON.stringify({ passes: entries.map(({ pass, hosts }) => ({ ...pass, hosts: hosts.map(hostJson) })) }) + '\n');
    } else if (opts.host) {
      io.out(hostHistoryText(opts.host, entries));
    } else {
      io.out(entries.length ? entries.map(passWithHostsText).join('') : 'no pass recorded\n');
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
}

function passNumber(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InputError(`history: PASS is a pass number (see jailfleet history), got "${value}"`);
  return Number(value);
}
