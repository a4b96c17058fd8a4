/**
 * Signals to the real process (issue 19; README "Exit codes": 130). The
 * built CLI applies to two simulated hosts, one at a time, the first
 * answering every exec after 3 s. SIGTERM while the first is at work: no
 * new host starts, the recap is printed with `interrupted`, exit 130. Two
 * Ctrl-Cs: the second quits at once, before any recap.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { slowProjectWithCli } from '../reconcile/slow-project.js';
import { events } from '../helpers/cli.js';

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI applying playbooks/tiny.yml (old1 slow, then old2); `onEvent` sees each JSON line. */
function apply(main: string, cwd: string, onEvent: (line: string, child: ChildProcess) => void, onStderr: (text: string, child: ChildProcess) => void = () => undefined): Promise<Ended> {
  const child = spawn(process.execPath, [main, 'apply', 'playbooks/tiny.yml', '-i', 'inventory/slow.yml', '--json', '--forks', '1'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) onEvent(l, child);
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr(stderr, child);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const gathering = (line: string): boolean => line.includes('"type":"host_phase"') && line.includes('"phase":"gather"');

describe('signals to the jailfleet process', () => {
  const { project, main } = slowProjectWithCli(3000);

  it('SIGTERM: no new host starts, the recap says interrupted, exit 130', async () => {
    let sent = false;
    const ended = await apply(main(), project.dir, (line, child) => {
      if (sent || !gathering(line)) return;
      sent = true;
      child.kill('SIGTERM');
    });
    expect(ended.code).toBe(130);
    expect(ended.stderr).toContain('interrupt: finishing running steps (Ctrl-C again to quit now)\n');
    const recap = events(ended.stdout).find((e) => e.type === 'recap') as { interrupted?: boolean; hosts: Record<string, { notRun: number; changed: number; channels: number }> };
    expect(recap.interrupted).toBe(true);
    // old1 had gathered (its one exec) when the signal came: nothing more was sent to it, nothing changed.
    expect(recap.hosts.old1).toMatchObject({ changed: 0, notRun: 1, channels: 1 });
    // One host at a time: old2 was never connected to.
    expect(recap.hosts.old2).toMatchObject({ changed: 0, notRun: 1, channels: 0 });
  }, 30_000);

  it('a second Ctrl-C quits at once: exit 130, no recap', async () => {
    let sent = 0;
    const ended = await apply(
      main(),
      project.dir,
      (line, child) => {
        if (sent > 0 || !gathering(line)) return;
        sent = 1;
        child.kill('SIGINT');
      },
      // The second once the first was taken (two signals sent together may arrive as one).
      (stderr, child) => {
        if (sent !== 1 || !stderr.includes('interrupt: finishing running steps')) return;
        sent = 2;
        child.kill('SIGINT');
      },
    );
    expect(ended.code).toBe(130);
    expect(events(ended.stdout).some((e) => e.type === 'recap')).toBe(false);
  }, 30_000);
});
