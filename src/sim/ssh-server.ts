/**
 * Simulated hosts served over real SSH on loopback (DESIGN.md §5): one ssh2
 * Server per host, each on its own port with its own host key, so the real
 * SshTransport (host-key checking, auth, channels, drops) is exercised end to
 * end and the demo runs without FreeBSD. Besides src/transport/ssh.ts this is
 * the only file that imports ssh2.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type AuthContext, type ClientInfo, type Connection, type ParsedKey, type ServerChannel } from 'ssh2';
import { ByteTextDecoder, bytesOfText } from './bytes.js';

// ssh2 is CommonJS: Node's ESM loader exposes only its default export.
const { Server, utils } = ssh2;

/** What a command printed since the last report, and how it stands. */
export interface SimExecProgress {
  stdout: string;
  stderr: string;
  /**
   * Fault: send only this many bytes of stdout, then cut the connection
   * (the command itself ran on: what it did on the host stays done).
   */
  cutAfter?: number;
  /** Fault: the connection drops once this output is sent (dropAfterCommands). */
  dropped?: boolean;
  /** Set once the command ended: its exit status. */
  code?: number;
}

/** An exec request running on a served host with its stdin open (see SimServedHost.start). */
export interface SimExecRunning {
  /**
   * More stdin arrived (`eof`: and then end of input): the command goes on
   * with it until it waits for more input or ends; what it printed meanwhile.
   */
  input(text: string, eof: boolean): Promise<SimExecProgress>;
  /** The channel closed first: the command is gone, and the locks it held. */
  abandon(): void;
}

export interface SimServedHost {
  name: string;
  /**
   * Starts one exec request as soon as it arrives, as sshd does, stdin open:
   * it runs until the command waits for input or ends. Throwing (or
   * rejecting with) an error named 'SimConnectionDropped' cuts the client's
   * connection. `env`: what sshd adds to the session's environment
   * (SSH_CONNECTION, SSH_CLIENT), from the connection's socket.
   */
  start(commandLine: string, env?: Record<string, string>): Promise<{ progress: SimExecProgress; running: SimExecRunning }>;
  /** Private host key (OpenSSH/PEM text); a fresh ed25519 key when absent. */
  hostKey?: string;
  /**
   * False while the host cannot be reached (the unreachable fault, a host
   * powered off): connections are reset before the SSH handshake, and the
   * ones open are cut once an exec ends. Absent: always reachable.
   */
  reachable?(): boolean;
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
          // An exec that powered the host off: its answer goes out, then every connection goes down.
          const ended = (): void => {
            if (host.reachable?.() === false) setTimeout(() => dropAll(), 50);
          };
          serveExec(host, accept(), request.command, sessionEnv(info, sockets.get(info.port)), cut, ended);
        });
      });
    });
  });

  const dropAll = (): void => {
    for (const socket of sockets.values()) socket.destroy();
  };
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    if (host.reachable?.() === false) {
      socket.resetAndDestroy();
      return;
    }
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
    dropAll,
    close() {
      dropAll();
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
 * waiting for stdin; each chunk of stdin is handed to it as it arrives and
 * what it prints goes back as it prints it (a session's rounds), EOF ends
 * its input. A command that never reads stdin answers while the client may
 * still be writing.
 */
function serveExec(host: SimServedHost, stream: ServerChannel, command: string, env: Record<string, string>, cut: () => void, ended: () => void): void {
  /** The client closed the channel (its timeout, a dropped connection): nothing to answer any more. */
  let closed = false;
  /** The command ended, or the connection was cut: stdin goes nowhere now. */
  let over = false;
  let running: SimExecRunning | undefined;
  // A multi-byte character may be split between two chunks of stdin; bytes that are not UTF-8 are kept (bytes.ts).
  const decoder = new ByteTextDecoder();

  const internal = (err: Error): void => {
    over = true;
    running?.abandon();
    if (closed) return;
    // A simulator bug must not look like the remote command's own failure.
    stream.stderr.write(`jailfleet sim: internal error: ${err.message}\n`);
    stream.exit(255);
    stream.end();
  };
  /** Output on its way to the client; the exit status once the command ended; or the cut a fault asks for. */
  const report = (p: SimExecProgress | 'dropped'): void => {
    if (closed || over) return;
    if (p === 'dropped') {
      over = true;
      return cut();
    }
    if (p.stderr !== '') stream.stderr.write(p.stderr);
    if (p.cutAfter !== undefined) {
      over = true;
      running?.abandon();
      // Let the first bytes reach the client, then cut: no exit status.
      stream.write(bytesOfText(p.stdout.slice(0, p.cutAfter)), () => setTimeout(cut, 50));
      return;
    }
    if (p.dropped) {
      // What it printed before the drop reaches the client first, as it would have streamed out.
      over = true;
      if (p.stdout === '') setTimeout(cut, 50);
      else stream.write(bytesOfText(p.stdout), () => setTimeout(cut, 50));
      return;
    }
    // The command's bytes, as sshd passes them on (a binary file's cat included).
    if (p.stdout !== '') stream.write(bytesOfText(p.stdout));
    if (p.code === undefined) return;
    over = true;
    stream.exit(p.code);
    stream.end();
    ended();
  };

  // Input is handed over in order, each part once the command has done with the one before.
  let queue: Promise<void> = (async () => {
    const started = await dropped(() => host.start(command, env));
    if (started === 'dropped') return report(started);
    running = started.running;
    if (closed) return running.abandon();
    report(started.progress);
  })().catch(internal);
  const feed = (text: string, eof: boolean): void => {
    queue = queue
      .then(async () => {
        if (over || closed || !running || (text === '' && !eof)) return;
        const current = running;
        report(await dropped(() => current.input(text, eof)));
      })
      .catch(internal);
  };

  stream.on('data', (chunk: Buffer) => feed(decoder.write(chunk), false));
  stream.on('end', () => feed(decoder.end(), true));
  stream.on('close', () => {
    closed = true;
    if (!over) running?.abandon();
    // Started but not yet known here: the queue abandons it when it comes.
  });
  stream.on('error', () => undefined);
}

/**
 * sshd(8) ENVIRONMENT: SSH_CONNECTION is "client IP address, client port
 * number, server IP address, and server port number", SSH_CLIENT "client IP
 * address, client port number, and server port number", as the connection's
 * socket has them.
 */
function sessionEnv(info: ClientInfo, socket: Socket | undefined): Record<string, string> {
  const serverIp = socket?.localAddress;
  const serverPort = socket?.localPort;
  if (serverIp === undefined || serverPort === undefined) return {};
  return {
    SSH_CLIENT: `${info.ip} ${info.port} ${serverPort}`,
    SSH_CONNECTION: `${info.ip} ${info.port} ${serverIp} ${serverPort}`,
  };
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
