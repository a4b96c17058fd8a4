/**
 * Progress as plain timestamped lines (stderr), when stdout is not a TTY or
 * with --no-progress: batch starts, each host done with the running totals,
 * a stopped rollout, an interrupt. Grep-able in CI logs.
 */
import type { EventSink } from './events.js';
import { ProgressState, summaryLine } from './progress.js';

export function plainProgress(write: (text: string) => void, now: () => Date = () => new Date()): EventSink {
  const state = new ProgressState(() => now().getTime());
  const line = (text: string): void => write(`${now().toISOString()} ${text}\n`);
  return {
    emit(event) {
      state.update(event);
      switch (event.type) {
        case 'batch_start':
          if (event.batches > 1) line(`batch ${event.batch}/${event.batches} of "${event.play}": ${event.hosts.length} host(s)`);
          return;
        case 'host_end':
          line(`${event.host} done; ${summaryLine(state.view())}`);
          return;
        case 'rollout_stopped':
          line(`rollout stopped: ${event.reason}; ${event.notRun.length} host(s) not run`);
          return;
        case 'recap':
          if (event.interrupted) line('interrupted: no new host, batch or step was started');
          return;
        default:
          return;
      }
    },
  };
}
