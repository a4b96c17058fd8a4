/**
 * jailfleet on the lab: the CLI as a child process (`apply --json`) under
 * time -v, so its peak RSS is a separate process's, as Ansible's is. Exec
 * channels come from the host_end events.
 */
import { join } from 'node:path';
import { runTimed } from './timed-child.js';
import { problemText, type ToolRun } from './tool-run.js';

export interface JailfleetRunInput {
  repo: string;
  playbook: string;
  inventory: string;
  forks: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

interface Recap {
  hosts: Record<string, { changed: number; failed: number; unreachable: number }>;
}

export async function runJailfleet(input: JailfleetRunInput): Promise<ToolRun> {
  const main = join(input.repo, 'dist', 'cli', 'main.js');
  const args = [...(input.nodeArgs ?? []), main, 'apply', input.playbook, '-i', input.inventory, '--forks', String(input.forks), '--json'];
  let startupMs: number | undefined;
  const r = await runTimed(process.execPath, args, {
    cwd: input.repo,
    onStdout: (chunk, atMs) => {
      if (startupMs === undefined && chunk.includes('"run_start"')) startupMs = atMs;
    },
  });
  const channels = new Map<string, number>();
  let recap: Recap | undefined;
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as { type: string; host?: string; channels?: number } & Partial<Recap>;
    if (event.type === 'host_end' && event.host) channels.set(event.host, (channels.get(event.host) ?? 0) + (event.channels ?? 0));
    if (event.type === 'recap') recap = event as Recap;
  }
  const stats = Object.values(recap?.hosts ?? {});
  const failed = stats.filter((s) => s.failed > 0 || s.unreachable > 0).length;
  const counts = [...channels.values()];
  return {
    wallMs: r.wallMs,
    maxRssKb: r.maxRssKb,
    cpuS: r.userS + r.sysS,
    exitCode: r.code,
    hosts: stats.length,
    changedHosts: stats.filter((s) => s.changed > 0).length,
    failedHosts: recap ? failed : Number.NaN,
    startupMs,
    channelsPerHost: counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : undefined,
    problem: problemText(r.code, failed, r.stdout, r.stderr),
  };
}
