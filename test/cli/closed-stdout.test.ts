/**
 * `jailfleet apply … | head -1`: the reader of stdout goes away while the
 * run goes on. Node ignores SIGPIPE, so each later write fails with EPIPE;
 * that used to be an unhandled 'error' event (a stack trace on stderr, the
 * run stopped between hosts). Now the output goes nowhere and the run ends
 * as it would have, with its own exit code (src/cli/io.ts survivePipeClose).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { slowProjectWithCli } from '../reconcile/slow-project.js';
import { events } from '../helpers/cli.js';
import { runProcess } from '../helpers/cli-process.js';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  firstLine: string;
  stderr: string;
}

/** The CLI with stdout read up to its first line, then closed (as `| head -1` does). */
function applyReadingOneLine(main: string, cwd: string, args: string[]): Promise<Ended> {
  const child = spawn(process.execPath, [main, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let firstLine = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    if (firstLine.endsWith('\n')) return;
    firstLine += d.toString();
    if (!firstLine.includes('\n')) return;
    firstLine = `${firstLine.slice(0, firstLine.indexOf('\n'))}\n`;
    child.stdout.destroy();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, firstLine, stderr })));
}

describe('stdout closed by its reader', () => {
  // The shipped project and the CLI built for this file (inventory/slow.yml is not used here).
  const { project, main: builtMain } = slowProjectWithCli(0);

  it('the apply goes on to its end: exit 0, no stack trace, and every host converged', async () => {
    const main = builtMain();
    const ended = await applyReadingOneLine(main, project.dir, ['apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--json', '--forks', '1']);
    expect(ended.firstLine).toMatch(/^\{"type":"run_start",/);
    expect(ended.signal).toBeNull();
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
    // The run did not stop when its reader left: the next one finds nothing to change on any host.
    const again = await runProcess(main, project.dir, ['apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--json']);
    expect(again.code).toBe(0);
    const recap = events(again.stdout).find((e) => e.type === 'recap') as { hosts: Record<string, { changed: number; failed: number }> };
    expect(Object.keys(recap.hosts).length).toBeGreaterThan(1);
    for (const stats of Object.values(recap.hosts)) expect(stats).toMatchObject({ changed: 0, failed: 0 });
  }, 60_000);
});
