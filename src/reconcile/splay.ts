/**
 * `--splay SECONDS`: hosts are spread over a window instead of all being
 * hit at the tick's second (salt#42168). Each host's offset comes from a
 * hash of its name, so it is the same every pass (a host is checked at the
 * same point of every window) and needs no state. Hosts are handed to the
 * engine in offset order, each waiting for its offset before it connects:
 * a host waiting holds a fork slot, so waiting in any other order would
 * keep early hosts behind late ones.
 */
import { createHash } from 'node:crypto';
import type { Connector } from '../engine/run.js';
import type { Inventory } from '../inventory/types.js';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The host's offset in a window of `windowS` seconds, in ms: stable, spread evenly over [0, window). */
export function splayOffsetMs(host: string, windowS: number): number {
  if (windowS <= 0) return 0;
  const h = createHash('sha256').update(host).digest().readUInt32BE(0);
  return Math.floor((h / 2 ** 32) * windowS * 1000);
}

/** The same inventory with its hosts in offset order (patterns resolve in inventory order). */
export function splayOrder(inventory: Inventory, windowS: number): Inventory {
  if (windowS <= 0) return inventory;
  const hosts = [...inventory.hosts.entries()].sort(([a], [b]) => splayOffsetMs(a, windowS) - splayOffsetMs(b, windowS) || (a < b ? -1 : 1));
  return { ...inventory, hosts: new Map(hosts) };
}

/** Each host connects no earlier than `startMs` + its offset. An interrupt ends the waits (the engine then starts no new host). */
export function splayConnector(connector: Connector, windowS: number, startMs: number, now: () => number, sleep: Sleep, signal?: AbortSignal): Connector {
  if (windowS <= 0) return connector;
  return {
    ...connector,
    async connect(host) {
      const wait = startMs + splayOffsetMs(host.name, windowS) - now();
      if (wait > 0 && !signal?.aborted) await sleep(wait, signal);
      return connector.connect(host);
    },
  };
}

/** A sleep that ends early (resolving) when the signal aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
