/**
 * An ExecHandler that runs the command with the local /bin/sh: enough to test
 * a transport, which only moves bytes and exit codes.
 */
import { spawn } from 'node:child_process';
import type { ExecReply } from './ssh2-server.js';

export function runLocalShell(command: string, stdin: Buffer, signal: AbortSignal): Promise<ExecReply> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      signal.removeEventListener('abort', onAbort);
      resolve({
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr),
        code: code ?? 128 + (sig === 'SIGKILL' ? 9 : 15),
      });
    });
    child.stdin.end(stdin);
  });
}
