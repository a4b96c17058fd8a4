/**
 * The fleet: every play's hosts in rolling batches (`serial`), each batch
 * through a strategy (free: hosts at their own pace; linear: task by task),
 * up to --forks hosts at once, one connection per host reused across plays,
 * a failed or unreachable host stopping only itself — unless the batch breaks
 * max_fail_percentage or any_errors_fatal, which stops the rollout before the
 * next batch. Ctrl-C (the signal) starts no new host, batch or apply exec.
 * Hosts never started are reported as not run, not as failed.
 */
import { randomBytes } from 'node:crypto';
import type { Inventory, InventoryHost } from '../inventory/types.js';
import type { Playbook } from '../playbook/types.js';
import type { EventSink, HostStats, RunEvent } from '../report/events.js';
import { emptyStats } from '../report/events.js';
import type { Transport } from '../transport/transport.js';
import { resolvePattern } from '../inventory/pattern.js';
import type { ModuleLookup } from './host-play.js';
import type { TagFilter } from './tags.js';
import type { LockSettings } from './host-lock.js';
import { INTERRUPTED, type BatchContext } from './batch-context.js';
import { splitBatches } from './batches.js';
import { stopReason } from './rollout-stop.js';
import { isMovePlay } from './move/move-play.js';
import { runFreeBatch } from './strategy-free.js';
import { runLinearBatch } from './strategy-linear.js';
import { foldLoopItems } from './host-report.js';
import { magicVars } from '../playbook/magic-vars.js';

export interface Connector {
  connect(host: InventoryHost): Promise<Transport>;
  /** Address the controller reaches the host on, for lock-out checks. */
  addressOf?(host: InventoryHost): string | undefined;
  /** Release what outlives single hosts (bastion connections). */
  close?(): Promise<void>;
}

export interface RunOptions {
  playbook: Playbook;
  inventory: Inventory;
  limit?: string;
  check: boolean;
  tags: TagFilter;
  forks: number;
  modules: ModuleLookup;
  connector: Connector;
  sink: EventSink;
  commandTimeoutMs?: number;
  extraVars?: Record<string, unknown>;
  signal?: AbortSignal;
  /** How long an apply waits for another run's lock on the host (default 60 s). */
  lock?: LockSettings;
  /** Overrides every play's `strategy` (default: the play's, else free). */
  strategy?: 'free' | 'linear';
  /** Check mode reads facts under the host lock too (reconcile): a host another run holds is reported busy, not read half-applied. */
  lockCheck?: boolean;
  /** -v count: tasks see it as Ansible's `ansible_verbosity` (debug's `verbosity`). */
  verbosity?: number;
}

export interface RunSummary {
  hosts: Record<string, HostStats>;
  interrupted: boolean;
  /** Why the rollout stopped before its end (max_fail_percentage, any_errors_fatal). */
  stopped?: string;
}

/** Count task events into the recap as Ansible does: ok includes changed. */
function tally(stats: Record<string, HostStats>, event: RunEvent): void {
  if (event.type === 'host_not_run') {
    (stats[event.host] ??= emptyStats()).notRun += 1;
    return;
  }
  if (event.type !== 'task' && event.type !== 'host_unreachable') return;
  const s = (stats[event.host] ??= emptyStats());
  if (event.type === 'host_unreachable') {
    s.unreachable += 1;
    return;
  }
  if (event.status === 'skipped') s.skipped += 1;
  else if (event.status === 'failed' && event.rescued) s.rescued = (s.rescued ?? 0) + 1;
  else if (event.status === 'failed' && !event.ignored) s.failed += 1;
  else if (event.status === 'failed') s.ok += 1;
  else {
    s.ok += 1;
    if (event.status === 'changed') s.changed += 1;
  }
}

export function selectHosts(inventory: Inventory, pattern: string, limit?: string): string[] {
  const hosts = resolvePattern(inventory, pattern);
  if (!limit) return hosts;
  const allowed = new Set(resolvePattern(inventory, limit));
  return hosts.filter((h) => allowed.has(h));
}

export async function runPlaybook(opts: RunOptions): Promise<RunSummary> {
  const stats: Record<string, HostStats> = {};
  // A looped task is one event (and one count) per host, its items inside (host-report.ts).
  const sink: EventSink = foldLoopItems({
    emit(event) {
      tally(stats, event);
      opts.sink.emit(event);
    },
  });
  const connections = new Map<string, Promise<Transport>>();
  const registered = new Map<string, Record<string, unknown>>();
  const down = new Set<string>(); // failed or unreachable: skipped by later plays
  const runId = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '') + '-' + randomBytes(2).toString('hex');
  // groups and hostvars: built once for the run, shared by every host (lazy, see playbook/magic-vars.ts).
  const magic = magicVars(opts.inventory);
  const allHosts = new Set<string>();
  for (const play of opts.playbook.plays) for (const h of selectHosts(opts.inventory, play.hosts, opts.limit)) allHosts.add(h);
  sink.emit({ type: 'run_start', playbook: opts.playbook.file, check: opts.check, hosts: allHosts.size, run_id: runId });

  const connect = (host: InventoryHost): Promise<Transport> => {
    let conn = connections.get(host.name);
    if (!conn) {
      conn = opts.connector.connect(host);
      connections.set(host.name, conn);
    }
    return conn;
  };

  let stopped: string | undefined;
  try {
    for (const play of opts.playbook.plays) {
      const names = selectHosts(opts.inventory, play.hosts, opts.limit).filter((h) => !down.has(h));
      for (const name of names) stats[name] ??= emptyStats();
      const skipReason = (): string | undefined => (opts.signal?.aborted ? INTERRUPTED : stopped ? `rollout stopped: ${stopped}` : undefined);
      const early = skipReason();
      if (early) {
        for (const name of names) sink.emit({ type: 'host_not_run', play: play.name, host: name, reason: early });
        continue;
      }
      sink.emit({ type: 'play_start', play: play.name, hosts: names });
      const batches = splitBatches(names, play.serial);
      for (const [i, hosts] of batches.entries()) {
        const skip = skipReason();
        if (skip) {
          for (const name of hosts) sink.emit({ type: 'host_not_run', play: play.name, host: name, reason: skip });
          continue;
        }
        sink.emit({ type: 'batch_start', play: play.name, batch: i + 1, batches: batches.length, hosts });
        const failed: string[] = [];
        /** Rounds each host of this play waited for (host_end). */
        const rounds = new Map<string, number>();
        const batch: BatchContext = {
          play,
          hosts,
          forks: opts.forks,
          sink,
          signal: opts.signal,
          host: (name) => opts.inventory.hosts.get(name)!,
          lookup: (name) => opts.inventory.hosts.get(name),
          connect,
          hostContext: (host, transport) => ({
            onRound: () => {
              rounds.set(host.name, (rounds.get(host.name) ?? 0) + 1);
            },
            play,
            host,
            transport,
            registered: registered.get(host.name) ?? registered.set(host.name, {}).get(host.name)!,
            check: opts.check,
            tags: opts.tags,
            modules: opts.modules,
            sink,
            // The run's own variables win over -e: they identify this run on the host.
            extraVars: { ...opts.extraVars, jailfleet_run_id: runId, jailfleet_check_mode: opts.check, ansible_verbosity: opts.verbosity ?? 0 },
            magic,
            connectedAddress: opts.connector.addressOf?.(host),
            commandTimeoutMs: opts.commandTimeoutMs,
            lock: opts.lock,
            lockCheck: opts.lockCheck,
            signal: opts.signal,
          }),
          markDown: (name) => {
            if (!down.has(name)) failed.push(name);
            down.add(name);
          },
          notRun: (name, reason) => sink.emit({ type: 'host_not_run', play: play.name, host: name, reason }),
          endHost: (name, transport) => {
            stats[name]!.channels = transport?.channels() ?? stats[name]!.channels;
            sink.emit({ type: 'host_end', play: play.name, host: name, channels: stats[name]!.channels, rounds: rounds.get(name) ?? 0 });
          },
        };
        const strategy = opts.strategy ?? play.strategy ?? 'free';
        // Moves run host by host whatever the strategy: each is already a sequence of checked steps.
        if (strategy === 'linear' && !isMovePlay(play)) await runLinearBatch(batch, opts.tags);
        else await runFreeBatch(batch);
        sink.emit({ type: 'batch_end', play: play.name, batch: i + 1, batches: batches.length, failed });
        const reason = stopReason(play, { batch: i + 1, batches: batches.length, hosts, failed });
        if (reason && !opts.signal?.aborted) {
          stopped = reason;
          const notRun = batches.slice(i + 1).flat();
          sink.emit({ type: 'rollout_stopped', play: play.name, batch: i + 1, batches: batches.length, reason, notRun });
        }
      }
      sink.emit({ type: 'play_end', play: play.name });
    }
  } finally {
    await Promise.allSettled(
      [...connections.values()].map(async (c) => {
        const t = await c;
        await t.close();
      }),
    );
    await opts.connector.close?.();
  }
  const interrupted = opts.signal?.aborted ?? false;
  sink.emit({ type: 'recap', hosts: stats, run_id: runId, ...(stopped ? { stopped } : {}), ...(interrupted ? { interrupted } : {}) });
  return { hosts: stats, interrupted, ...(stopped ? { stopped } : {}) };
}
