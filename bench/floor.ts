/**
 * The floor (child process of the lab): what any SSH orchestrator must pay —
 * one ssh2 connection per host plus one trivial exec (`true`), with the same
 * forks and host key policy as the jailfleet run. Prints one JSON line.
 *
 *   node dist-bench/bench/floor.js LAB.json FORKS
 */
import { readFileSync } from 'node:fs';
import PQueue from 'p-queue';
import { SshTransport } from '../src/transport/ssh.js';

export interface FloorInput {
  port: number;
  clientKeyFile: string;
  knownHostsFile: string;
  hosts: Array<{ name: string; address: string }>;
}

export interface FloorOutput {
  hosts: number;
  ok: number;
  channels: number;
  innerMs: number;
  errors: string[];
}

async function main(): Promise<number> {
  const [file, forksText] = process.argv.slice(2);
  if (!file || !forksText) {
    process.stderr.write('usage: floor.js LAB.json FORKS\n');
    return 2;
  }
  const input = JSON.parse(readFileSync(file, 'utf8')) as FloorInput;
  const started = performance.now();
  const queue = new PQueue({ concurrency: Math.max(1, Number(forksText)) });
  const out: FloorOutput = { hosts: input.hosts.length, ok: 0, channels: 0, innerMs: 0, errors: [] };
  for (const host of input.hosts) {
    void queue.add(async () => {
      try {
        const t = await SshTransport.connect({
          host: host.name,
          address: host.address,
          port: input.port,
          user: 'root',
          keyFile: input.clientKeyFile,
          knownHostsFile: input.knownHostsFile,
          hostKeyChecking: 'strict',
        });
        try {
          const r = await t.exec('true');
          if (r.code === 0) out.ok += 1;
          else out.errors.push(`${host.name}: true exited ${r.code}`);
          out.channels += t.channels();
        } finally {
          await t.close();
        }
      } catch (err) {
        out.errors.push(`${host.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
  await queue.onIdle();
  out.innerMs = performance.now() - started;
  out.errors = out.errors.slice(0, 5);
  process.stdout.write(JSON.stringify(out) + '\n');
  return out.ok === out.hosts ? 0 : 1;
}

process.exitCode = await main();
