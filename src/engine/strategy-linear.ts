/**
 * linear (Ansible's default): every host of the batch finishes a task before
 * any host starts the next. Facts are still gathered once per host (one exec
 * each, in parallel) and every task is planned up front; then each task's
 * steps are applied on all hosts that have some, in parallel, before the next
 * task. Cost: one gather exec plus one apply exec per task (and per handler)
 * that changes something on the host — more round trips than free, in
 * exchange for lockstep: with any_errors_fatal, no host starts a task after
 * one failed the previous one.
 */
import PQueue from 'p-queue';
import type { Transport } from '../transport/transport.js';
import { INTERRUPTED, reportHostError, type BatchContext } from './batch-context.js';
import { HostPlay } from './host-play.js';
import { itemLabel, playSequence } from './play-sequence.js';

interface Session {
  name: string;
  transport?: Transport;
  hp?: HostPlay;
  started: boolean;
  /** Out of the lockstep: unreachable or failed. */
  out: boolean;
}

async function eachLimited<T>(items: T[], forks: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = new PQueue({ concurrency: Math.max(1, forks) });
  for (const item of items) void queue.add(() => fn(item));
  await queue.onIdle();
}

export async function runLinearBatch(b: BatchContext, tags: Parameters<typeof playSequence>[1]): Promise<void> {
  const sessions: Session[] = b.hosts.map((name) => ({ name, out: false, started: false }));
  const fail = (s: Session, err: unknown): void => {
    s.out = true;
    reportHostError(b, s.name, err, s.transport !== undefined);
  };

  await eachLimited(sessions, b.forks, async (s) => {
    if (b.signal?.aborted) {
      s.out = true;
      return b.notRun(s.name, INTERRUPTED);
    }
    s.started = true;
    b.sink.emit({ type: 'host_start', play: b.play.name, host: s.name });
    try {
      const host = b.host(s.name);
      s.transport = await b.connect(host);
      s.hp = new HostPlay(b.hostContext(host, s.transport));
      await s.hp.prepare();
    } catch (err) {
      fail(s, err);
    }
  });

  const sequence = playSequence(b.play, tags);
  let fatal = false;
  for (let seq = 0; seq < sequence.length && !fatal && !b.signal?.aborted; seq++) {
    const live = sessions.filter((s) => !s.out && s.hp?.hasWorkThrough(seq));
    if (live.length === 0) continue;
    b.sink.emit({ type: 'task_start', play: b.play.name, task: itemLabel(b.play, sequence[seq]!), hosts: live.map((s) => s.name) });
    await eachLimited(live, b.forks, async (s) => {
      try {
        if ((await s.hp!.applyThrough(seq)) === 'failed') {
          s.out = true;
          b.markDown(s.name);
        }
      } catch (err) {
        fail(s, err);
      }
    });
    fatal = b.play.anyErrorsFatal && live.some((s) => s.out);
  }

  // force_handlers for failed hosts; Ctrl-C before a host's first result makes it "not run".
  await eachLimited(
    sessions.filter((s) => s.started),
    b.forks,
    async (s) => {
      try {
        if (s.hp && !s.out && b.signal?.aborted && !s.hp.appliedAny) b.notRun(s.name, INTERRUPTED);
        else if (s.hp?.failed) await s.hp.finish();
      } catch (err) {
        fail(s, err);
      } finally {
        b.endHost(s.name, s.transport);
      }
    },
  );
}
