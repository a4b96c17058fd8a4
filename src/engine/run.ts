/**
 * The fleet: every play's hosts in parallel (p-queue, --forks), one
 * connection per host reused across plays, a failed or unreachable host
 * stopping only itself.
 */
import PQueue from 'p-queue';
import { randomBytes } from 'node:crypto';
import type { Inventory, InventoryHost } from '../inventory/types.js';
import type { Playbook } from '../playbook/types.js';
import type { EventSink, HostStats, RunEvent } from '../report/events.js';
import { emptyStats } from '../report/events.js';
import type { Transport } from '../transport/transport.js';
import { resolvePattern } from '../inventory/pattern.js';
import { UnreachableError } from '../errors.js';
import { runHostPlay, type ModuleLookup } from './host-play.js';
import type { TagFilter } from './tags.js';

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
}

export interface RunSummary {
  hosts: Record<string, HostStats>;
  interrupted: boolean;
}

/** Count task events into the recap as Ansible does: ok includes changed. */
function tally(stats: Record<string, HostStats>, event: RunEvent): void {
  if (event.type !== 'task' && event.type !== 'host_unreachable') return;
  const s = (stats[event.host] ??= emptyStats());
  if (event.type === 'host_unreachable') {
    s.unreachable += 1;
    return;
  }
  if (event.status === 'skipped') s.skipped += 1;
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
  const sink: EventSink = {
    emit(event) {
      tally(stats, event);
      opts.sink.emit(event);
    },
  };
  const connections = new Map<string, Promise<Transport>>();
  const registered = new Map<string, Record<string, unknown>>();
  const down = new Set<string>(); // failed or unreachable: skipped by later plays
  const runId = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '') + '-' + randomBytes(2).toString('hex');
  const allHosts = new Set<string>();
  for (const play of opts.playbook.plays) for (const h of selectHosts(opts.inventory, play.hosts, opts.limit)) allHosts.add(h);
  sink.emit({ type: 'run_start', playbook: opts.playbook.file, check: opts.check, hosts: allHosts.size });

  const connect = (host: InventoryHost): Promise<Transport> => {
    let conn = connections.get(host.name);
    if (!conn) {
      conn = opts.connector.connect(host);
      connections.set(host.name, conn);
    }
    return conn;
  };

  let interrupted = false;
  try {
    for (const play of opts.playbook.plays) {
      if (opts.signal?.aborted) break;
      const names = selectHosts(opts.inventory, play.hosts, opts.limit).filter((h) => !down.has(h));
      sink.emit({ type: 'play_start', play: play.name, hosts: names });
      const queue = new PQueue({ concurrency: Math.max(1, opts.forks) });
      for (const name of names) {
        const host = opts.inventory.hosts.get(name)!;
        stats[name] ??= emptyStats();
        void queue.add(async () => {
          if (opts.signal?.aborted) return;
          sink.emit({ type: 'host_start', play: play.name, host: name });
          let transport: Transport | undefined;
          try {
            transport = await connect(host);
            const outcome = await runHostPlay({
              play,
              host,
              transport,
              registered: registered.get(name) ?? registered.set(name, {}).get(name)!,
              check: opts.check,
              tags: opts.tags,
              modules: opts.modules,
              sink,
              extraVars: { jailfleet_run_id: runId, jailfleet_check_mode: opts.check, ...opts.extraVars },
              connectedAddress: opts.connector.addressOf?.(host),
              commandTimeoutMs: opts.commandTimeoutMs,
            });
            if (outcome.failed) down.add(name);
          } catch (err) {
            down.add(name);
            const message = err instanceof Error ? err.message : String(err);
            if (err instanceof UnreachableError || !transport) {
              sink.emit({ type: 'host_unreachable', play: play.name, host: name, message });
            } else {
              sink.emit({ type: 'task', play: play.name, host: name, task: 'internal', module: '', status: 'failed', message });
            }
          } finally {
            stats[name]!.channels = transport?.channels() ?? stats[name]!.channels;
            sink.emit({ type: 'host_end', play: play.name, host: name, channels: stats[name]!.channels });
          }
        });
      }
      await queue.onIdle();
      sink.emit({ type: 'play_end', play: play.name });
    }
  } finally {
    interrupted = opts.signal?.aborted ?? false;
    await Promise.allSettled(
      [...connections.values()].map(async (c) => {
        const t = await c;
        await t.close();
      }),
    );
    await opts.connector.close?.();
  }
  sink.emit({ type: 'recap', hosts: stats });
  return { hosts: stats, interrupted };
}
