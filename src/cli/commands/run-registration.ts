/**
 * `jailfleet run`'s place on the command line. Loads nothing but commander's
 * types: the command's code (run.ts) is imported when it runs (issue 17).
 */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { parsePositiveInt } from './options.js';
import type { RunCommandOptions } from './run.js';

const AFTER = `
The words after -- are joined by spaces and run by /bin/sh -c on each host,
as ssh joins and runs them: quote what the remote shell must see
(jailfleet run all -- 'echo $HOME > /tmp/x'). With --jail the command runs
as jexec -l NAME /bin/sh -c COMMAND (a clean login environment in the jail).

Output, in inventory order, one block per host (never interleaved, each
printed once it and the hosts before it are done):
  HOST | rc=N >>            then the command's stdout, then its stderr
  HOST | UNREACHABLE! => why
  HOST | FAILED! => why     (e.g. still running after --timeout)
--json: one {"type":"run_result",...} object per host, then {"type":"run_summary",...}.

Exit: 0 every host's command exited 0; 1 one exited non-zero or timed out;
3 a host was unreachable (and no command failed); 4 bad input (nothing was
sent); 130 interrupted (no further host is started).

No host lock is taken: like ssh HOST CMD, an ad-hoc command is outside
jailfleet's runs and may run while an apply holds a host's lock.

Examples:
  jailfleet run all -i inventory/sim.yml -- uname -r
  jailfleet run 'new:!new2' -i inventory/sim.yml --jail www -- 'freebsd-version -u; sockstat -4l'
  jailfleet run old -i inventory/prod.yml --become --forks 5 -- 'pkg upgrade -n'
`;

export function registerRun(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('run <pattern> [command...]')
    .description('run one shell command on every host the pattern selects, in parallel (jailfleet run PATTERN -i INVENTORY -- COMMAND)')
    .option('-i, --inventory <file>', 'inventory file (default: from the jailfleet config)')
    .option('-l, --limit <pattern>', 'only hosts that also match this pattern')
    .addOption(new Option('-f, --forks <n>', 'hosts in parallel (default: the config\'s forks, 25)').argParser((v) => parsePositiveInt(v, '--forks')))
    .option('--jail <name>', 'run inside this jail: jexec -l NAME /bin/sh -c COMMAND')
    .option('--become', "run as root through the inventory's become (sudo or doas) on the hosts that set it; without it the command runs as the SSH login user")
    .addOption(new Option('--timeout <seconds>', "how long each host's command may run (default: the config's commandTimeoutMs, 300 s)").argParser((v) => parsePositiveInt(v, '--timeout')))
    .option('--json', 'one JSON object per host, then a summary')
    .option('--state-dir <dir>', 'state directory (simulated hosts)')
    .addHelpText('after', AFTER)
    .action(async (pattern: string, words: string[], opts: RunCommandOptions) => setExit(await (await import('./run.js')).runCommand(pattern, words, opts, io)));
}
