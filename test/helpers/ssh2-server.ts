/**
 * A small ssh2 Server on 127.0.0.1 for transport tests: public-key auth
 * against one authorized key, and every exec request handed to a handler:
 * a buffered one gets its stdin fully read first, a streaming one (what
 * sessions need) gets stdin as it arrives and writes output as it goes.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { Server, utils, type Connection, type ParsedKey, type ServerChannel } from 'ssh2';

export interface ExecReply {
  stdout: string | Buffer;
  stderr: string | Buffer;
  code: number;
}

/**
 * Buffered: runs once the client closed stdin. `signal` aborts when the
 * client closes the channel (timeouts) or drops.
 */
export type ExecHandler = (command: string, stdin: Buffer, signal: AbortSignal) => Promise<ExecReply>;

/** One exec channel as a streaming handler sees it. */
export interface ExecIo {
  /** The client's stdin as it arrives; ends when the client closes it. */
  stdin: Readable;
  /** Stays open after the handler: the server ends the channel with the exit status. */
  stdout: Writable;
  stderr: Writable;
  /** Aborts when the client closes the channel (timeouts) or drops. */
  signal: AbortSignal;
}

/** Streaming: runs as soon as the exec arrives; resolves with the exit status once all output is written. */
export interface StreamingExecHandler {
  stream(command: string, io: ExecIo): Promise<number>;
}

export interface Ssh2ServerOptions {
  /** OpenSSH public key line ("ssh-ed25519 AAAA... comment") allowed to log in. */
  authorizedKey: string;
  handler: ExecHandler | StreamingExecHandler;
  /** Private host key (OpenSSH format); default: a fresh ed25519 key. */
  hostKey?: string;
  /** More host keys offered after hostKey (to test key-type negotiation). */
  extraHostKeys?: string[];
  address?: string;
  /** Listen on this port (default: a free one chosen by the kernel). */
  port?: number;
}

export interface Ssh2TestServer {
  address: string;
  port: number;
  /** The host key as a public key blob (what a client's hostVerifier sees). */
  hostKeyBlob: Buffer;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Authentication attempts with a signature (real login attempts). */
  authAttempts(): number;
  /** Cut every client's TCP connection, as a crashing host would. */
  dropAll(): void;
  close(): Promise<void>;
}

export interface KeyPair {
  privateKey: string;
  publicKey: string;
}

// ssh2's generator now and then writes a key its own parser rejects
// ("Malformed OpenSSH private key"); draw again so tests are not flaky.
function parseableKeyPair(generate: () => { private: string; public: string }): KeyPair {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = generate();
    if (!(utils.parseKey(pair.private) instanceof Error)) return { privateKey: pair.private, publicKey: pair.public };
  }
  throw new Error('could not generate a parseable key');
}

export function generateEd25519(): KeyPair {
  return parseableKeyPair(() => utils.generateKeyPairSync('ed25519'));
}

export function generateEcdsa(): KeyPair {
  return parseableKeyPair(() => utils.generateKeyPairSync('ecdsa', { bits: 256 }));
}

export function publicBlobOf(privateKey: string): Buffer {
  return parseKeyOrThrow(privateKey).getPublicSSH();
}

function parseKeyOrThrow(text: string): ParsedKey {
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error) throw parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) throw new Error('no key found');
  return key;
}

export async function startSsh2Server(options: Ssh2ServerOptions): Promise<Ssh2TestServer> {
  const hostKey = options.hostKey ?? generateEd25519().privateKey;
  const allowed = parseKeyOrThrow(options.authorizedKey);
  const allowedBlob = allowed.getPublicSSH();
  const sockets = new Set<Socket>();
  let connections = 0;
  let authAttempts = 0;

  const ssh = new Server({ hostKeys: [hostKey, ...(options.extraHostKeys ?? [])] }, (client: Connection) => {
    connections++;
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') {
        ctx.reject(['publickey']);
        return;
      }
      const blob = ctx.key.data;
      const sameKey = ctx.key.algo === allowed.type && blob.length === allowedBlob.length && timingSafeEqual(blob, allowedBlob);
      if (!sameKey) {
        if (ctx.signature) authAttempts++;
        ctx.reject(['publickey']);
        return;
      }
      // Without a signature the client only asks whether the key would do.
      if (!ctx.signature) {
        ctx.accept();
        return;
      }
      authAttempts++;
      if (ctx.blob && allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) ctx.accept();
      else ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, _reject, info) => {
          const stream = accept();
          const controller = new AbortController();
          stream.on('close', () => controller.abort());
          stream.on('error', () => undefined);
          const { handler } = options;
          if ('stream' in handler) serveStreaming(handler, info.command, stream, controller.signal);
          else serveBuffered(handler, info.command, stream, controller.signal);
        });
      });
    });
  });

  // Our own listener hands sockets to ssh2, so dropAll() can cut them.
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    ssh.injectSocket(socket);
  });

  const address = options.address ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    address,
    port,
    hostKeyBlob: publicBlobOf(hostKey),
    connections: () => connections,
    authAttempts: () => authAttempts,
    dropAll() {
      for (const socket of sockets) socket.destroy();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveStreaming(handler: StreamingExecHandler, command: string, stream: ServerChannel, signal: AbortSignal): void {
  const io: ExecIo = { stdin: stream, stdout: stream, stderr: stream.stderr, signal };
  handler.stream(command, io).then(
    (code) => reply(stream, signal, code),
    (err: Error) => reply(stream, signal, 255, `handler failed: ${err.message}\n`),
  );
}

function serveBuffered(handler: ExecHandler, command: string, stream: ServerChannel, signal: AbortSignal): void {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => {
    handler(command, Buffer.concat(chunks), signal).then(
      (result) => {
        if (signal.aborted) return;
        stream.stderr.write(result.stderr);
        stream.write(result.stdout);
        reply(stream, signal, result.code);
      },
      (err: Error) => reply(stream, signal, 255, `handler failed: ${err.message}\n`),
    );
  });
}

/** End the exec with its exit status (after a last message on stderr), unless the client already closed it. */
function reply(stream: ServerChannel, signal: AbortSignal, code: number, stderr?: string): void {
  if (signal.aborted) return;
  if (stderr !== undefined) stream.stderr.write(stderr);
  stream.exit(code);
  stream.end();
}
