/**
 * The simulator as a Transport: each exec() is one channel on a SimHost,
 * with injectable faults (slow host, unreachable host, connection dropped
 * after N commands, a failing command) so the engine's error paths can be
 * tested without a network.
 */
import { UnreachableError } from '../errors.js';
import type { ExecOptions, ExecResult, Transport } from '../transport/transport.js';
import { SimConnectionDropped, type SimFaults, type SimHost } from './host.js';

export interface SimTransportFaults {
  /** Delay every exec by this much (a slow link); timeoutMs applies. */
  slowMs?: number;
  /** Every exec fails as if the TCP connect failed. */
  unreachable?: boolean;
  /** Drop the connection once this many commands have run in one exec. */
  dropAfterCommands?: number;
  /**
   * Drop the connection once this many bytes of stdout have reached the
   * controller (over the transport's life): the command still ran to its end
   * on the host, the controller saw only the first bytes.
   */
  dropAfterBytes?: number;
  /** Commands (argv joined by spaces, prefix match) that fail instead of running. */
  failCommand?: SimFaults['failCommand'];
  /**
   * The host presents a different host key. SimTransport has no keys and
   * ignores it; the SSH-served simulator (sim serve) reads it to serve a new key.
   */
  hostKeyChange?: boolean;
}

export interface SimTransportOptions {
  faults?: SimTransportFaults;
  /** Called after each exec that reached the host (e.g. to persist its state). */
  onAfterExec?: (host: SimHost) => void;
}

export class SimTransport implements Transport {
  private opened = 0;
  private closed = false;
  private bytesSent = 0;

  constructor(
    readonly sim: SimHost,
    private readonly options: SimTransportOptions = {},
    readonly host: string = sim.name,
  ) {}

  async exec(commandLine: string, options: ExecOptions = {}): Promise<ExecResult> {
    const faults = this.options.faults ?? {};
    if (this.closed) throw new UnreachableError(this.host, 'dropped', 'connection closed');
    if (faults.unreachable) throw new UnreachableError(this.host, 'connect', 'connect ECONNREFUSED (simulated)');
    this.opened++;
    if (faults.slowMs) {
      const timeout = options.timeoutMs;
      if (timeout !== undefined && timeout < faults.slowMs) {
        await delay(timeout);
        throw new UnreachableError(this.host, 'timeout', `no answer within ${timeout} ms`);
      }
      await delay(faults.slowMs);
    }
    const stdin = options.stdin === undefined ? '' : options.stdin.toString();
    try {
      const hostFaults: SimFaults = {};
      if (faults.dropAfterCommands !== undefined) hostFaults.dropAfterCommands = faults.dropAfterCommands;
      if (faults.failCommand) hostFaults.failCommand = faults.failCommand;
      const result = this.sim.exec(commandLine, { stdin, faults: hostFaults });
      const cut = cutAfter(faults.dropAfterBytes, this.bytesSent, result.stdout);
      this.bytesSent += result.stdout.length;
      if (cut !== undefined) {
        this.closed = true;
        const lost = new UnreachableError(this.host, 'dropped', `connection lost after ${faults.dropAfterBytes} bytes`);
        throw lost.withPartial(result.stdout.slice(0, cut), result.stderr);
      }
      return { stdout: result.stdout, stderr: result.stderr, code: result.code };
    } catch (e) {
      if (e instanceof SimConnectionDropped) {
        throw new UnreachableError(this.host, 'dropped', `connection lost after ${e.afterCommands} commands`);
      }
      throw e;
    } finally {
      this.options.onAfterExec?.(this.sim);
    }
  }

  channels(): number {
    return this.opened;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Where in this exec's stdout a byte budget runs out (undefined: it does not). */
export function cutAfter(budget: number | undefined, alreadySent: number, stdout: string): number | undefined {
  if (budget === undefined) return undefined;
  const left = budget - alreadySent;
  return left < stdout.length ? Math.max(0, left) : undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
