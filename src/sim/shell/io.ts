/**
 * File descriptors of the simulated shell. Commands run one after another,
 * so a pipe is a buffer and a file descriptor is a reader or a sink.
 */
import type { SimFs } from '../fs.js';
import type { SimResult } from '../types.js';
import { BrokenPipe, StdinBlocked } from './errors.js';

/** Input: commands take what they read; `read` takes one line at a time. */
export class Reader {
  pos = 0;
  constructor(protected text: string) {}

  get data(): string {
    return this.text;
  }

  /** Everything not read yet (a command that reads its stdin reads all of it). */
  takeAll(): string {
    const rest = this.pos === 0 ? this.text : this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }

  /** One line without its newline; undefined at end of input. */
  takeLine(): { line: string; complete: boolean } | undefined {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf('\n', this.pos);
    if (nl < 0) {
      const line = this.text.slice(this.pos);
      this.pos = this.text.length;
      return { line, complete: false };
    }
    const line = this.text.slice(this.pos, nl);
    this.pos = nl + 1;
    return { line, complete: true };
  }

  /**
   * Up to `n` bytes of the UTF-8 encoding (read(2) with a count, as `head -c`
   * does): the text is JavaScript characters, the controller counts bytes.
   * A character that would not fit whole stays unread.
   */
  takeBytes(n: number): string {
    return this.takeTo(utf8Offset(this.text, this.pos, n).at);
  }

  /** The unread text up to `at`, consumed. */
  protected takeTo(at: number): string {
    const taken = this.text.slice(this.pos, at);
    this.pos = at;
    return taken;
  }
}

/** A character that is not one UTF-8 byte (global, for lastIndex). */
const NON_ASCII = /[\u0080-\uffff]/g;

/** Where `bytes` UTF-8 bytes from `from` end in `text`, and whether the text had that many. */
export function utf8Offset(text: string, from: number, bytes: number): { at: number; whole: boolean } {
  // ASCII (every script and marker the controller sends): one byte a character, found by one native scan.
  const end = Math.min(text.length, from + bytes);
  NON_ASCII.lastIndex = from;
  const wide = NON_ASCII.exec(text);
  if (wide === null || wide.index >= end) return { at: end, whole: end - from === bytes };
  let left = bytes;
  let i = from;
  while (i < text.length && left > 0) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (size > left) return { at: i, whole: false };
    left -= size;
    i += pair ? 2 : 1;
  }
  return { at: i, whole: left === 0 };
}

/**
 * A session's stdin: the writer appends to it round by round and closes it
 * at the end. Reading past what arrived while it is still open would block a
 * real process: StdinBlocked (the simple command waits and is run again once
 * there is more, see unit.ts). Once closed it is an ordinary Reader.
 */
export class OpenReader extends Reader {
  closed = false;

  constructor() {
    super('');
  }

  append(text: string): void {
    if (this.closed) throw new Error('simulator: input after end of input');
    // Drop what was read: a long session must not keep every round's input.
    if (this.pos > 0 && this.pos === this.text.length) {
      this.text = text;
      this.pos = 0;
      return;
    }
    this.text += text;
  }

  close(): void {
    this.closed = true;
  }

  override takeAll(): string {
    if (!this.closed) throw new StdinBlocked();
    return super.takeAll();
  }

  override takeLine(): { line: string; complete: boolean } | undefined {
    // Only a complete line can be returned without waiting for more input.
    if (!this.closed && this.text.indexOf('\n', this.pos) < 0) throw new StdinBlocked();
    return super.takeLine();
  }

  override takeBytes(n: number): string {
    // One walk over the text for both the check and the read (a round's chunk is the whole script).
    const end = utf8Offset(this.text, this.pos, n);
    if (!this.closed && !end.whole) throw new StdinBlocked();
    return this.takeTo(end.at);
  }
}

export interface Sink {
  write(text: string): void;
}

export class BufferSink implements Sink {
  private chunks: string[] = [];
  /** Characters written so far (truncate() and since() take positions in it). */
  length = 0;
  /** The reader went away (the connection dropped): every write fails (BrokenPipe). */
  broken = false;

  write(text: string): void {
    if (!text) return;
    if (this.broken) throw new BrokenPipe();
    this.chunks.push(text);
    this.length += text.length;
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  /**
   * What was written from position `from` on. Only the chunks from there are
   * joined: a session's output is handed on round by round, and joining all
   * of it each time would copy the earlier rounds again and again.
   */
  since(from: number): string {
    if (from === 0) return this.text();
    const chunks = this.chunks;
    let i = chunks.length;
    let start = this.length;
    while (i > 0 && start > from) start -= chunks[--i]!.length;
    if (start > from) return this.text().slice(from);
    const head = chunks[i]?.slice(from - start) ?? '';
    return i + 1 >= chunks.length ? head : head + chunks.slice(i + 1).join('');
  }

  /** Forget what was written after position `length` (a command that blocked is run again, unit.ts). */
  truncate(length: number): void {
    if (length >= this.length) return;
    this.chunks = [this.text().slice(0, length)];
    this.length = length;
  }
}

/** Run a child process whose stdout and stderr are buffered and returned. */
export function runBuffered(run: (out: BufferSink, err: BufferSink) => number): SimResult {
  const out = new BufferSink();
  const err = new BufferSink();
  const code = run(out, err);
  return { stdout: out.text(), stderr: err.text(), code };
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
