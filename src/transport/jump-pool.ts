/**
 * ProxyJump: hosts behind the same bastion share one connection to it, and
 * each reaches its target through that connection's forwardOut (direct-tcpip).
 */
import { UnreachableError } from '../errors.js';
import type { Connection, HostKeyChecking } from '../inventory/types.js';
import { SshTransport } from './ssh.js';
import { buildSshOptions, type BuildSshOptionsInput, type ResolvedSshOptions } from './ssh-config.js';

export interface JumpHop {
  user?: string;
  host: string;
  port?: number;
}

/** `[user@]host[:port]` hops, comma-separated, first hop first (ssh(1) -J). */
export function parseJumpSpec(spec: string): JumpHop[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const withoutScheme = part.replace(/^ssh:\/\//, '');
      const at = withoutScheme.lastIndexOf('@');
      const user = at >= 0 ? withoutScheme.slice(0, at) : undefined;
      const rest = at >= 0 ? withoutScheme.slice(at + 1) : withoutScheme;
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
      const plain = /^([^:]+)(?::(\d+))?$/.exec(rest);
      const match = bracketed ?? plain;
      if (!match?.[1]) throw new UnreachableError(part, 'connect', `invalid ProxyJump hop "${part}"`);
      const port = match[2] !== undefined ? Number(match[2]) : undefined;
      return { host: match[1], ...(user ? { user } : {}), ...(port !== undefined ? { port } : {}) };
    });
}

export function formatJumpHop(hop: JumpHop): string {
  return `${hop.user ? `${hop.user}@` : ''}${hop.host}${hop.port !== undefined ? `:${hop.port}` : ''}`;
}

export type HopOptions = (hop: JumpHop) => ResolvedSshOptions;

/** Options for a hop, resolved through ~/.ssh/config like any host, with the run's host-key policy. */
export function hopOptionsFrom(input: BuildSshOptionsInput, hostKeyChecking: HostKeyChecking, knownHosts?: string): HopOptions {
  return (hop) => {
    const conn: Connection = {
      transport: 'ssh',
      address: hop.host,
      hostKeyChecking,
      ...(hop.port !== undefined ? { port: hop.port } : {}),
      ...(hop.user !== undefined ? { user: hop.user } : {}),
      ...(knownHosts !== undefined ? { knownHosts } : {}),
    };
    return buildSshOptions(conn, hop.host, input);
  };
}

const MAX_JUMP_DEPTH = 8;

export class JumpPool {
  private readonly connections = new Map<string, Promise<SshTransport>>();
  private readonly opened: SshTransport[] = [];

  constructor(private readonly hopOptions: HopOptions) {}

  /** The shared connection to the last hop of spec, reached through the hops before it. */
  async get(spec: string, depth = 0): Promise<SshTransport> {
    const cached = this.connections.get(spec);
    if (cached) {
      const transport = await cached.catch(() => undefined);
      if (transport?.alive()) return transport;
      this.connections.delete(spec);
    }
    if (depth >= MAX_JUMP_DEPTH) throw new UnreachableError(spec, 'connect', 'ProxyJump chain too long (a loop in ~/.ssh/config?)');
    const pending = this.open(spec, depth);
    this.connections.set(spec, pending);
    pending.catch(() => {
      if (this.connections.get(spec) === pending) this.connections.delete(spec);
    });
    return pending;
  }

  async closeAll(): Promise<void> {
    this.connections.clear();
    const open = this.opened.splice(0);
    await Promise.all(open.map((t) => t.close()));
  }

  private async open(spec: string, depth: number): Promise<SshTransport> {
    const hops = parseJumpSpec(spec);
    const last = hops.at(-1);
    if (!last) throw new UnreachableError(spec, 'connect', 'empty ProxyJump');
    const { proxyJump, ...options } = this.hopOptions(last);
    // Earlier hops in the spec override the hop's own ProxyJump, as with ssh -J.
    const via = hops.length > 1 ? hops.slice(0, -1).map(formatJumpHop).join(',') : proxyJump;
    const jump = via ? await this.get(via, depth + 1) : undefined;
    const transport = await SshTransport.connect({ ...options, ...(jump ? { jump } : {}) });
    this.opened.push(transport);
    return transport;
  }
}

/** Connect to a host, through its ProxyJump bastion(s) when it has one. */
export async function openWithJumps(options: ResolvedSshOptions, pool: JumpPool): Promise<SshTransport> {
  const { proxyJump, ...direct } = options;
  if (!proxyJump) return SshTransport.connect(direct);
  const jump = await pool.get(proxyJump);
  return SshTransport.connect({ ...direct, jump });
}
