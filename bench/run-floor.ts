/** The floor (floor.ts) as a timed child process, like the two tools. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FloorInput, FloorOutput } from './floor.js';
import type { Lab } from './lab-sshd.js';
import { runTimed } from './timed-child.js';
import type { ToolRun } from './tool-run.js';

export interface FloorRun extends ToolRun {
  /** Connect + exec time inside the process, without node's start-up. */
  innerMs: number;
}

export async function writeFloorInput(lab: Lab): Promise<string> {
  const file = join(lab.dir, 'floor.json');
  const input: FloorInput = {
    port: lab.port,
    clientKeyFile: lab.clientKeyFile,
    knownHostsFile: lab.knownHostsFile,
    hosts: lab.hosts.map((h) => ({ name: h.name, address: h.address })),
  };
  await writeFile(file, JSON.stringify(input));
  return file;
}

export async function runFloor(repo: string, inputFile: string, forks: number): Promise<FloorRun> {
  const script = join(repo, 'dist-bench', 'bench', 'floor.js');
  const r = await runTimed(process.execPath, [script, inputFile, String(forks)], { cwd: repo });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  const out = line.startsWith('{') ? (JSON.parse(line) as FloorOutput) : undefined;
  const failed = out ? out.hosts - out.ok : Number.NaN;
  return {
    wallMs: r.wallMs,
    maxRssKb: r.maxRssKb,
    cpuS: r.userS + r.sysS,
    exitCode: r.code,
    hosts: out?.hosts ?? 0,
    changedHosts: 0,
    failedHosts: failed,
    channelsPerHost: out && out.hosts ? out.channels / out.hosts : undefined,
    innerMs: out?.innerMs ?? Number.NaN,
    problem: r.code === 0 ? undefined : `exit ${r.code}: ${out?.errors.join('; ') ?? r.stderr.trim().slice(-2000)}`,
  };
}
