/**
 * Where a lab run's time goes (bench/README.md "Phases"): on the lab of
 * `npm run bench`, for each --forks value, traced in-process runs of
 * connect only, the floor (connect + `true`), the workload's gather exec
 * alone (check mode on an empty sandbox), the converging run and the
 * no-change run. For each: the per-host phase breakdown (phase-report.ts),
 * the controller's CPU, and the target side's CPU (every lab sshd and its
 * children, target-cpu.ts).
 *
 *   node dist-bench/bench/lab-phases.js [--hosts 50] [--forks 25,50] [--skip-shell-rc]
 */
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installSignalCleanup, onCleanup, runCleanups } from './cleanup.js';
import { writeInventories } from './lab-inventories.js';
import { startLab, type Lab } from './lab-sshd.js';
import { formatPhases, phaseStats, roundsPerHost } from './phase-report.js';
import type { PhaseMode, PhasesOutput } from './phases-worker.js';
import { timestamp } from './stats.js';
import { cpuSecondsOf } from './target-cpu.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SANDBOX = '/tmp/jailfleet-bench';
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Step {
  label: string;
  mode: PhaseMode;
  clearFirst?: boolean;
}

const STEPS: Step[] = [
  { label: 'connect only', mode: 'connect' },
  { label: 'floor (connect + true)', mode: 'floor' },
  { label: 'gather only (check, empty sandbox)', mode: 'check', clearFirst: true },
  { label: 'jailfleet converge', mode: 'apply', clearFirst: true },
  { label: 'jailfleet no-change', mode: 'apply' },
];

async function main(): Promise<number> {
  installSignalCleanup();
  const { values } = parseArgs({
    options: { hosts: { type: 'string', default: '50' }, forks: { type: 'string', default: '25,50' }, 'skip-shell-rc': { type: 'boolean', default: false } },
  });
  const hosts = Number(values.hosts);
  const forksList = values.forks.split(',').map(Number);
  const lab = await startLab(hosts, log, { skipShellRc: values['skip-shell-rc'] });
  try {
    return await measure(lab, forksList);
  } finally {
    await lab.stop();
    await rm(SANDBOX, { recursive: true, force: true });
    await runCleanups();
  }
}

async function measure(lab: Lab, forksList: number[]): Promise<number> {
  const inv = await writeInventories(lab);
  const playbook = join(REPO, 'bench', 'jailfleet-workload.yml');
  const results: unknown[] = [];
  let text = '';
  for (const forks of forksList) {
    for (const step of STEPS) {
      if (step.clearFirst) await rm(SANDBOX, { recursive: true, force: true });
      const before = await cpuSecondsOf(lab.serverPids());
      const load = loadavg()[0]!;
      const run = await worker(step.mode, inv.jailfleet, playbook, forks);
      // Let every sshd reap its connection processes before reading their time.
      await new Promise((r) => setTimeout(r, 500));
      const targetCpuS = (await cpuSecondsOf(lab.serverPids())) - before;
      const execs = run.hosts.reduce((n, h) => n + h.execs.filter((e) => !e.sameChannel).length, 0);
      const head =
        `${step.label}, ${lab.hosts.length} hosts, forks ${forks}: ${(run.innerMs / 1000).toFixed(2)} s in-process, ` +
        `controller CPU ${run.controllerCpuS.toFixed(2)} s, target CPU ${targetCpuS.toFixed(2)} s ` +
        `(${((1000 * targetCpuS) / lab.hosts.length).toFixed(0)} ms/host, ${execs} execs, ${roundsPerHost(run).toFixed(1)} rounds/host), load ${load.toFixed(1)}` +
        (run.failed.length ? `\n  FAILED: ${run.failed.join('; ')}` : '');
      const stats = phaseStats(run);
      text += `\n${head}\n${formatPhases(run, stats)}\n`;
      log(head);
      results.push({ step: step.label, forks, load, targetCpuS, roundsPerHost: roundsPerHost(run), innerMs: run.innerMs, controllerCpuS: run.controllerCpuS, stats, trace: run });
    }
  }
  process.stdout.write(text);
  const file = join(REPO, 'bench', 'results', `phases-${timestamp()}.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ kind: 'phases', results }, null, 2));
  process.stdout.write(`\nwritten ${file}\n`);
  return 0;
}

function worker(mode: PhaseMode, inventory: string, playbook: string, forks: number): Promise<PhasesOutput> {
  const script = join(REPO, 'dist-bench', 'bench', 'phases-worker.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, mode, inventory, playbook, String(forks)], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    const unregister = onCleanup(() => void child.kill('SIGKILL'));
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => {
      unregister();
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (!line.startsWith('{')) reject(new Error(`phases worker (${mode}) printed no result: ${stdout.slice(-500)}`));
      else resolve(JSON.parse(line) as PhasesOutput);
    });
  });
}

process.exitCode = await main();
