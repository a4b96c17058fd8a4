/**
 * The command line. The only place that turns errors into exit codes
 * (DESIGN.md §4): input errors 4, everything else unexpected 1.
 */
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { InputError, InterruptedError, JailfleetError, UnreachableError } from '../errors.js';
import type { CliIo } from './io.js';
import { EXIT } from './exit-codes.js';
import type { ApplyOptions } from './commands/apply.js';
import type { SimServeOptions } from './commands/sim-serve.js';
import type { DemoOptions } from './commands/demo.js';
import type { MigrateOptions } from './commands/migrate.js';
import type { ReconcileOptions } from './commands/reconcile.js';
import type { HistoryOptions } from './commands/history.js';
import type { SnapshotsOptions } from './commands/snapshots.js';
import { parseNonNegativeInt, parsePositiveInt } from './commands/options.js';
import { extraVarsOption, playbookRunOptions } from './playbook-options.js';
import { registerRun } from './commands/run-registration.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const increase = (_: string, previous: number): number => previous + 1;

function runOptions(cmd: Command, withCheck: boolean): Command {
  cmd
    .option('-i, --inventory <file>', 'inventory file (default: from the jailfleet config)')
    .option('--diff', 'print unified diffs of files and rc.conf values')
    .option('-l, --limit <pattern>', 'only hosts matching this pattern')
    .option('-t, --tags <tags>', 'only tasks with these tags (comma separated)')
    .option('--skip-tags <tags>', 'skip tasks with these tags')
    .addOption(new Option('-f, --forks <n>', 'hosts in parallel (default 25)').argParser((v) => parsePositiveInt(v, '--forks')))
    .option('--json', 'one JSON event per line')
    .option('--log-file <file>', 'JSON-lines log file')
    .option('--state-dir <dir>', 'state directory (simulated hosts)')
    .option('--no-progress', 'plain timestamped progress lines instead of the live display on a TTY')
    .option('--strategy <name>', 'free (each host at its own pace) or linear (task by task); overrides the plays')
    .addOption(
      new Option('--lock-timeout <seconds>', 'how long to wait for another run\'s lock on a host (default 60)').argParser((v) =>
        parseNonNegativeInt(v, '--lock-timeout'),
      ),
    )
    .option('--report <file>', 'write a JUnit XML report of the run')
    .option('-v, --verbose', 'more output (repeat for more)', increase, 0);
  if (withCheck) cmd.option('-C, --check', 'report what would change; change nothing');
  return playbookRunOptions(cmd);
}

// Every command loads its code when it runs (issue 17): --version and --help
// load almost nothing, and no command pays for another's modules (the
// simulator, SSH, the logger).
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('jailfleet')
    .description('Jails and host-daemon rebinding for fleets of FreeBSD hosts, over SSH')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  runOptions(program.command('apply <playbook>').description('converge hosts to the playbook'), true).action(
    async (playbook: string, opts: ApplyOptions) => setExit(await (await import('./commands/apply.js')).applyCommand(playbook, opts, io)),
  );
  runOptions(program.command('check <playbook>').description('same as apply --check: report drift, change nothing'), false).action(
    async (playbook: string, opts: ApplyOptions) => setExit(await (await import('./commands/apply.js')).applyCommand(playbook, { ...opts, check: true }, io)),
  );
  runOptions(program.command('migrate [jail]').description('move a jail, or a whole machine (--machine), from one host to another (see README "Consolidating old machines")'), true)
    .requiredOption('--from <host>', 'the host the jail runs on now')
    .requiredOption('--to <host>', 'the host it moves to')
    .option('--name <name>', 'its name on the destination (default: the same)')
    .option('--path <dir>', 'its root on the destination (default: beside the source root, with the new name)')
    .option('--ip <entry>', '"keep" (the address moves with it, default), "takeover" (machine moves, default: the machine\'s address) or a new ip4.addr entry "iface|a.b.c.d/len"')
    .option('--check-command <command>', 'run on the destination once the jail started; non-zero rolls the move back')
    .option('--destroy-source', "delete the source's data after a verified cutover")
    .option('--machine', 'the whole source machine becomes jail --name (with --release and --paths)')
    .option('--release <release>', 'machine moves: the release the jail is built from')
    .option('--paths <dirs>', 'machine moves: the directories copied into the jail, comma-separated')
    .option('--dataset <dataset>', "machine moves: the jail's own ZFS dataset on the destination")
    .action(async (jail: string | undefined, opts: MigrateOptions) => {
      const { migrateCommand } = await import('./commands/migrate.js');
      setExit(await migrateCommand(jail, opts, io));
    });
  extraVarsOption(program
    .command('validate <playbook>')
    .description('parse and type-check playbook and inventory without connecting')
    .option('-i, --inventory <file>', 'inventory file'))
    .action(async (playbook: string, opts: { inventory?: string; extraVars?: string[] }) => setExit(await (await import('./commands/validate.js')).validateCommand(playbook, opts, io)));
  program
    .command('inventory')
    .description('resolved hosts, groups and variables')
    .option('-i, --inventory <file>', 'inventory file')
    .option('-l, --limit <pattern>', 'only hosts matching this pattern')
    .option('--json', 'JSON instead of YAML')
    .action(async (opts: { inventory?: string; limit?: string; json?: boolean }) => setExit(await (await import('./commands/inventory.js')).inventoryCommand(opts, io)));
  program
    .command('facts <host>')
    .description('what jailfleet reads from a host: jails, rc.conf, listeners, interfaces, release')
    .option('-i, --inventory <file>', 'inventory file')
    .option('--state-dir <dir>', 'state directory (simulated hosts)')
    .option('--json', 'JSON instead of YAML')
    .action(async (host: string, opts: { inventory?: string; json?: boolean; stateDir?: string }) =>
      setExit(await (await import('./commands/facts.js')).factsCommand(host, opts, io)),
    );

  program
    .command('snapshots [jails...]')
    .description("each jail's ZFS snapshots (creation time, space) on every host, or only these jails; changes nothing")
    .option('-i, --inventory <file>', 'inventory file (default: from the jailfleet config)')
    .option('-l, --limit <pattern>', 'only hosts matching this pattern')
    .addOption(new Option('-f, --forks <n>', 'hosts in parallel (default 25)').argParser((v) => parsePositiveInt(v, '--forks')))
    .option('--json', 'one JSON document with exact numbers')
    .option('--state-dir <dir>', 'state directory (simulated hosts)')
    .action(async (jails: string[], opts: SnapshotsOptions) => setExit(await (await import('./commands/snapshots.js')).snapshotsCommand(jails, opts, io)));

  registerRun(program, io, setExit);

  runOptions(
    program
      .command('demo [playbook]')
      .description('serve the simulated fleet over SSH on 127.0.0.1 and apply a playbook to it (npm start)'),
    true,
  ).action(async (playbook: string | undefined, opts: DemoOptions) => setExit(await (await import('./commands/demo.js')).demoCommand({ ...opts, playbook }, io)));

  extraVarsOption(program.command('reconcile <playbook>'))
    .description('check the fleet on a schedule, record drift in the history, and repair it with --fix (see README "Scheduled reconciliation")')
    .option('-i, --inventory <file>', 'inventory file (default: from the jailfleet config)')
    .option('--every <cron>', 'cron expression of the passes (croner; 6 fields for seconds), e.g. "*/15 * * * *"')
    .option('--once', 'one pass now, then exit: 0 no drift left, 2 drift left, 1 failed, 3 unreachable')
    .option('--fix', 'apply the playbook to the drifted hosts after the check')
    .addOption(new Option('--splay <seconds>', 'spread the hosts over this many seconds (stable per-host offset)').argParser((v) => parseNonNegativeInt(v, '--splay')))
    .option('--max-fail-percentage <n>', 'with --fix: stop repairing past this share of failed hosts (default 10)')
    .addOption(new Option('--keep-days <days>', 'keep diffs this many days (default 30)').argParser((v) => parsePositiveInt(v, '--keep-days')))
    .addOption(new Option('--keep-passes-days <days>', 'keep passes and their counts this many days (default 400)').argParser((v) => parsePositiveInt(v, '--keep-passes-days')))
    .option('-l, --limit <pattern>', 'only hosts matching this pattern')
    .option('-t, --tags <tags>', 'only tasks with these tags (comma separated)')
    .option('--skip-tags <tags>', 'skip tasks with these tags')
    .addOption(new Option('-f, --forks <n>', 'hosts in parallel (default 25)').argParser((v) => parsePositiveInt(v, '--forks')))
    .addOption(new Option('--lock-timeout <seconds>', "how long to wait for another run's lock on a host before recording it busy (default 0)").argParser((v) => parseNonNegativeInt(v, '--lock-timeout')))
    .option('--state-dir <dir>', 'state directory (history, simulated hosts)')
    .option('--json', 'one JSON object per pass or tick')
    .option('--metrics-file <file.prom>', "write Prometheus metrics there after each pass (atomically; node_exporter's textfile collector)")
    .option('--metrics-port <port>', 'serve the metrics over HTTP on this port (GET /metrics)')
    .option('--metrics-address <address>', 'the address of --metrics-port (default 127.0.0.1)')
    .option('--webhook <url>', 'POST JSON on new drift, new failure and a host back to ok (retried, never blocking a pass); or set JAILFLEET_WEBHOOK_URL to keep the URL out of ps')
    .action(async (playbook: string, opts: ReconcileOptions) => setExit(await (await import('./commands/reconcile.js')).reconcileCommand(playbook, opts, io)));
  program
    .command('history [pass]')
    .description('the reconciliation history: passes and per-host outcomes, or one pass with its diffs')
    .option('--host <host>', "only this host's results")
    .option('--since <time>', 'passes started since a date ("2025-06-01") or an age ("12h", "7d")')
    .addOption(new Option('--limit <n>', 'the newest n passes (default 50)').argParser((v) => parsePositiveInt(v, '--limit')))
    // The older name of --limit (README: "--limit N").
    .addOption(new Option('--last <n>').hideHelp().argParser((v) => parsePositiveInt(v, '--last')))
    .option('--json', 'JSON instead of text')
    .option('--state-dir <dir>', 'state directory')
    .action(async (pass: string | undefined, opts: HistoryOptions) => setExit(await (await import('./commands/history.js')).historyCommand(pass, opts, io)));
  program
    .command('report')
    .description('write the reconciliation history as one self-contained HTML page: hosts × passes grid, drift over time, most-drifting tasks')
    .requiredOption('--html <file>', 'the page to write')
    .option('--since <time>', 'passes started since a date ("2025-06-01") or an age ("12h", "7d")')
    .option('-i, --inventory <file>', 'rows in inventory order, its hosts without a result included (default: from the jailfleet config)')
    .option('--state-dir <dir>', 'state directory')
    .action(async (opts: { html: string; since?: string; inventory?: string; stateDir?: string }) =>
      setExit(await (await import('./commands/report.js')).reportCommand(opts, io)),
    );

  const sim = program.command('sim').description('the built-in simulated FreeBSD fleet');
  sim
    .command('exec <host> [command...]')
    .description('run one command on one simulated host (jailfleet sim exec HOST -- COMMAND)')
    .option('-i, --inventory <file>', 'inventory file')
    .option('--state-dir <dir>', 'state directory')
    .action(async (host: string, words: string[], opts: { inventory?: string; stateDir?: string }) =>
      setExit(await (await import('./commands/sim.js')).simExecCommand(host, words, opts, io)),
    );
  sim
    .command('reset [hosts...]')
    .description('forget the state of simulated hosts (all, or the named ones of the inventory)')
    .option('-i, --inventory <file>', 'inventory file (needed to name hosts)')
    .option('--state-dir <dir>', 'state directory')
    .action(async (hosts: string[], opts: { inventory?: string; stateDir?: string }) => setExit(await (await import('./commands/sim.js')).simResetCommand(hosts, opts, io)));
  sim
    .command('serve')
    .description('serve the inventory\'s simulated hosts over SSH on 127.0.0.1, one port each, until Ctrl-C')
    .option('-i, --inventory <file>', 'inventory file')
    .option('--state-dir <dir>', 'state directory')
    .option('--out <dir>', 'where to write inventory.yml and known_hosts (default STATE/sim-serve)')
    .addOption(new Option('--base-port <port>', 'first port (next host +1); default: free ports').argParser((v) => parsePositiveInt(v, '--base-port')))
    .option('--once-ready-file <file>', 'write this file (JSON: inventory, known_hosts, key, ports) once serving')
    .action(async (opts: SimServeOptions) => setExit(await (await import('./commands/sim-serve.js')).simServeCommand(opts, io)));
  return program;
}

/** Run the CLI; resolves to the process exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return errorExit(err, io);
  }
}

function errorExit(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    return EXIT.invalidInput; // commander already printed what was wrong
  }
  if (err instanceof InputError) {
    io.err(`error: ${err.message}\n`);
    return EXIT.invalidInput;
  }
  if (err instanceof InterruptedError) {
    io.err('interrupted\n');
    return EXIT.interrupted;
  }
  // A command that reaches one host (facts) and cannot: the table's 3, as for apply.
  if (err instanceof UnreachableError) {
    io.err(`error: ${err.message}\n`);
    return EXIT.unreachable;
  }
  if (err instanceof JailfleetError) {
    io.err(`error: ${err.message}\n`);
    return EXIT.failed;
  }
  io.err(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.failed;
}
