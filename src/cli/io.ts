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

export function processIo(signal?: AbortSignal): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
    signal,
    outBytes: (b) => process.stdout.write(b),
    // Lazy: only `sim exec` reads stdin, and touching process.stdin sets it up.
    readStdin: () => (process.stdin.isTTY ? Promise.resolve(undefined) : readAll(process.stdin)),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
