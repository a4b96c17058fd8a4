/**
 * `npm run bench:scale`: the reference workload on 1,000 and 10,000
 * in-process simulated hosts (converge, then no-change), first through the
 * simulator, then through a transcript recorded from it, so the engine's own
 * cost per host-run shows apart from the simulator's (bench/README.md).
 *
 *   npm run bench:scale -- [--hosts 1000,10000] [--forks 25]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runJsonChild } from './child-json.js';
import { installSignalCleanup, onCleanup, runCleanups } from './cleanup.js';
import type { WorkerOutput } from './scale-worker.js';
import { fmt, timestamp } from './stats.js';
import { formatTargets, type Target } from './targets.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..');
const WORKER = join(HERE, 'scale-worker.js');
const NODE_FLAGS = ['--expose-gc', '--max-old-space-size=16384'];
const TIME_LIMIT_MS = 60 * 60 * 1000;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  installSignalCleanup();
  const { values } = parseArgs({ options: { hosts: { type: 'string', default: '1000,10000' }, forks: { type: 'string', default: '25' } } });
  const sizes = values.hosts.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const forks = Number(values.forks);
  const tmp = await mkdtemp('/tmp/jailfleet-bench-scale-');
  const unregister = onCleanup(() => rm(tmp, { recursive: true, force: true }));
  const results: WorkerOutput[] = [];
  const failures: string[] = [];
  try {
    for (const hosts of sizes) {
      const transcript = join(tmp, `transcript-${hosts}.json`);
      const worker = (mode: string, extra: string[]): Promise<WorkerOutput> =>
        runJsonChild<WorkerOutput>([...NODE_FLAGS, WORKER, '--mode', mode, '--hosts', String(hosts), '--forks', String(forks), ...extra], TIME_LIMIT_MS);
      try {
        log(`${hosts} hosts: simulator`);
        results.push(await worker('sim', []));
        log(`${hosts} hosts: recording a transcript (not measured)`);
        await worker('sim', ['--record', transcript]);
        log(`${hosts} hosts: transcript replay`);
        results.push(await worker('replay', ['--transcript', transcript]));
      } catch (err) {
        failures.push(`${hosts} hosts: ${(err as Error).message}`);
        log(`  failed: ${(err as Error).message}`);
      }
      await rm(transcript, { force: true });
    }
  } finally {
    unregister();
    await rm(tmp, { recursive: true, force: true });
    await runCleanups();
  }

  const table = scaleTable(results, forks);
  const targets = scaleTargets(results, sizes);
  process.stdout.write(`\n${table}\n\ntargets:\n${formatTargets(targets)}\n`);
  if (failures.length) process.stdout.write(`\nfailed:\n  ${failures.join('\n  ')}\n`);
  const file = join(REPO, 'bench', 'results', `scale-${timestamp()}.json`);
  await mkdir(dirname(file), { recursive: true });
  const machine = { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavgAtEnd: loadavg() };
  await writeFile(file, JSON.stringify({ kind: 'scale', machine, forks, results, targets, table, failures }, null, 2));
  process.stdout.write(`\nwritten ${file}\n`);
  return failures.length ? 1 : 0;
}

function scaleTable(results: WorkerOutput[], forks: number): string {
  const head = ['hosts', 'transport', 'phase', 'wall s', 'host-runs/s', 'CPU ms/host-run', 'execs/host', 'rounds/host', 'peak RSS MB', 'KB/host', 'failed'];
  const rows: string[][] = [head];
  for (const r of results) {
    for (const p of r.phases) {
      rows.push([
        String(r.hosts),
        r.mode === 'sim' ? 'simulator' : 'transcript',
        p.phase,
        fmt(p.wallMs / 1000),
        fmt(p.hostRunsPerS, 0),
        fmt(p.cpuMsPerHostRun, 3),
        fmt(p.channelsPerHost, 1),
        fmt(p.roundsPerHost, 1),
        fmt(p.peakRssKb / 1024, 0),
        p.phase === 'converge' ? fmt(r.kbPerHost, 1) : '',
        String(p.failedHosts),
      ]);
    }
  }
  const widths = head.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const lines = rows.map((row) => row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return [
    `reference workload on simulated hosts, forks ${forks}; one process per (hosts, transport), converge then no-change`,
    ...lines,
    'KB/host = (peak RSS of the process - RSS before the first run) / hosts; the transcript (loaded before) is in the baseline',
  ].join('\n');
}

function scaleTargets(results: WorkerOutput[], sizes: number[]): Target[] {
  const biggest = Math.max(...sizes);
  const at = (mode: string): WorkerOutput | undefined => results.find((r) => r.hosts === biggest && r.mode === mode);
  const sim = at('sim');
  const replay = at('replay');
  const completed = (r: WorkerOutput | undefined): boolean => r !== undefined && r.phases.every((p) => p.failedHosts === 0);
  const cpu = replay ? Math.max(...replay.phases.map((p) => p.cpuMsPerHostRun)) : Number.NaN;
  return [
    { name: `${biggest} simulated hosts complete`, want: 'both phases, no failures', measured: completed(sim) ? 'completed' : 'did not complete', met: completed(sim) },
    { name: `engine CPU per host-run (transcript, ${biggest} hosts, worse phase)`, want: '<= 1 ms', measured: `${fmt(cpu, 3)} ms`, met: cpu <= 1 },
    {
      name: `engine memory per host (transcript, ${biggest} hosts)`,
      want: '<= 50 KB',
      measured: `${fmt(replay?.kbPerHost, 1)} KB`,
      met: (replay?.kbPerHost ?? Number.POSITIVE_INFINITY) <= 50,
    },
  ];
}

process.exitCode = await main();
