/**
 * Per-host timing of a run (bench/lab-phases.ts): a Connector wrapper that
 * stamps connect start/end and every exec's start/end on the real transport,
 * so the time between "queued" and "done" splits into queue wait, connect,
 * gather, controller work and apply. Times are ms since the trace started.
 */
import type { InventoryHost } from '../src/inventory/types.js';
import type { Connector } from '../src/engine/run.js';
import type { ExecOptions, ExecResult, ExecSession, SessionOptions, Transport } from '../src/transport/transport.js';

/** 'end': a session given no input (nothing to apply) until its command exits. */
export type ExecKind = 'gather' | 'apply' | 'end' | 'other';

export interface ExecTrace {
  kind: ExecKind;
  start: number;
  end: number;
  /** Bytes of the command line sent (the script travels in it), or of a session's input. */
  bytes: number;
  /** The second part of a session (after its marker): the same exec channel as the entry before. */
  sameChannel?: boolean;
}

export interface HostTrace {
  host: string;
  connectStart?: number;
  connectEnd?: number;
  execs: ExecTrace[];
  closeStart?: number;
  closeEnd?: number;
}

/** The lock wrapper names itself on the command line; the gather script says so in its first line. */
export function execKind(commandLine: string): ExecKind {
  if (commandLine.includes('jailfleet-lock')) return 'apply';
  if (commandLine.includes('# jailfleet: gather facts')) return 'gather';
  return 'other';
}

export class PhaseTrace {
  readonly t0 = performance.now();
  readonly hosts = new Map<string, HostTrace>();

  now(): number {
    return performance.now() - this.t0;
  }

  of(host: string): HostTrace {
    let t = this.hosts.get(host);
    if (!t) this.hosts.set(host, (t = { host, execs: [] }));
    return t;
  }

  wrap(inner: Connector): Connector {
    return {
      connect: async (host: InventoryHost): Promise<Transport> => {
        const t = this.of(host.name);
        t.connectStart = this.now();
        const transport = await inner.connect(host);
        t.connectEnd = this.now();
        return this.wrapTransport(transport, t);
      },
      ...(inner.addressOf ? { addressOf: (h: InventoryHost) => inner.addressOf!(h) } : {}),
      ...(inner.close ? { close: () => inner.close!() } : {}),
    };
  }

  wrapTransport(inner: Transport, t: HostTrace): Transport {
    return {
      host: inner.host,
      channels: () => inner.channels(),
      exec: async (commandLine: string, options?: ExecOptions): Promise<ExecResult> => {
        const e: ExecTrace = { kind: execKind(commandLine), start: this.now(), end: Number.NaN, bytes: Buffer.byteLength(commandLine) };
        t.execs.push(e);
        try {
          return await inner.exec(commandLine, options);
        } finally {
          e.end = this.now();
        }
      },
      // A session's span up to the ready marker is its gather, the rest its apply.
      openSession: async (commandLine: string, options?: SessionOptions): Promise<ExecSession> => {
        const gather: ExecTrace = { kind: 'gather', start: this.now(), end: Number.NaN, bytes: Buffer.byteLength(commandLine) };
        t.execs.push(gather);
        const session = await inner.openSession(commandLine, options);
        return {
          readUntil: async (marker) => {
            try {
              return await session.readUntil(marker);
            } finally {
              gather.end = this.now();
            }
          },
          finish: async (input) => {
            // Empty input only ends a session that had nothing to apply.
            const apply: ExecTrace = { kind: input === '' ? 'end' : 'apply', start: this.now(), end: Number.NaN, bytes: Buffer.byteLength(input), sameChannel: true };
            t.execs.push(apply);
            try {
              return await session.finish(input);
            } finally {
              apply.end = this.now();
            }
          },
        };
      },
      close: async () => {
        t.closeStart = this.now();
        await inner.close();
        t.closeEnd = this.now();
      },
    };
  }
}
