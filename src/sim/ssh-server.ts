/**
 * Simulated hosts served over real SSH on loopback (DESIGN.md §5): one ssh2
 * Server per host, each on its own port with its own host key, so the real
 * SshTransport (host-key checking, auth, channels, drops) is exercised end to
 * end and the demo runs without FreeBSD. Besides src/transport/ssh.ts this is
 * the only file that imports ssh2.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type AuthContext, type Connection, type ParsedKey, type ServerChannel } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader exposes only its default export.
const { Server, utils } = ssh2;

export interface SimExecOutcome {
  stdout: string;
  stderr: string;
  code: number;
  /**
   * Fault: send only this many bytes of stdout, then cut the connection
   * (the command itself ran to its end on the host).
   */
  cutAfter?: number;
}

/** What a command that waits for its stdin printed before it started reading. */
export interface SimExecPrefix {
  stdout: string;
  stderr: string;
  /** Fault: send only this many bytes of stdout, then cut the connection. */
  cutAfter?: number;
}

/**
 * An exec request as it starts, stdin still open: the command ended without
 * reading stdin, or it waits for stdin after printing `waiting`; `finish`
 * gets the whole stdin once the client closed it and returns what the
 * command printed after the prefix, and its exit status. `abandon` says the
 * channel closed first: the command is gone (and the locks it held).
 */
export type SimExecStart =
  | { ended: SimExecOutcome }
  | { waiting: SimExecPrefix; finish(stdin: string): SimExecOutcome | Promise<SimExecOutcome>; abandon(): void };

export interface SimServedHost {
  name: string;
  /**
   * Runs one exec request as soon as it arrives (see SimExecStart). Throwing
   * (or rejecting with) an error named 'SimConnectionDropped', from start or
   * finish, cuts the client's connection.
   */
  start(commandLine: string): SimExecStart | Promise<SimExecStart>;
  /** Private host key (OpenSSH/PEM text); a fresh ed25519 key when absent. */
  hostKey?: string;
}

export interface SimSshServerOptions {
  hosts: SimServedHost[];
  /** OpenSSH public key lines ("ssh-ed25519 AAAA... comment") allowed to log in, as any user. */
  authorizedKeys: string[];
  /** Loopback only (127.0.0.x); default 127.0.0.1. */
  address?: string;
  /** First host listens on basePort, the next on basePort+1, ...; 0 (default) = a free port per host. */
  basePort?: number;
}

export interface SimSshHostInfo {
  name: string;
  port: number;
  /** Public host key as an OpenSSH line: "ssh-ed25519 AAAA...". */
  hostKey: string;
  /** The private host key, so a caller can keep it and serve the same key next time. */
  hostKeyPrivate: string;
}

export interface SimSshServer {
  address: string;
  hosts: SimSshHostInfo[];
  /** Cut every client connection (of one host, or all), as a crashing host would. */
  dropConnections(hostName?: string): void;
  close(): Promise<void>;
}

const LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export async function startSimSshServer(opts: SimSshServerOptions): Promise<SimSshServer> {
  const address = opts.address ?? '127.0.0.1';
  // The simulator must never be reachable from outside this machine.
  if (!LOOPBACK.test(address)) throw new Error(`sim SSH server: refusing to listen on ${address}; only 127.0.0.x is allowed`);
  const authorized = opts.authorizedKeys.filter((line) => line.trim() !== '').map(parseOne);
  const started: ServedHost[] = [];
  try {
    for (const [index, host] of opts.hosts.entries()) {
      const port = opts.basePort ? opts.basePort + index : 0;
      started.push(await serveHost(host, authorized, address, port));
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
  return {
    address,
    hosts: started.map((s) => s.info),
    dropConnections(hostName) {
      for (const s of started) if (hostName === undefined || s.info.name === hostName) s.dropAll();
    },
    async close() {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}

interface ServedHost {
  info: SimSshHostInfo;
  dropAll(): void;
  close(): Promise<void>;
}

async function serveHost(host: SimServedHost, authorized: ParsedKey[], address: string, port: number): Promise<ServedHost> {
  const hostKeyPrivate = host.hostKey ?? generateSshKeyPair().privateKey;
  // ssh2 hands us the Connection only after the handshake; the client's
  // source port is how we find its socket again to cut it.
  const sockets = new Map<number, Socket>();

  const ssh = new Server({ hostKeys: [hostKeyPrivate] }, (client: Connection, info) => {
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => authenticate(ctx, authorized));
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, _reject, request) => {
          const cut = (): void => {
            sockets.get(info.port)?.destroy();
          };
          serveExec(host, accept(), request.command, cut);
        });
      });
    });
  });

  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    const remotePort = socket.remotePort;
    if (remotePort !== undefined) {
      sockets.set(remotePort, socket);
      socket.on('close', () => sockets.delete(remotePort));
    }
    ssh.injectSocket(socket);
  });
  await listen(server, address, port);

  return {
    info: {
      name: host.name,
      port: (server.address() as AddressInfo).port,
      hostKey: publicKeyLineOf(hostKeyPrivate),
      hostKeyPrivate,
    },
    dropAll() {
      for (const socket of sockets.values()) socket.destroy();
    },
    close() {
      for (const socket of sockets.values()) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Public key only; the key must be one of ours, and a signature (when sent) must verify. */
function authenticate(ctx: AuthContext, authorized: ParsedKey[]): void {
  if (ctx.method !== 'publickey') {
    ctx.reject(['publickey']);
    return;
  }
  const offered = ctx.key.data;
  const match = authorized.find((key) => {
    const blob = key.getPublicSSH();
    return blob.length === offered.length && timingSafeEqual(blob, offered) && ctx.key.algo === key.type;
  });
  if (!match) {
    ctx.reject(['publickey']);
    return;
  }
  // Without a signature the client only asks whether this key would do.
  if (!ctx.signature) {
    ctx.accept();
    return;
  }
  if (ctx.blob && match.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) ctx.accept();
  else ctx.reject(['publickey']);
}

/**
 * One exec channel. The command starts at once, as sshd starts it, without
 * waiting for stdin: a command that never reads stdin answers while the
 * client may still be writing, and one that reads it (a session, `cat >
 * file`) shows what it printed before, then gets the whole stdin at EOF.
 */
function serveExec(host: SimServedHost, stream: ServerChannel, command: string, cut: () => void): void {
  let closed = false;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  let eof = false;
  const stdin = new Promise<string>((resolve) =>
    stream.on('end', () => {
      eof = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    }),
  );
  /** Set while the command waits for stdin: the channel closing before EOF ends it. */
  let abandon: (() => void) | undefined;
  // The client closed the channel (its timeout, a dropped connection): nothing to answer any more.
  stream.on('close', () => {
    closed = true;
    if (!eof) abandon?.();
  });
  stream.on('error', () => undefined);

  /** Output on its way to the client; false when a byte-budget fault cut the connection instead. */
  const send = (out: SimExecPrefix): boolean => {
    if (out.stderr !== '') stream.stderr.write(out.stderr);
    if (out.cutAfter !== undefined) {
      // Let the first bytes reach the client, then cut: no exit status.
      stream.write(out.stdout.slice(0, out.cutAfter), () => setTimeout(cut, 50));
      return false;
    }
    if (out.stdout !== '') stream.write(out.stdout);
    return true;
  };
  const end = (outcome: SimExecOutcome | 'dropped'): void => {
    if (closed) return;
    if (outcome === 'dropped') return cut();
    if (!send(outcome)) return;
    stream.exit(outcome.code);
    stream.end();
  };

  const serve = async (): Promise<void> => {
    const started = await dropped(() => host.start(command));
    if (started === 'dropped' || 'ended' in started) return end(started === 'dropped' ? started : started.ended);
    if (closed) return started.abandon();
    if (!send(started.waiting)) return started.abandon();
    abandon = started.abandon;
    // Once stdin is complete the command runs to its end, even if nobody reads its answer.
    const input = await stdin;
    end(await dropped(() => started.finish(input)));
  };
  serve().catch((err: Error) => {
    if (closed) return;
    // A simulator bug must not look like the remote command's own failure.
    stream.stderr.write(`jailfleet sim: internal error: ${err.message}\n`);
    stream.exit(255);
    stream.end();
  });
}

/** The host's answer, or 'dropped' when the simulated connection dropped. */
async function dropped<T>(run: () => T | Promise<T>): Promise<T | 'dropped'> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error && err.name === 'SimConnectionDropped') return 'dropped';
    throw err;
  }
}

function parseOne(text: string): ParsedKey {
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error) throw new Error(`sim SSH server: cannot parse key: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) throw new Error('sim SSH server: no key found');
  return key;
}

function listen(server: NetServer, address: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export interface SshKeyPair {
  /** OpenSSH private key text, usable by ssh(1) -i and by ssh2. */
  privateKey: string;
  /** OpenSSH public key line. */
  publicKey: string;
}

/** A fresh unencrypted ed25519 key pair (host keys and the served fleet's client key). */
export function generateSshKeyPair(comment?: string): SshKeyPair {
  // ssh2's generator writes a private key its own parser rejects about once
  // in 300 ed25519 keys ("Malformed OpenSSH private key"); draw again then.
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519', comment === undefined ? {} : { comment });
    if (!(utils.parseKey(pair.private) instanceof Error)) return { privateKey: pair.private, publicKey: pair.public };
  }
  throw new Error('could not generate a parseable ed25519 key');
}

/** "type base64" of a private key's public half: for authorized keys and known_hosts. */
export function publicKeyLineOf(privateKey: string): string {
  const key = parseOne(privateKey);
  return `${key.type} ${key.getPublicSSH().toString('base64')}`;
}
