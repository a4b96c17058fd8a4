/**
 * `npm run bench`: jailfleet and Ansible side by side on a lab of real
 * OpenSSH servers on 127.0.0.10.. (bench/README.md). Prints one table and
 * writes it as JSON to bench/results/<timestamp>.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installSignalCleanup, runCleanups } from './cleanup.js';
import { parseLabArgs, type LabArgs } from './lab-args.js';
import { writeInventories, type LabInventories } from './lab-inventories.js';
import { missingPrerequisites } from './lab-prereqs.js';
import { labTable, labTargets, type LabFigures } from './lab-report.js';
import { startLab, type Lab } from './lab-sshd.js';
import { formatSummary, summarizeProfile, type CpuProfile, type ProfileSummary } from './profile-summary.js';
import { countSshExecs, runAnsible } from './run-ansible.js';
import { runFloor, writeFloorInput, type FloorRun } from './run-floor.js';
import { runJailfleet } from './run-jailfleet.js';
import { snapshotTree, treeDifferences } from './sandbox-snapshot.js';
import { medianOf, timestamp } from './stats.js';
import { formatTargets } from './targets.js';
import type { ToolRun } from './tool-run.js';

// dist-bench/bench/lab.js -> the repository root.
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SANDBOX = '/tmp/jailfleet-bench';
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Runs {
  converge: ToolRun[];
  nochange: ToolRun[];
}

async function main(): Promise<number> {
  installSignalCleanup();
  let args: LabArgs;
  try {
    args = parseLabArgs(process.argv.slice(2));
  } catch (err) {
    log(`error: ${(err as Error).message}`);
    return 2;
  }
  const missing = missingPrerequisites(REPO, !args.skipAnsible);
  if (missing.length) {
    log(`the lab needs:\n${missing.map((m) => `  ${m}`).join('\n')}`);
    return 1;
  }
  const lab = await startLab(args.hosts, log, { skipShellRc: args.skipShellRc });
  try {
    return await measure(lab, args);
  } finally {
    await lab.stop();
    await clearSandbox();
    await runCleanups();
  }
}

async function measure(lab: Lab, args: LabArgs): Promise<number> {
  const inventories = await writeInventories(lab);
  const floorInput = await writeFloorInput(lab);
  const jf: Runs = { converge: [], nochange: [] };
  const an: Runs = { converge: [], nochange: [] };
  const floor: FloorRun[] = [];
  const problems: string[] = [];
  // Other work on the machine skews every figure: keep the load next to each.
  const loads: Record<string, number> = {};
  const note = (what: string, r: ToolRun): ToolRun => {
    loads[`${what} #${Object.keys(loads).filter((k) => k.startsWith(what)).length + 1}`] = loadavg()[0]!;
    log(`  ${what}: ${(r.wallMs / 1000).toFixed(2)} s, ${r.changedHosts}/${r.hosts} changed, ${r.failedHosts} failed (load ${loadavg()[0]!.toFixed(1)})`);
    if (r.problem) problems.push(`${what}: ${r.problem}`);
    return r;
  };
  const first = lab.hosts[0]!;
  let differences: string[] | undefined;

  for (let run = 1; run <= args.runs; run++) {
    log(`run ${run}/${args.runs}`);
    await clearSandbox();
    jf.converge.push(note('jailfleet converge', await jailfleet(inventories, args.forks)));
    jf.nochange.push(note('jailfleet no-change', await jailfleet(inventories, args.forks)));
    const jfTree = await snapshotTree(join(SANDBOX, first.name));
    if (!args.skipAnsible) {
      await clearSandbox();
      an.converge.push(note('ansible converge', await ansible(lab, inventories, args.forks)));
      an.nochange.push(note('ansible no-change', await ansible(lab, inventories, args.forks)));
      differences ??= treeDifferences(jfTree, await snapshotTree(join(SANDBOX, first.name)));
    }
    floor.push(note('floor', await runFloor(REPO, floorInput, args.forks)) as FloorRun);
  }

  let channels: { converge: number; nochange: number } | undefined;
  if (!args.skipAnsible) channels = await ansibleChannels(lab, inventories, args.forks);

  const figures: LabFigures = {
    hosts: args.hosts,
    forks: args.forks,
    runs: args.runs,
    jailfleet: { converge: medianOf(jf.converge), nochange: medianOf(jf.nochange) },
    floor: medianOf(floor),
    ...(args.skipAnsible
      ? {}
      : { ansible: { converge: medianOf(an.converge), nochange: medianOf(an.nochange), channelsConverge: channels?.converge, channelsNochange: channels?.nochange } }),
  };
  const targets = labTargets(figures);
  let profile: ProfileSummary | undefined;
  if (args.profile || targets.some((t) => !t.met)) profile = await profileJailfleet(inventories, args.forks);

  const table = labTable(figures);
  if (args.skipShellRc) process.stdout.write('\n(--skip-shell-rc: lab sessions do not read root\'s ~/.bashrc)');
  process.stdout.write(`\n${table}\n\ntargets:\n${formatTargets(targets)}\n`);
  if (differences?.length) process.stdout.write(`\nresult differs between the tools on ${first.name}:\n  ${differences.join('\n  ')}\n`);
  else if (differences) process.stdout.write(`\nsame files on ${first.name} after either tool's converging run\n`);
  if (profile) process.stdout.write(`\njailfleet converging run, controller CPU ${formatSummary(profile)}\n`);
  if (problems.length) process.stdout.write(`\nproblems:\n${problems.join('\n')}\n`);

  const file = join(REPO, 'bench', 'results', `${timestamp()}.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    JSON.stringify({ kind: 'lab', machine: machine(), skipShellRc: args.skipShellRc, loadavg1AfterEachRun: loads, figures, targets, table, runs: { jailfleet: jf, ansible: an, floor }, sameResult: differences, profile, problems }, null, 2),
  );
  process.stdout.write(`\nwritten ${file}\n`);
  return problems.length ? 1 : 0;
}

function jailfleet(inv: LabInventories, forks: number, nodeArgs: string[] = []): Promise<ToolRun> {
  return runJailfleet({ repo: REPO, playbook: join(REPO, 'bench', 'jailfleet-workload.yml'), inventory: inv.jailfleet, forks, nodeArgs });
}

function ansible(lab: Lab, inv: LabInventories, forks: number, extra: { limit?: string; verbose?: boolean } = {}) {
  return runAnsible({
    repo: REPO,
    labDir: lab.dir,
    playbook: join(REPO, 'bench', 'ansible-workload.yml'),
    inventory: inv.ansible,
    forks,
    someAddress: lab.hosts[0]!.address,
    ...extra,
  });
}

/** Ansible's execs per host, counted on one host with -vvv (not timed). */
async function ansibleChannels(lab: Lab, inv: LabInventories, forks: number): Promise<{ converge: number; nochange: number }> {
  const host = lab.hosts[0]!;
  await rm(join(SANDBOX, host.name), { recursive: true, force: true });
  const conv = await ansible(lab, inv, forks, { limit: host.name, verbose: true });
  const noch = await ansible(lab, inv, forks, { limit: host.name, verbose: true });
  return { converge: countSshExecs(conv.stdout, host.address), nochange: countSshExecs(noch.stdout, host.address) };
}

/** One more converging run under `node --cpu-prof`, summarised. */
async function profileJailfleet(inv: LabInventories, forks: number): Promise<ProfileSummary | undefined> {
  const dir = join(REPO, 'bench', 'results', `profile-${timestamp()}`);
  await clearSandbox();
  log('profiling a jailfleet converging run (node --cpu-prof)');
  await jailfleet(inv, forks, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const file = (await readdir(dir).catch(() => [] as string[])).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return undefined;
  log(`  profile: ${join(dir, file)}`);
  return summarizeProfile(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile, 15);
}

async function clearSandbox(): Promise<void> {
  await rm(SANDBOX, { recursive: true, force: true });
}

function machine(): Record<string, unknown> {
  const version = (cmd: string, args: string[]): string => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]!.trim();
    } catch (err) {
      return ((err as { stderr?: string }).stderr ?? '').trim().split('\n')[0] ?? 'unknown';
    }
  };
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    ansible: version('ansible-playbook', ['--version']),
    openssh: version('ssh', ['-V']),
  };
}

process.exitCode = await main();
