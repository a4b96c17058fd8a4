/** The process seams a command uses, so tests can run the CLI in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /** Write bytes to stdout unchanged (`sim exec`); absent: out() with the text. */
  outBytes?(bytes: Uint8Array): void;
  /** All of stdin, as ssh passes it on (`sim exec`); undefined when stdin is a terminal. Absent: no stdin. */
  readStdin?(): Promise<Buffer | undefined>;
}

/**
 * The reader of stdout or stderr went away (`jailfleet apply … | head`):
 * what is written after that goes nowhere, and the command goes on to its
 * end with its own exit code. Node ignores SIGPIPE, so without this the
 * write's EPIPE was an unhandled 'error' event: a stack trace, and an apply
 * stopped between hosts because nobody read its output. Any other write
 * error is still thrown.
 */
export function survivePipeClose(stream: NodeJS.WriteStream): { gone(): boolean } {
  let gone = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && !(gone && e.code === 'ERR_STREAM_DESTROYED')) throw e;
    gone = true;
  });
  return { gone: () => gone };
}

let pipes: { stdout: { gone(): boolean }; stderr: { gone(): boolean } } | undefined;

/** survivePipeClose on the process's stdout and stderr, once: the first thing the CLI does. */
export function guardOutputStreams(): NonNullable<typeof pipes> {
  pipes ??= { stdout: survivePipeClose(process.stdout), stderr: survivePipeClose(process.stderr) };
  return pipes;
}

export function processIo(signal?: AbortSignal): CliIo {
  const { stdout: stdoutPipe, stderr: stderrPipe } = guardOutputStreams();
  return {
    out: (t) => void (stdoutPipe.gone() || process.stdout.write(t)),
    err: (t) => void (stderrPipe.gone() || process.stderr.write(t)),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
    signal,
    outBytes: (b) => void (stdoutPipe.gone() || process.stdout.write(b)),
    // Lazy: only `sim exec` reads stdin, and touching process.stdin sets it up.
    readStdin: () => (process.stdin.isTTY ? Promise.resolve(undefined) : readAll(process.stdin)),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
