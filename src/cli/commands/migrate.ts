/**
 * `jailfleet migrate JAIL --from SRC --to DST` (or `--machine --name NAME
 * --release R --paths A,B`): a one-off move (issue 13).
 * It builds the task a playbook would hold — a play on DST with one migrate
 * task — and runs it as `apply` runs a playbook: the same engine, report,
 * JSON events, JUnit and exit codes.
 */
import { stringify } from 'yaml';
import type { CliIo } from '../io.js';
import { loadWith } from '../load-inputs.js';
import { parsePlaybook } from '../../playbook/load-playbook.js';
import { moduleRegistry } from '../../modules/registry.js';
import type { ExitCode } from '../exit-codes.js';
import { InputError } from '../../errors.js';
import { applyCommand, type ApplyOptions } from './apply.js';
import { asOptionErrors } from './migrate-errors.js';

export interface MigrateOptions extends ApplyOptions {
  from: string;
  to: string;
  name?: string;
  path?: string;
  ip?: string;
  checkCommand?: string;
  destroySource?: boolean;
  machine?: boolean;
  release?: string;
  paths?: string;
  dataset?: string;
}

/** Where the built play says it comes from, in messages. */
export const MIGRATE_SOURCE = '(jailfleet migrate)';

export function migratePlay(jail: string | undefined, opts: MigrateOptions): unknown[] {
  const args: Record<string, unknown> = { ...(jail !== undefined ? { jail } : {}), from: opts.from };
  if (opts.machine) args.machine = true;
  if (opts.release !== undefined) args.release = opts.release;
  if (opts.paths !== undefined) args.paths = opts.paths.split(',').filter(Boolean);
  if (opts.dataset !== undefined) args.dataset = opts.dataset;
  if (opts.name !== undefined) args.name = opts.name;
  if (opts.path !== undefined) args.path = opts.path;
  if (opts.ip !== undefined) args.ip = opts.ip;
  if (opts.checkCommand !== undefined) args.check = opts.checkCommand;
  if (opts.destroySource) args.destroy_source = true;
  const what = opts.machine ? `machine ${opts.from}` : `jail ${jail ?? '?'}`;
  return [{ name: `migrate ${what} to ${opts.to}`, hosts: opts.to, tasks: [{ name: `move ${what}${opts.machine ? '' : ` from ${opts.from}`}`, migrate: args }] }];
}

export function migrateCommand(jail: string | undefined, opts: MigrateOptions, io: CliIo): Promise<ExitCode> {
  const load = async () => {
    if (opts.from === opts.to) throw new InputError(`--from and --to are the same host "${opts.from}": a move needs two hosts`);
    let inputs: Awaited<ReturnType<typeof loadWith>>;
    try {
      inputs = await loadWith(opts.inventory, io.cwd, () => parsePlaybook(stringify(migratePlay(jail, opts)), MIGRATE_SOURCE, moduleRegistry), io.cwd, opts);
    } catch (err) {
      throw err instanceof InputError ? asOptionErrors(err, MIGRATE_SOURCE) : err;
    }
    if (!inputs.inventory.hosts.has(opts.to)) throw new InputError(`--to: no host "${opts.to}" in the inventory`);
    return inputs;
  };
  return applyCommand(MIGRATE_SOURCE, opts, io, load);
}
