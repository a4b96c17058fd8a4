/**
 * `jailfleet migrate` checks its options by building the play a playbook
 * would hold; a problem found in that play is told in the options' terms
 * (`--ip: expected ...`), not as a line and key of a file the user never
 * wrote (`(jailfleet migrate):8:13: tasks[0].migrate.ip: ...`).
 */
import { InputError } from '../../errors.js';
import { InputErrors } from '../load-inputs.js';

/** The migrate task's keys, as the command line spells them (migrate.ts migratePlay). */
const OPTION: Record<string, string> = {
  jail: 'JAIL',
  from: '--from',
  machine: '--machine',
  release: '--release',
  paths: '--paths',
  dataset: '--dataset',
  name: '--name',
  path: '--path',
  ip: '--ip',
  check: '--check-command',
  destroy_source: '--destroy-source',
};

/** `err` with each problem of the built play (`source`) named by its option. */
export function asOptionErrors(err: InputError, source: string): InputError {
  if (err instanceof InputErrors) return new InputErrors(err.errors.map((e) => asOptionError(e, source)));
  return asOptionError(err, source);
}

function asOptionError(err: InputError, source: string): InputError {
  if (err.pos?.file !== source) return err;
  const m = /^(?:tasks\[0\]\.migrate\.|migrate )(\w+): ([\s\S]*)$/.exec(err.problem);
  if (!m) return new InputError(err.problem);
  const [, key, rest] = m as unknown as [string, string, string];
  // The play's host (the --to host) and the task key it asked for mean nothing on the command line.
  const problem = rest
    .replace(/ \(hosts? [^)]*\)$/, '')
    .replace(/ \(\w+:\)$/, '')
    .replace('jail: or machine: true', 'JAIL or --machine');
  if (key === 'jail' && problem.startsWith('expected')) return new InputError('JAIL: expected the jail to move (jailfleet migrate JAIL --from SRC --to DST), or --machine');
  return new InputError(`${OPTION[key] ?? key}: ${problem}`);
}
