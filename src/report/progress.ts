/**
 * The live progress line on a TTY: hosts done/total, changed, failed. It is
 * written to stderr and erased before each normal line would interleave.
 */
import type { EventSink } from './events.js';

export function progressSink(write: (text: string) => void): EventSink {
  let total = 0;
  let done = 0;
  let changed = 0;
  let failed = 0;
  const draw = (): void => write(`\r\x1b[2K[jailfleet] hosts ${done}/${total}  changed ${changed}  failed ${failed}`);
  return {
    emit(event) {
      if (event.type === 'play_start') total = event.hosts.length;
      if (event.type === 'play_start') done = 0;
      if (event.type === 'host_end') done += 1;
      if (event.type === 'task' && event.status === 'changed') changed += 1;
      if ((event.type === 'task' && event.status === 'failed' && !event.ignored) || event.type === 'host_unreachable') failed += 1;
      if (event.type === 'recap') {
        write('\r\x1b[2K');
        return;
      }
      draw();
    },
  };
}
