/**
 * Per-host timing of a run (bench/lab-phases.ts): a Connector wrapper that
 * stamps connect start/end and every exec's start/end on the real transport,
 * so the time between "queued" and "done" splits into queue wait, connect,
 * gather, controller work and apply. Times are ms since the trace started.
 */
import type { InventoryHost } from '../src/inventory/types.js';
import type { Connector } from '../src/engine/run.js';
import type { ExecOptions, ExecResult, ExecSession, ExecStreams, SessionOptions, Transport } from '../src/transport/transport.js';

/**
 * A session is one exec in several entries: 'gather' its round 0, 'apply'
 * each later round, 'end' a finish('') (nothing more to apply) until its
 * command exits.
 */
export type ExecKind = 'gather' | 'apply' | 'end' | 'other';

export interface ExecTrace {
  kind: ExecKind;
  start: number;
  end: number;
  /** Bytes of the command line sent (the script travels in it), or of a session's input. */
  bytes: number;
  /** A later round (or the end) of a session: the same exec channel as the entry before. */
  sameChannel?: boolean;
  /** A session's round: 0 its gather, 1.. its apply rounds. */
  round?: number;
}

export interface HostTrace {
  host: string;
  connectStart?: number;
  connectEnd?: number;
  execs: ExecTrace[];
  /** Times the host was waited for, as host_end counts them: each plain exec, each session round (gather included, a bare end not). */
  rounds: number;
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
    if (!t) this.hosts.set(host, (t = { host, execs: [], rounds: 0 }));
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
        t.rounds += 1;
        try {
          return await inner.exec(commandLine, options);
        } finally {
          e.end = this.now();
        }
      },
      openStreams: (commandLine: string, options?: SessionOptions): Promise<ExecStreams> => inner.openStreams(commandLine, options),
      openSession: async (commandLine: string, options?: SessionOptions): Promise<ExecSession> => {
        const gather: ExecTrace = { kind: 'gather', start: this.now(), end: Number.NaN, bytes: Buffer.byteLength(commandLine), round: 0 };
        t.execs.push(gather);
        t.rounds += 1;
        const session = await inner.openSession(commandLine, options);
        return this.traceSession(session, t, gather);
      },
      close: async () => {
        t.closeStart = this.now();
        await inner.close();
        t.closeEnd = this.now();
      },
    };
  }

  /**
   * A session's round 0 (open to the first marker) is its gather; each later
   * round (send or a non-empty finish, to its marker or the end) an apply
   * round; finish('') only ends a session with nothing more to apply.
   */
  private traceSession(session: ExecSession, t: HostTrace, gather: ExecTrace): ExecSession {
    /** The round the next readUntil ends. */
    let pending: ExecTrace | undefined = gather;
    let round = 0;
    const start = (kind: ExecKind, input: string): ExecTrace => {
      const e: ExecTrace = { kind, start: this.now(), end: Number.NaN, bytes: Buffer.byteLength(input), sameChannel: true };
      if (kind === 'apply') {
        e.round = ++round;
        t.rounds += 1;
      }
      t.execs.push(e);
      return e;
    };
    return {
      readUntil: async (marker) => {
        try {
          return await session.readUntil(marker);
        } finally {
          if (pending) pending.end = this.now();
          pending = undefined;
        }
      },
      send: async (input) => {
        pending = start('apply', input);
        await session.send(input);
      },
      finish: async (input) => {
        const e = start(input === '' ? 'end' : 'apply', input);
        try {
          return await session.finish(input);
        } finally {
          e.end = this.now();
        }
      },
    };
  }
}
