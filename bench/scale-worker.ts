/**
 * One measurement of bench:scale, in its own process so its peak RSS is its
 * own: the reference workload on N simulated hosts (converge, then no-change),
 * through the simulator (`--mode sim`, optionally recording a transcript) or
 * through the recorded transcript (`--mode replay`). Prints one JSON line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Connector } from '../src/engine/run.js';
import { workloadInventory } from './fleet-inventory.js';
import { loadWorkload, meanRounds, runWorkload } from './workload.js';
import { collectGarbage, sampleRss } from './rss-sampler.js';
import { simFleet } from './sim-fleet.js';
import { RecordingTransport, ReplayTransport, TranscriptBook } from './transcript-transport.js';

export interface PhaseFigures {
  phase: 'converge' | 'no-change';
  wallMs: number;
  hostRunsPerS: number;
  /** Controller CPU (process.cpuUsage user + system) per host-run. */
  cpuMsPerHostRun: number;
  peakRssKb: number;
  changedHosts: number;
  failedHosts: number;
  channelsPerHost: number;
  /** Times the engine waited for a host (host_end rounds), mean over hosts. */
  roundsPerHost: number;
}

export interface WorkerOutput {
  mode: 'sim' | 'replay';
  hosts: number;
  forks: number;
  /** RSS after loading inputs (and the transcript), before the first run. */
  baselineRssKb: number;
  /** process.resourceUsage().maxRSS over the whole process. */
  maxRssKb: number;
  /** (peak RSS - baseline) / hosts. */
  kbPerHost: number;
  phases: PhaseFigures[];
  firstError?: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string', default: 'sim' },
      hosts: { type: 'string', default: '1000' },
      forks: { type: 'string', default: '25' },
      record: { type: 'string' },
      transcript: { type: 'string' },
    },
  });
  const mode = values.mode === 'replay' ? 'replay' : 'sim';
  const hosts = Number(values.hosts);
  const forks = Number(values.forks);
  const playbook = loadWorkload();
  const inventory = workloadInventory(hosts);

  let connector: Connector;
  let recording: TranscriptBook | undefined;
  if (mode === 'replay') {
    if (!values.transcript) throw new Error('--mode replay needs --transcript FILE');
    const book = TranscriptBook.fromJSON(JSON.parse(readFileSync(values.transcript, 'utf8')) as Parameters<typeof TranscriptBook.fromJSON>[0]);
    connector = { connect: async (host) => new ReplayTransport(host.name, book), addressOf: (host) => String(host.vars.host_ip) };
  } else {
    recording = values.record ? new TranscriptBook() : undefined;
    const book = recording;
    connector = simFleet(book ? { wrap: (t) => new RecordingTransport(t, book) } : {}).connector;
  }

  collectGarbage();
  const baselineRssKb = process.memoryUsage.rss() / 1024;
  const phases: PhaseFigures[] = [];
  let firstError: string | undefined;
  for (const phase of ['converge', 'no-change'] as const) {
    const sampler = sampleRss();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await runWorkload(playbook, inventory, connector, forks);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const stats = Object.values(summary.hosts);
    const failed = stats.filter((s) => s.failed > 0 || s.unreachable > 0).length;
    if (failed && !firstError) firstError = `${failed} host(s) failed in ${phase}`;
    phases.push({
      phase,
      wallMs,
      hostRunsPerS: (stats.length / wallMs) * 1000,
      cpuMsPerHostRun: (used.user + used.system) / 1000 / stats.length,
      peakRssKb: sampler.stop(),
      changedHosts: stats.filter((s) => s.changed > 0).length,
      failedHosts: failed,
      channelsPerHost: stats.reduce((a, s) => a + s.channels, 0) / stats.length,
      roundsPerHost: meanRounds(summary),
    });
  }
  const maxRssKb = process.resourceUsage().maxRSS;
  const peak = Math.max(maxRssKb, ...phases.map((p) => p.peakRssKb));
  if (recording && values.record) writeFileSync(values.record, JSON.stringify(recording));
  const out: WorkerOutput = { mode, hosts, forks, baselineRssKb, maxRssKb, kbPerHost: (peak - baselineRssKb) / hosts, phases, firstError };
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
