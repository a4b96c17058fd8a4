/**
 * File descriptors of the simulated shell. Commands run one after another,
 * so a pipe is a buffer and a file descriptor is a reader or a sink.
 */
import type { SimFs } from '../fs.js';

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
