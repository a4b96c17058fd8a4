/**
 * free (the default): each host of the batch goes through the whole play at
 * its own pace, up to --forks at a time: one gather exec and one apply exec
 * per host. With any_errors_fatal, a failure stops hosts not started yet.
 */
import PQueue from 'p-queue';
import type { Transport } from '../transport/transport.js';
import { INTERRUPTED, reportHostError, type BatchContext } from './batch-context.js';
import { runHostPlay } from './host-play.js';
import { isMovePlay, runMovePlay } from './move/move-play.js';

export async function runFreeBatch(b: BatchContext): Promise<void> {
  const queue = new PQueue({ concurrency: Math.max(1, b.forks) });
  let fatal = false;
  for (const name of b.hosts) {
    void queue.add(async () => {
      if (b.signal?.aborted) return b.notRun(name, INTERRUPTED);
      if (fatal) return b.notRun(name, 'any_errors_fatal: another host of the batch failed');
      const host = b.host(name);
      b.sink.emit({ type: 'host_start', play: b.play.name, host: name });
      let transport: Transport | undefined;
      try {
        transport = await b.connect(host);
        const ctx = b.hostContext(host, transport);
        const outcome = isMovePlay(b.play) ? await runMovePlay(ctx, { host: (n) => b.lookup(n), connect: (h) => b.connect(h) }) : await runHostPlay(ctx);
        if (outcome.notRun) b.notRun(name, INTERRUPTED);
        if (outcome.failed) {
          b.markDown(name);
          if (b.play.anyErrorsFatal) fatal = true;
        }
      } catch (err) {
        reportHostError(b, name, err, transport !== undefined);
        if (b.play.anyErrorsFatal) fatal = true;
      } finally {
        b.endHost(name, transport);
      }
    });
  }
  await queue.onIdle();
}
