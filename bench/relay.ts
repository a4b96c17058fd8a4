/**
 * `npm run bench:relay` (issue 13): how fast jailfleet's relay moves a tree
 * from one host to another through the controller (src/transport/relay.ts),
 * against what an administrator would type with OpenSSH clients:
 *
 *   ssh A 'tar cf - -C SRC .' | ssh B 'tar xf - -C DST'
 *
 * Both on the same two lab sshd hosts (127.0.0.10 and .11, bench/lab-sshd.ts),
 * the same tree (one file of random bytes), alternating which goes first,
 * side by side in one run. The relay's controller RSS is sampled throughout:
 * it must stay flat (the stream is never held).
 *
 *   npm run bench:relay -- [--mib 1024] [--runs 3]
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { quote } from '../src/shell/quote.js';
import { relay } from '../src/transport/relay.js';
import { SshTransport } from '../src/transport/ssh.js';
import { runCleanups } from './cleanup.js';
import { startLab, type Lab } from './lab-sshd.js';
import { collectGarbage, sampleRss } from './rss-sampler.js';
import { fmt, median, timestamp } from './stats.js';
import { formatTargets, type Target } from './targets.js';
import { BENCH_DIR } from './workload.js';

interface Trial {
  tool: 'jailfleet relay' | 'ssh | ssh';
  wallMs: number;
  mibPerS: number;
  /** Relay only: controller RSS growth over the run (peak minus the RSS before it). */
  rssGrowthMb?: number;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The shell pipeline with OpenSSH clients, timed. */
function openSshPipeline(lab: Lab, src: string, dst: string): Promise<number> {
  const ssh = (address: string, command: string): string =>
    ['ssh', '-q', '-i', quote(lab.clientKeyFile), '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${quote(lab.knownHostsFile)}`, '-o', 'StrictHostKeyChecking=yes', '-p', String(lab.port), `root@${address}`, quote(command)].join(' ');
  const [a, b] = lab.hosts as [Lab['hosts'][0], Lab['hosts'][0]];
  const line = `${ssh(a.address, `tar cf - -C ${quote(src)} .`)} | ${ssh(b.address, `tar xf - -C ${quote(dst)}`)}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `set -e; ${line}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`ssh | ssh exited ${code}`))));
  });
}

async function connect(lab: Lab, i: number): Promise<SshTransport> {
  const h = lab.hosts[i]!;
  return SshTransport.connect({ host: h.name, address: h.address, port: lab.port, user: 'root', keyFile: lab.clientKeyFile, agent: '', knownHostsFile: lab.knownHostsFile, hostKeyChecking: 'strict' });
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { mib: { type: 'string', default: '1024' }, runs: { type: 'string', default: '3' } } });
  const mib = Number(values.mib);
  const runs = Number(values.runs);
  if (process.getuid?.() !== 0) {
    log('bench:relay needs root (the lab runs sshd on 127.0.0.x and logs in as root)');
    return 2;
  }
  const lab = await startLab(2, log, { skipShellRc: true });
  const source = await connect(lab, 0);
  const destination = await connect(lab, 1);
  try {
    const src = join(lab.dir, 'tree');
    log(`bench:relay: writing ${mib} MiB of random bytes to ${src}`);
    const made = await source.exec(`mkdir -p ${quote(src)} && head -c ${mib * 1024 * 1024} /dev/urandom > ${quote(`${src}/data.bin`)}`, { timeoutMs: 600_000 });
    if (made.code !== 0) throw new Error(`cannot write the tree: ${made.stderr}`);
    const bytes = mib * 1024 * 1024;
    const trials: Trial[] = [];
    for (let r = 0; r < runs; r++) {
      const order = r % 2 === 0 ? (['relay', 'ssh'] as const) : (['ssh', 'relay'] as const);
      for (const which of order) {
        const dst = join(lab.dir, `out-${which}-${r}`);
        await destination.exec(`rm -rf ${quote(dst)} && mkdir -p ${quote(dst)}`);
        if (which === 'ssh') {
          const wallMs = await openSshPipeline(lab, src, dst);
          trials.push({ tool: 'ssh | ssh', wallMs, mibPerS: mib / (wallMs / 1000) });
        } else {
          collectGarbage();
          const before = process.memoryUsage.rss();
          const sampler = sampleRss();
          const result = await relay({ transport: source, command: `tar cf - -C ${quote(src)} .` }, { transport: destination, command: `tar xf - -C ${quote(dst)}` });
          const peakKb = sampler.stop();
          if (result.source.code !== 0 || result.destination.code !== 0) throw new Error(`relay failed: ${result.source.stderr}${result.destination.stderr}`);
          trials.push({ tool: 'jailfleet relay', wallMs: result.elapsedMs, mibPerS: mib / (result.elapsedMs / 1000), rssGrowthMb: (peakKb * 1024 - before) / 2 ** 20 });
        }
        const size = await destination.exec(`wc -c < ${quote(`${dst}/data.bin`)}`);
        if (Number(size.stdout.trim()) !== bytes) throw new Error(`${which}: ${dst}/data.bin has ${size.stdout.trim()} bytes, not ${bytes}`);
        await destination.exec(`rm -rf ${quote(dst)}`);
        log(`run ${r + 1}/${runs} ${which}: ${fmt(trials.at(-1)!.mibPerS, 0)} MiB/s`);
      }
    }
    const of = (tool: Trial['tool']) => trials.filter((t) => t.tool === tool);
    const relayRate = median(of('jailfleet relay').map((t) => t.mibPerS));
    const sshRate = median(of('ssh | ssh').map((t) => t.mibPerS));
    const growth = Math.max(...of('jailfleet relay').map((t) => t.rssGrowthMb ?? 0));
    const ratio = relayRate / sshRate;
    const table = [
      `${mib} MiB (one file of random bytes, tar) from ${lab.hosts[0]!.address} to ${lab.hosts[1]!.address}, ${runs} run(s) each, alternating`,
      `jailfleet relay  median ${fmt(relayRate, 0)} MiB/s  (runs: ${of('jailfleet relay').map((t) => fmt(t.mibPerS, 0)).join(', ')})  controller RSS growth max ${fmt(growth, 1)} MB`,
      `ssh | ssh        median ${fmt(sshRate, 0)} MiB/s  (runs: ${of('ssh | ssh').map((t) => fmt(t.mibPerS, 0)).join(', ')})`,
    ].join('\n');
    const targets: Target[] = [
      { name: 'relay throughput vs ssh | ssh', want: '>= 80 %', measured: `${fmt(ratio * 100, 0)} %`, met: ratio >= 0.8 },
      { name: 'controller RSS growth during a relay', want: '<= 64 MB (flat)', measured: `${fmt(growth, 1)} MB`, met: growth <= 64 },
    ];
    process.stdout.write(`${table}\n\ntargets:\n${formatTargets(targets)}\n`);
    const file = join(BENCH_DIR, 'results', `relay-${timestamp()}.json`);
    await mkdir(join(BENCH_DIR, 'results'), { recursive: true });
    const machine = { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavgAtEnd: loadavg() };
    await writeFile(file, JSON.stringify({ kind: 'relay', machine, mib, runs, trials, targets, table }, null, 2));
    process.stdout.write(`\nwritten ${file}\n`);
    return 0;
  } finally {
    await source.close();
    await destination.close();
    await lab.stop();
    await runCleanups();
  }
}

process.exitCode = await main();
