/**
 * `jailfleet snapshots -i INVENTORY [--limit PATTERN] [JAIL...]` (issue 18):
 * the ZFS snapshots of each jail's dataset on every selected host, running
 * or stopped, with their creation time and the space each holds. Read-only,
 * as `facts` is: no host lock, no session log, nothing sent that changes a
 * host — jls, the jail.conf files and zfs list only (snapshots-read.ts). Hosts are reached through apply's
 * connector, up to --forks at once, and printed in inventory order. Exit
 * codes as `run`: 0 listed everywhere (a jail without a dataset, or a host
 * without ZFS, is a listing, not a failure), 1 a host's listing failed,
 * 3 a host was unreachable, 4 bad input before anything is sent.
 */
import type { CliIo } from '../io.js';
import { loadCheckedInventory, loadRunConfig } from '../load-inputs.js';
import { makeConnector } from '../../engine/connector.js';
import { jailName } from '../../modules/jail/args.js';
import { InputError } from '../../errors.js';
import { connectorOptions } from '../connector-options.js';
import { forksOf } from '../run-setup.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { eachHost, onHost, runHost, selectedHosts, summaryOf } from './run.js';
import type { HostOutcome } from './run-output.js';
import { humanHost, jsonDocument, type SnapshotsOutcome } from './snapshots-output.js';
import { readHostSnapshots } from './snapshots-read.js';

export interface SnapshotsOptions {
  inventory?: string;
  limit?: string;
  forks?: string;
  json?: boolean;
  stateDir?: string;
}

function checkJails(jails: string[]): void {
  for (const name of jails) {
    const r = jailName.safeParse(name);
    if (!r.success) throw new InputError(`snapshots: jail "${name}": ${r.error.issues[0]?.message ?? 'not a jail name'}`);
  }
}

/** A listed host counts as a command that exited 0, for run's exit-code precedence. */
const asRunOutcome = (o: SnapshotsOutcome): HostOutcome => (o.kind === 'listed' ? { kind: 'done', rc: 0, stdout: '', stderr: '' } : o);

export async function snapshotsCommand(jails: string[], opts: SnapshotsOptions, io: CliIo): Promise<ExitCode> {
  const config = await loadRunConfig(io.cwd);
  const inventory = loadCheckedInventory(opts.inventory, config, io.cwd);
  checkJails(jails);
  const names = selectedHosts(inventory, 'all', opts.limit, (w) => io.err(`warning: ${w}\n`));
  // Bad connection settings are bad input, found before any host is contacted.
  const hosts = names.map((name) => runHost(inventory.hosts.get(name)!, true));
  const connector = makeConnector(connectorOptions(config, io, opts.stateDir));
  const outcomes: SnapshotsOutcome[] = names.map(() => ({ kind: 'not_run' }));
  try {
    await eachHost(hosts.length, forksOf(opts.forks, config), io.signal, async (i) => {
      const timeoutMs = config.commandTimeoutMs;
      outcomes[i] = await onHost(connector.connect.bind(connector), hosts[i]!, timeoutMs, async (t): Promise<SnapshotsOutcome> => ({ kind: 'listed', result: await readHostSnapshots(t, jails, timeoutMs) }));
    });
  } finally {
    await connector.close?.();
  }
  const code = exitCodeFor(summaryOf(names, outcomes.map(asRunOutcome), io.signal?.aborted ?? false), false);
  io.out(opts.json ? jsonDocument(names, outcomes, code) : names.map((h, i) => humanHost(h, outcomes[i]!)).join(''));
  return code;
}
