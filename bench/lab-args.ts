/** `npm run bench -- --hosts N --forks N --runs R [--profile] [--skip-ansible]`. */
import { parseArgs } from 'node:util';
import { MAX_LAB_HOSTS } from './lab-sshd.js';

export interface LabArgs {
  hosts: number;
  forks: number;
  runs: number;
  /** Profile the jailfleet converging run even when every target is met. */
  profile: boolean;
  /** jailfleet and the floor only (quick runs while working on the engine). */
  skipAnsible: boolean;
  /** Sessions do not read root's ~/.bashrc (lab-sshd.ts LabOptions). */
  skipShellRc: boolean;
}

export function parseLabArgs(argv: string[]): LabArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      hosts: { type: 'string', default: '50' },
      forks: { type: 'string' },
      runs: { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      'skip-ansible': { type: 'boolean', default: false },
      'skip-shell-rc': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const hosts = positive(values.hosts, '--hosts');
  if (hosts > MAX_LAB_HOSTS) throw new Error(`--hosts: at most ${MAX_LAB_HOSTS} (127.0.0.10..127.0.0.254)`);
  // Default: 25 as jailfleet's own default, or every host when there are fewer.
  const forks = values.forks === undefined ? Math.min(25, hosts) : positive(values.forks, '--forks');
  return { hosts, forks, runs: positive(values.runs, '--runs'), profile: values.profile, skipAnsible: values['skip-ansible'], skipShellRc: values['skip-shell-rc'] };
}

function positive(text: string, flag: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new Error(`${flag}: expected a positive whole number, got "${text}"`);
  return Number(text);
}
