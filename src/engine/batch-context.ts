/**
 * What a strategy needs from the fleet run to take one batch of hosts
 * through one play: connections, per-host contexts, and how to report a
 * host that failed, was unreachable, or never started.
 */
import type { InventoryHost } from '../inventory/types.js';
import type { PlayDef } from '../playbook/types.js';
import type { EventSink } from '../report/events.js';
import type { Transport } from '../transport/transport.js';
import { UnreachableError } from '../errors.js';
import type { HostPlayContext } from './host-play.js';

export interface BatchContext {
  play: PlayDef;
  hosts: string[];
  forks: number;
  sink: EventSink;
  signal?: AbortSignal;
  host(name: string): InventoryHost;
  /** Any host of the inventory by name (a move's source), undefined when there is none. */
  lookup(name: string): InventoryHost | undefined;
  connect(host: InventoryHost): Promise<Transport>;
  hostContext(host: InventoryHost, transport: Transport): HostPlayContext;
  /** The host failed or was unreachable: later plays skip it, the batch counts it. */
  markDown(name: string): void;
  notRun(name: string, reason: string): void;
  /** Emit host_end with the channels used so far. */
  endHost(name: string, transport: Transport | undefined): void;
}

/** A host-level error as events: unreachable, or an internal failure of the host. */
export function reportHostError(b: BatchContext, name: string, err: unknown, connected: boolean): void {
  b.markDown(name);
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UnreachableError || !connected) {
    b.sink.emit({ type: 'host_unreachable', play: b.play.name, host: name, message });
    return;
  }
  b.sink.emit({ type: 'task', play: b.play.name, host: name, task: 'internal', module: '', status: 'failed', message });
}

export const INTERRUPTED = 'interrupted (Ctrl-C)';
