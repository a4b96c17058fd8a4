/**
 * Run a command under GNU time (`/usr/bin/time -v`) for its peak RSS and CPU
 * time. time reports the largest maximum RSS of the command and each child it
 * waited for (not their sum): for Ansible that is the controller or its
 * biggest fork.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';

export const TIME_PATH = '/usr/bin/time';

export interface TimedResult {
  code: number;
  wallMs: number;
  maxRssKb: number;
  userS: number;
  sysS: number;
  stdout: string;
  stderr: string;
}

export interface TimedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Each stdout chunk with the ms since spawn it arrived at. */
  onStdout?: (chunk: string, atMs: number) => void;
}

export async function runTimed(command: string, args: string[], options: TimedOptions = {}): Promise<TimedResult> {
  const tmp = await mkdtemp('/tmp/jailfleet-bench-time-');
  const report = join(tmp, 'time.txt');
  try {
    const started = performance.now();
    // Own process group: Ctrl-C handling kills the whole group (time, tool, its forks).
    const child = spawn(TIME_PATH, ['-v', '-o', report, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const unregister = onCleanup(() => {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => {
      out.push(c);
      options.onStdout?.(c.toString('utf8'), performance.now() - started);
    });
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const code = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c ?? 128));
    });
    const wallMs = performance.now() - started;
    unregister();
    const text = await readFile(report, 'utf8').catch(() => '');
    return {
      code,
      wallMs,
      maxRssKb: field(text, /Maximum resident set size \(kbytes\): (\d+)/),
      userS: field(text, /User time \(seconds\): ([\d.]+)/),
      sysS: field(text, /System time \(seconds\): ([\d.]+)/),
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function field(text: string, re: RegExp): number {
  const m = re.exec(text);
  return m ? Number(m[1]) : Number.NaN;
}
