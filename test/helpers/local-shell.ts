/**
 * A streaming handler for the ssh2 test server that runs the command with
 * the local /bin/sh, as sshd would: the command starts at once, the
 * client's stdin reaches it as it arrives, and its output goes back as it
 * comes (a session reads output before it writes stdin). Enough to test a
 * transport, which only moves bytes and exit codes.
 */
import { spawn } from 'node:child_process';
import type { ExecIo, StreamingExecHandler } from './ssh2-server.js';

export const runLocalShell: StreamingExecHandler = {
  stream(command: string, io: ExecIo): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
      const onAbort = (): void => {
        io.stdin.unpipe(child.stdin);
        child.kill('SIGKILL');
      };
      io.signal.addEventListener('abort', onAbort, { once: true });
      // The channel stays open for the exit status: the server ends it.
      child.stdout.pipe(io.stdout, { end: false });
      child.stderr.pipe(io.stderr, { end: false });
      // A command that exits without reading all of stdin: EPIPE is no failure.
      child.stdin.on('error', () => undefined);
      io.stdin.pipe(child.stdin);
      child.on('error', reject);
      // 'close': the process exited and its stdout and stderr are drained.
      child.on('close', (code, sig) => {
        io.signal.removeEventListener('abort', onAbort);
        io.stdin.unpipe(child.stdin);
        resolve(code ?? 128 + (sig === 'SIGKILL' ? 9 : 15));
      });
    });
  },
};
