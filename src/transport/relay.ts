/**
 * A stream from a command on one host to a command on another, through the
 * controller (issue 13, consolidation): the two hosts never reach or trust
 * each other. Nothing is held here: stream.pipeline reads the source only
 * as fast as the destination takes it, and each SSH channel's window passes
 * that back to the remote command, so a slow destination slows the source
 * down instead of filling the controller's memory.
 */
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Transport } from './transport.js';

export interface RelayEnd {
  transport: Transport;
  /** The command line (as exec() takes it): the source writes the stream on stdout, the destination reads it on stdin. */
  command: string;
}

export interface RelayProgress {
  bytes: number;
  elapsedMs: number;
}

export interface RelayOptions {
  /** Called as data passes, at most every `progressEveryMs` (default 500), and once at the end. */
  onProgress?: (p: RelayProgress) => void;
  progressEveryMs?: number;
  /** Each end's channel gives up after this long (default: none; a large tree takes as long as it takes). */
  timeoutMs?: number;
}

export interface RelayResult {
  bytes: number;
  elapsedMs: number;
  source: { code: number; stderr: string };
  destination: { code: number; stderr: string };
}

/**
 * Run `source` and `destination` with the source's stdout piped into the
 * destination's stdin, and wait for both to end. Resolves with both exit
 * statuses (a failed command is the caller's to judge); rejects with the
 * UnreachableError of a connection that failed (the source's first). When
 * either side stops early the other is cut off too: the destination sees
 * its input end, the source a closed pipe.
 */
export async function relay(source: RelayEnd, destination: RelayEnd, options: RelayOptions = {}): Promise<RelayResult> {
  const started = performance.now();
  const timing = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const src = await source.transport.openStreams(source.command, timing);
  src.stdin.end();
  let dst;
  try {
    dst = await destination.transport.openStreams(destination.command, timing);
  } catch (err) {
    src.stdout.destroy();
    await src.done.catch(() => undefined);
    throw err;
  }
  let bytes = 0;
  let reported = started;
  const every = options.progressEveryMs ?? 500;
  const report = (): void => options.onProgress?.({ bytes, elapsedMs: performance.now() - started });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      const now = performance.now();
      if (now - reported >= every) {
        reported = now;
        report();
      }
      callback(null, chunk);
    },
  });
  // The destination's own output is not wanted, but must be read: an SSH channel is one duplex stream,
  // and it is not over until both of its sides are.
  dst.stdout.resume();
  // What goes wrong with an end is what its `done` says; a stream error must not go unhandled.
  dst.stdout.on('error', () => undefined);
  // A broken pipe is seen through the ends' outcomes below: a lost connection, or a command's exit status.
  await pipeline(src.stdout, counter, dst.stdin).catch(() => undefined);
  const [from, to] = await Promise.allSettled([src.done, dst.done]);
  report();
  if (from.status === 'rejected') throw from.reason;
  if (to.status === 'rejected') throw to.reason;
  return { bytes, elapsedMs: performance.now() - started, source: from.value, destination: to.value };
}
