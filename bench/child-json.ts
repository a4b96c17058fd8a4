/**
 * Run a benchmark worker (node script) to completion and read the JSON line
 * it prints last. The child is killed on Ctrl-C and after a time limit.
 */
import { spawn } from 'node:child_process';
import { onCleanup } from './cleanup.js';

export async function runJsonChild<T>(nodeArgs: string[], timeoutMs: number): Promise<T> {
  const child = spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const unregister = onCleanup(kill);
  const timer = setTimeout(kill, timeoutMs);
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    const line = stdout.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`${nodeArgs.join(' ')}: exit ${code ?? 'killed (time limit?)'}`);
    return JSON.parse(line) as T;
  } finally {
    clearTimeout(timer);
    unregister();
  }
}
