/**
 * File descriptors of the simulated shell. Commands run one after another,
 * so a pipe is a buffer and a file descriptor is a reader or a sink.
 */
import type { SimFs } from '../fs.js';
import type { SimResult } from '../types.js';
import { StdinPending } from './errors.js';

/** Input: commands take what they read; `read` takes one line at a time. */
export class Reader {
  pos = 0;
  constructor(readonly data: string) {}

  /** Everything not read yet (a command that reads its stdin reads all of it). */
  takeAll(): string {
    const rest = this.pos === 0 ? this.data : this.data.slice(this.pos);
    this.pos = this.data.length;
    return rest;
  }

  /** One line without its newline; undefined at end of input. */
  takeLine(): { line: string; complete: boolean } | undefined {
    if (this.pos >= this.data.length) return undefined;
    const nl = this.data.indexOf('\n', this.pos);
    if (nl < 0) {
      const line = this.data.slice(this.pos);
      this.pos = this.data.length;
      return { line, complete: false };
    }
    const line = this.data.slice(this.pos, nl);
    this.pos = nl + 1;
    return { line, complete: true };
  }
}

/**
 * A stdin whose writer has not closed it yet (a session's phase 1): what is
 * there can be read, but reaching its end blocks, which the synchronous
 * interpreter models by throwing StdinPending. takeAll always needs the end.
 */
export class OpenReader extends Reader {
  override takeAll(): string {
    throw new StdinPending();
  }

  override takeLine(): { line: string; complete: boolean } | undefined {
    // Only a complete line can be returned without waiting for more input.
    if (this.data.indexOf('\n', this.pos) < 0) throw new StdinPending();
    return super.takeLine();
  }
}

export interface Sink {
  write(text: string): void;
}

export class BufferSink implements Sink {
  private chunks: string[] = [];
  write(text: string): void {
    if (text) this.chunks.push(text);
  }
  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }
}

/**
 * Run a child process whose stdout and stderr are buffered and returned. When
 * the child blocks on an open stdin, what it printed before travels on with
 * the StdinPending: its buffered text, then what the blocked command within
 * it had printed (which the StdinPending already carries).
 */
export function runBuffered(run: (out: BufferSink, err: BufferSink) => number): SimResult {
  const out = new BufferSink();
  const err = new BufferSink();
  try {
    const code = run(out, err);
    return { stdout: out.text(), stderr: err.text(), code };
  } catch (e) {
    if (e instanceof StdinPending) {
      e.stdout = out.text() + e.stdout;
      e.stderr = err.text() + e.stderr;
    }
    throw e;
  }
}

export const nullSink: Sink = { write: () => undefined };

/** Writes go straight to the file, so later commands in the same group see them. */
export class FileSink implements Sink {
  constructor(
    private readonly fs: SimFs,
    private readonly path: string,
  ) {}
  write(text: string): void {
    if (text) this.fs.appendFile(this.path, text);
  }
}

export type Fd = Reader | Sink;

/** fds[0..2] are stdin, stdout, stderr; higher numbers come from `N>file`. */
export interface Io {
  fds: Array<Fd | undefined>;
}

export const emptyReader = (): Reader => new Reader('');

export function inputOf(io: Io): Reader | undefined {
  const fd = io.fds[0];
  return fd instanceof Reader ? fd : undefined;
}

export function sinkOf(io: Io, n: 1 | 2): Sink {
  const fd = io.fds[n];
  return fd && !(fd instanceof Reader) ? fd : nullSink;
}
