/**
 * An engine event sink that gathers each host's events and hands the host
 * over as soon as it is done with the whole playbook — after its last play,
 * or at once when it failed or was lost (later plays skip it) — so the pass
 * can commit that host before the others finish.
 */
import { selectHosts } from '../engine/run.js';
import type { Inventory } from '../inventory/types.js';
import type { Playbook } from '../playbook/types.js';
import { failedHard, type EventSink, type RunEvent } from '../report/events.js';
import type { HostSeen } from './host-seen.js';

export interface PassCollector {
  sink: EventSink;
  /** Hand over every host not handed over yet (run over, or ended early). */
  flush(): void;
}

export function passCollector(playbook: Playbook, inventory: Inventory, limit: string | undefined, onHostDone: (seen: HostSeen) => void): PassCollector {
  // The plays each host is in, in order: a host is done at the end of its last one.
  const playsLeft = new Map<string, string[]>();
  for (const play of playbook.plays) for (const h of selectHosts(inventory, play.hosts, limit)) (playsLeft.get(h) ?? playsLeft.set(h, []).get(h)!).push(play.name);
  const seen = new Map<string, HostSeen>();
  const down = new Set<string>();
  const done = new Set<string>();
  const of = (host: string): HostSeen => seen.get(host) ?? seen.set(host, { host, tasks: [] }).get(host)!;

  const handOver = (host: string): void => {
    if (done.has(host) || !seen.has(host)) return;
    done.add(host);
    onHostDone(seen.get(host)!);
  };
  const playEnded = (play: string, host: string): void => {
    const left = playsLeft.get(host);
    if (left?.[0] === play) left.shift();
    if (down.has(host) || !left || left.length === 0) handOver(host);
  };

  const emit = (e: RunEvent): void => {
    switch (e.type) {
      case 'task': {
        const s = of(e.host);
        s.tasks.push({
          task: e.task,
          module: e.module,
          status: e.status,
          message: e.message,
          ...(e.diffs ? { diffs: e.diffs } : {}),
          ...(e.exitCode !== undefined ? { exitCode: e.exitCode } : {}),
          // A rescued failure is as good as an ignored one: the host went on.
          ...(e.ignored || e.rescued ? { ignored: true } : {}),
          ...(e.predicted === false ? { predicted: false } : {}),
        });
        if (failedHard(e)) down.add(e.host);
        return;
      }
      case 'host_unreachable':
        of(e.host).unreachable = e.message;
        down.add(e.host);
        return;
      case 'host_not_run': {
        const s = of(e.host);
        // Only a host that did nothing at all counts as not run.
        if (s.tasks.length === 0 && !s.unreachable) s.notRun = e.reason;
        playEnded(e.play, e.host);
        return;
      }
      case 'host_end':
        of(e.host);
        playEnded(e.play, e.host);
        return;
      default:
        return;
    }
  };
  return {
    sink: { emit },
    flush: () => {
      for (const host of seen.keys()) handOver(host);
    },
  };
}
