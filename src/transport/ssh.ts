/**
 * The production Transport: one ssh2 connection per host, reused for every
 * exec and session (DESIGN.md §4: round trips are the cost). The only file
 * that uses the ssh2 client; ssh-channel.ts drives the channels it opens.
 */
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import type { Client as SshClient, ConnectConfig, utils } from 'ssh2';

// ssh2's client and key parser, required by path: its index also loads the
// server, key generator and HTTP agents (node:http, https, tls), and an
// import() of CommonJS has Node scan each file's source for its exports
// first. ~8 ms of every run's start-up (issue 17). The package is left to
// Node by the bundle (scripts/bundle-cli.js), so this resolves the same.
const load = createRequire(import.meta.url);
const Client = load('ssh2/lib/client.js') as typeof SshClient;
const keyParser = load('ssh2/lib/protocol/keyParser.js') as { parseKey: typeof utils.parseKey };
type Client = SshClient;
import { UnreachableError } from '../errors.js';
import { becomeExec, becomeFailure, type BecomeOptions } from './become.js';
import { ChannelSlots } from './channel-slots.js';
import { classifyConnectError, redact, type ConnectFailure, type TaggedError } from './connect-errors.js';
import { createHostKeyCheck, preferredHostKeyAlgorithms, type HostKeyPolicy } from './host-key-check.js';
import { knownHostsName, knownKeyTypes, readKnownHosts } from './known-hosts.js';
import { ExecChannel } from './ssh-channel.js';
import { filterError, PLAIN_OUTPUT, SshSession, type OutputFilter } from './ssh-session.js';
import type { ExecOptions, ExecResult, ExecSession, ExecStreams, SessionOptions, Transport } from './transport.js';

export { passphraseFromEnv, PASSPHRASE_ENV } from './passphrase.js';

export interface SshOptions {
  /** Inventory name: used in messages and errors. */
  host: string;
  /** Address to connect to (from the jump host's side when `jump` is set). */
  address: string;
  port?: number;
  /** Default: the local user name, as ssh(1). */
  user?: string;
  keyFile?: string;
  /** For an encrypted keyFile; callers take it from passphraseFromEnv(). */
  passphrase?: string;
  /**
   * Asked when keyFile is encrypted and no passphrase was given (the CLI
   * prompts on a TTY). Never called otherwise.
   */
  askPassphrase?: (keyFile: string) => Promise<string | undefined>;
  /**
   * Key files this run has loaded, by file and passphrase: every host of a
   * run shares one read and parse of its key instead of one per connection
   * (issue 17; engine/ssh-connect.ts keeps one per run). Absent: read each time.
   */
  keyLoads?: Map<string, Promise<LoadedKey>>;
  /** ssh-agent socket; default SSH_AUTH_SOCK. */
  agent?: string;
  knownHostsFile: string;
  hostKeyChecking: HostKeyPolicy;
  /** TCP connect + handshake + auth. Default 10 s. */
  connectTimeoutMs?: number;
  /** Default for exec() when it gives no timeoutMs. Default: none. */
  commandTimeoutMs?: number;
  /** Detects a dead peer; three missed keepalives drop the connection. Default 15 s. */
  keepaliveIntervalMs?: number;
  /** Retries of transient connect failures. Default 3. */
  retries?: number;
  /** First backoff delay, doubled on each retry. Default 200 ms. */
  retryDelayMs?: number;
  /** Concurrent exec channels; OpenSSH's MaxSessions defaults to 10. */
  maxChannels?: number;
  /** Bastion: reach address:port through this connection's forwardOut. */
  jump?: SshTransport;
  /** Run every command as root through sudo or doas (become.ts). */
  become?: BecomeOptions;
}

const DEFAULTS = {
  port: 22,
  connectTimeoutMs: 10_000,
  keepaliveIntervalMs: 15_000,
  retries: 3,
  retryDelayMs: 200,
  maxChannels: 10,
};

export class SshTransport implements Transport {
  private opened = 0;
  private forwarded = 0;
  private lost: string | undefined;
  private closing = false;
  private socketClosed = false;
  /** Channels whose outcome is pending: a lost connection fails them all. */
  private readonly pending = new Set<ExecChannel>();
  private readonly slots: ChannelSlots;

  private constructor(
    readonly host: string,
    private readonly client: Client,
    private readonly options: SshOptions,
  ) {
    this.slots = new ChannelSlots(options.maxChannels ?? DEFAULTS.maxChannels);
    client.on('error', (err) => this.markLost(`connection error: ${err.message}`));
    client.on('end', () => this.markLost('connection closed by the remote host'));
    client.on('close', () => {
      this.socketClosed = true;
      this.markLost('connection closed by the remote host');
    });
  }

  static async connect(options: SshOptions): Promise<SshTransport> {
    const retries = options.retries ?? DEFAULTS.retries;
    const baseDelay = options.retryDelayMs ?? DEFAULTS.retryDelayMs;
    for (let attempt = 0; ; attempt++) {
      const outcome = await connectOnce(options);
      if (outcome instanceof Client) return new SshTransport(options.host, outcome, options);
      const detail = redact(outcome.detail, options.passphrase);
      if (!outcome.retriable || attempt >= retries) {
        const tries = attempt > 0 ? ` (after ${attempt + 1} attempts)` : '';
        throw new UnreachableError(options.host, outcome.reason, `${detail}${tries}`);
      }
      await sleep(baseDelay * 2 ** attempt);
    }
  }

  channels(): number {
    return this.opened;
  }

  /** False once the connection dropped or was closed; execs then reject with 'dropped'. */
  alive(): boolean {
    return this.lost === undefined;
  }

  /** Tunnels opened through this connection for hosts behind it (ProxyJump). */
  forwards(): number {
    return this.forwarded;
  }

  async exec(commandLine: string, options: ExecOptions = {}): Promise<ExecResult> {
    await this.takeSlot();
    try {
      const command = this.escalated(commandLine, options.stdin);
      const run = this.startChannel(command.commandLine, options.timeoutMs);
      try {
        await run.opened;
        run.end(command.stdin);
        return command.output.ended(await run.done);
      } catch (err) {
        throw filterError(err, command.output);
      }
    } finally {
      this.slots.release();
    }
  }

  /** One channel for the whole session, its slot held until the channel closes or fails. */
  async openSession(commandLine: string, options: SessionOptions = {}): Promise<ExecSession> {
    const { run, output } = await this.openLongChannel(commandLine, options.timeoutMs);
    return new SshSession(run, output);
  }

  /**
   * One channel driven as streams, its slot held until it closes. Under
   * become, the password line (sudo -S) is written before anything else;
   * stderr is kept (and redacted), stdout never is.
   */
  async openStreams(commandLine: string, options: SessionOptions = {}): Promise<ExecStreams> {
    const { run, output } = await this.openLongChannel(commandLine, undefined, { timeoutMs: options.timeoutMs });
    const done = run.done.then(
      (r) => {
        const ended = output.ended(r);
        return { code: ended.code, stderr: ended.stderr };
      },
      (err: unknown) => {
        throw filterError(err, output);
      },
    );
    done.catch(() => undefined);
    return { ...run.streams(), done };
  }

  /** A channel that stays open past this call (a session, streams): its slot is given back when it closes. */
  private async openLongChannel(commandLine: string, timeoutMs: number | undefined, streams?: { timeoutMs: number | undefined }): Promise<{ run: ExecChannel; output: OutputFilter }> {
    await this.takeSlot();
    const command = this.escalated(commandLine, undefined);
    const run = this.startChannel(command.commandLine, timeoutMs, streams);
    const release = (): void => this.slots.release();
    run.done.then(release, release);
    try {
      await run.opened;
    } catch (err) {
      throw filterError(err, command.output);
    }
    // sudo -S reads the password line first and leaves the rest of stdin to the command.
    if (command.stdin !== undefined) run.write(command.stdin);
    return { run, output: command.output };
  }

  /** A raw TCP stream to address:port opened by the remote sshd (direct-tcpip). */
  async forwardOut(address: string, port: number, timeoutMs = DEFAULTS.connectTimeoutMs): Promise<Duplex> {
    if (this.lost !== undefined) throw this.dropped();
    return new Promise<Duplex>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out opening a tunnel to ${address}:${port}`)), timeoutMs);
      this.client.forwardOut('127.0.0.1', 0, address, port, (err, stream) => {
        clearTimeout(timer);
        if (err) {
          reject(err);
          return;
        }
        this.forwarded++;
        resolve(stream);
      });
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.markLost('connection closed by jailfleet');
    if (this.socketClosed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2_000);
      this.client.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.client.end();
    });
  }

  /** Waits for a channel slot; rejects with 'dropped' when the connection is (or got) lost meanwhile. */
  private async takeSlot(): Promise<void> {
    if (this.lost !== undefined) throw this.dropped();
    await this.slots.acquire();
    if (this.lost === undefined) return;
    this.slots.release();
    throw this.dropped();
  }

  /** The command line and stdin that run `commandLine` (as root under become), and how to read its output. */
  private escalated(commandLine: string, stdin: string | Buffer | undefined): { commandLine: string; stdin?: string | Buffer; output: OutputFilter } {
    const become = this.options.become;
    if (!become) return { commandLine, ...(stdin !== undefined ? { stdin } : {}), output: PLAIN_OUTPUT };
    const secret = become.password;
    const text = (output: string): string => redact(output, secret);
    const output: OutputFilter = {
      text,
      // A refused escalation is the host refusing us, not the command failing: reject like a refused login.
      ended: (result) => {
        const failure = becomeFailure(become.method, result.code, result.stderr, secret !== undefined);
        if (failure !== undefined) throw new UnreachableError(this.host, 'auth', `become (${become.method}) failed: ${text(failure)}`);
        // Belt and braces: output that echoes the password must not carry it into logs.
        return { ...result, stdout: text(result.stdout), stderr: text(result.stderr) };
      },
      // sudo's default badpass_message: it wants another password line.
      ...(become.method === 'sudo' && secret !== undefined ? { retryLine: 'Sorry, try again.' } : {}),
    };
    return { ...becomeExec(commandLine, stdin, become), output };
  }

  /** Open an exec channel; its timer runs from now (timeoutMs, else commandTimeoutMs). */
  private startChannel(commandLine: string, timeoutMs: number | undefined, streams?: { timeoutMs: number | undefined }): ExecChannel {
    const run: ExecChannel = new ExecChannel({
      host: this.host,
      // A stream takes as long as its data does: only its own timeout applies.
      timeoutMs: streams ? streams.timeoutMs : (timeoutMs ?? this.options.commandTimeoutMs),
      lost: () => (this.lost !== undefined ? this.dropped() : undefined),
      onSettled: () => this.pending.delete(run),
      streamStdout: streams !== undefined,
    });
    this.pending.add(run);
    const refused = (message: string): void => {
      run.fail(this.lost !== undefined ? this.dropped() : new UnreachableError(this.host, 'connect', `cannot open an exec channel: ${message}`));
    };
    try {
      this.client.exec(commandLine, (err, ch) => {
        if (err) {
          refused(err.message);
          return;
        }
        this.opened++;
        run.attach(ch);
      });
    } catch (err) {
      refused((err as Error).message);
    }
    return run;
  }

  private markLost(reason: string): void {
    if (this.lost !== undefined) return;
    this.lost = reason;
    const err = this.dropped();
    for (const run of [...this.pending]) run.fail(err);
  }

  private dropped(): UnreachableError {
    return new UnreachableError(this.host, 'dropped', this.lost ?? 'connection lost');
  }
}

/** One connection attempt: a connected Client, or why it failed. */
async function connectOnce(options: SshOptions): Promise<Client | ConnectFailure> {
  const port = options.port ?? DEFAULTS.port;
  const timeoutMs = options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
  const auth = await loadKey(options);
  if ('reason' in auth) return auth;
  const entries = await readKnownHosts(options.knownHostsFile);
  const check = createHostKeyCheck({
    host: options.host,
    address: options.address,
    port,
    knownHostsFile: options.knownHostsFile,
    policy: options.hostKeyChecking,
    entries,
  });

  let sock: Duplex | undefined;
  if (options.jump) {
    try {
      sock = await options.jump.forwardOut(options.address, port, timeoutMs);
    } catch (err) {
      if (err instanceof UnreachableError) return { reason: 'connect', retriable: false, detail: `jump host ${err.message}` };
      // The bastion could not reach the target: as transient as ECONNREFUSED.
      return { reason: 'connect', retriable: true, detail: `through jump host ${options.jump.host}: ${(err as Error).message}` };
    }
  }

  const agent = options.agent ?? process.env.SSH_AUTH_SOCK;
  const config: ConnectConfig = {
    host: options.address,
    port,
    username: options.user ?? userInfo().username,
    readyTimeout: timeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULTS.keepaliveIntervalMs,
    keepaliveCountMax: 3,
    algorithms: { serverHostKey: preferredHostKeyAlgorithms(knownKeyTypes(entries, knownHostsName(options.address, port))) },
    hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
      check.verify(key).then(verify, () => verify(false));
    },
    ...(sock ? { sock } : {}),
    ...(auth.key ? { privateKey: auth.key, ...(auth.passphrase ? { passphrase: auth.passphrase } : {}) } : {}),
    ...(agent ? { agent } : {}),
  };

  const client = new Client();
  return new Promise((resolve) => {
    const onError = (err: TaggedError): void => {
      cleanup();
      // ssh2 may still emit errors while tearing down; nobody else listens yet.
      client.on('error', () => undefined);
      client.end();
      resolve(classifyConnectError(err, check.refusal()));
    };
    const onClose = (): void => onError({ message: 'connection closed before authentication completed' });
    const onReady = (): void => {
      cleanup();
      resolve(client);
    };
    const cleanup = (): void => {
      client.off('error', onError);
      client.off('close', onClose);
      client.off('ready', onReady);
    };
    client.on('error', onError);
    client.on('close', onClose);
    client.on('ready', onReady);
    try {
      client.connect(config);
    } catch (err) {
      onError({ message: (err as Error).message, level: 'client-authentication' });
    }
  });
}

/** A key file as connections use it (the bytes and the passphrase that opens them), or why it cannot be used. */
export type LoadedKey = { key?: Buffer; passphrase?: string } | ConnectFailure;

function loadKey(options: SshOptions): Promise<LoadedKey> {
  if (!options.keyFile) return Promise.resolve({});
  const loads = options.keyLoads;
  if (!loads) return readKey(options, options.keyFile);
  const id = `${options.keyFile}\0${options.passphrase ?? ''}`;
  let loaded = loads.get(id);
  if (!loaded) {
    loaded = readKey(options, options.keyFile);
    loads.set(id, loaded);
  }
  return loaded;
}

/** Read and decrypt the key up front, so a bad passphrase is an auth error and says so. */
async function readKey(options: SshOptions, keyFile: string): Promise<LoadedKey> {
  let key: Buffer;
  try {
    key = await readFile(keyFile);
  } catch (err) {
    return { reason: 'auth', retriable: false, detail: `cannot read key file ${keyFile}: ${(err as Error).message}` };
  }
  let passphrase = options.passphrase;
  let parsed = keyParser.parseKey(key, passphrase);
  // ssh2 says "Encrypted ... key detected, but no passphrase given".
  if (parsed instanceof Error && passphrase === undefined && options.askPassphrase && /encrypted/i.test(parsed.message)) {
    passphrase = await options.askPassphrase(keyFile);
    if (passphrase !== undefined) parsed = keyParser.parseKey(key, passphrase);
  }
  if (parsed instanceof Error) {
    const hint = passphrase ? 'wrong passphrase or unsupported key' : 'encrypted key needs a passphrase (JAILFLEET_SSH_PASSPHRASE) or unsupported key';
    return {
      reason: 'auth',
      retriable: false,
      detail: redact(`cannot use key file ${keyFile}: ${hint} (${parsed.message})`, passphrase),
    };
  }
  return passphrase === undefined ? { key } : { key, passphrase };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
