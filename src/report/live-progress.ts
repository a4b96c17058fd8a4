/**
 * The live display on a TTY (log-update, on stderr): play, batch, hosts
 * done/total, changed, failed, and the slowest running host with what it is
 * doing. Normal output goes through `around()`, which clears the display,
 * writes, and redraws, so the two never garble each other.
 */
import { Writable } from 'node:stream';
import { createLogUpdate } from 'log-update';
import type { EventSink } from './events.js';
import { ProgressState, slowestLine, summaryLine } from './progress.js';

export interface LiveProgress {
  sink: EventSink;
  /** Wrap a writer of normal output so it does not collide with the display. */
  around(write: (text: string) => void): (text: string) => void;
}

export function liveProgress(writeErr: (text: string) => void, columns?: number): LiveProgress {
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        writeErr(chunk.toString());
        done();
      },
    }),
    // A pty with no size says 0 columns: wrapping at 0 would put each character on a line of its own.
    { isTTY: true, columns: columns || 80 },
  );
  const log = createLogUpdate(stream as unknown as NodeJS.WriteStream, { showCursor: true });
  const state = new ProgressState();
  let active = true;
  const draw = (): void => {
    if (!active) return;
    const v = state.view();
    log([summaryLine(v), slowestLine(v)].filter(Boolean).join('\n'));
  };
  // Elapsed seconds move even when no event arrives.
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    sink: {
      emit(event) {
        if (event.type === 'recap') {
          active = false;
          clearInterval(timer);
          log.clear();
          return;
        }
        state.update(event);
        draw();
      },
    },
    around(write) {
      return (text) => {
        if (active) log.clear();
        write(text);
        draw();
      };
    },
  };
}
