/**
 * A real OpenSSH sshd for tests: `/usr/sbin/sshd -D -e` as a child process on
 * a random 127.0.0.x and a free port, with keys generated in a temp dir.
 * Tests run as root (here and in CI), so the client logs in as root.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, removeDir } from './temp-dir.js';
import { skipUnless } from './requires.js';

const run = promisify(execFile);

export const SSHD_PATH = '/usr/sbin/sshd';

export function sshdAvailable(): boolean {
  return existsSync(SSHD_PATH) && existsSync('/usr/bin/ssh-keygen') && process.getuid?.() === 0;
}

export interface SshdOptions {
  /** ERROR by default; DEBUG1 logs each direct-tcpip (ProxyJump) target. */
  logLevel?: 'ERROR' | 'INFO' | 'VERBOSE' | 'DEBUG1';
  /** Use this address instead of a random 127.0.0.x. */
  address?: string;
  /** Extra sshd_config lines. */
  extraConfig?: string[];
}

export interface Sshd {
  address: string;
  port: number;
  dir: string;
  user: 'root';
  /** Private key whose public half is authorized. */
  clientKeyFile: string;
  /** Host public key line: "ssh-ed25519 AAAA...". */
  hostPublicKey: string;
  hostKeyFile: string;
  /** sshd's stderr so far (-e). */
  log(): string;
  /** SIGKILL every session process of this sshd: clients see the TCP connection drop. */
  killSessions(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  const dir = await makeTempDir('jailfleet-sshd-');
  // Privilege separation needs this directory; Debian creates it only at boot.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKeyFile = join(dir, 'ssh_host_ed25519_key');
  const clientKeyFile = join(dir, 'id_ed25519');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'jailfleet-test-host', '-f', hostKeyFile]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'jailfleet-test-client', '-f', clientKeyFile]);
  await writeFile(join(dir, 'authorized_keys'), await readFile(`${clientKeyFile}.pub`), { mode: 0o600 });
  const hostPublicKey = (await readFile(`${hostKeyFile}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');

  // Another test may grab the port between probe and bind: retry a few times.
  for (let attempt = 0; ; attempt++) {
    const address = options.address ?? randomLoopback();
    const port = await freePort(address);
    const configFile = join(dir, 'sshd_config');
    await writeFile(configFile, sshdConfig(dir, address, port, hostKeyFile, options));
    try {
      return await launch({ dir, address, port, configFile, hostKeyFile, clientKeyFile, hostPublicKey });
    } catch (err) {
      if (attempt >= 4) {
        await removeDir(dir);
        throw err;
      }
    }
  }
}

function sshdConfig(dir: string, address: string, port: number, hostKeyFile: string, options: SshdOptions): string {
  return [
    `ListenAddress ${address}`,
    `Port ${port}`,
    `HostKey ${hostKeyFile}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'AllowTcpForwarding yes',
    'MaxSessions 50',
    'MaxStartups 100',
    'MaxAuthTries 6',
    `LogLevel ${options.logLevel ?? 'ERROR'}`,
    ...(options.extraConfig ?? []),
    '',
  ].join('\n');
}

interface LaunchInput {
  dir: string;
  address: string;
  port: number;
  configFile: string;
  hostKeyFile: string;
  clientKeyFile: string;
  hostPublicKey: string;
}

async function launch(input: LaunchInput): Promise<Sshd> {
  const child = spawn(SSHD_PATH, ['-D', '-e', '-f', input.configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`sshd exited with ${code}: ${log.trim()}`)));
    child.once('error', reject);
  });
  exited.catch(() => undefined);
  await Promise.race([waitForPort(input.address, input.port, 10_000), exited]);

  return {
    address: input.address,
    port: input.port,
    dir: input.dir,
    user: 'root',
    clientKeyFile: input.clientKeyFile,
    hostPublicKey: input.hostPublicKey,
    hostKeyFile: input.hostKeyFile,
    log: () => log,
    killSessions: () => killDescendants(child),
    async stop() {
      await killDescendants(child);
      await stopChild(child);
      await removeDir(input.dir);
    },
  };
}

function randomLoopback(): string {
  return `127.0.0.${2 + Math.floor(Math.random() * 253)}`;
}

export function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, address, () => {
      const info = probe.address();
      const port = typeof info === 'object' && info ? info.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function waitForPort(address: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: address, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on ${address}:${port} after ${timeoutMs} ms`);
}

/** Session processes are this sshd's descendants; find them through /proc by parent pid. */
async function killDescendants(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const parents = new Map<number, number[]>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // Field 4 is the parent pid; the command name (field 2) may hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isFinite(ppid)) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
  }
  const descendants: number[] = [];
  const walk = (pid: number): void => {
    for (const kid of parents.get(pid) ?? []) {
      descendants.push(kid);
      walk(kid);
    }
  };
  walk(child.pid);
  for (const pid of descendants) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Whether to skip the OpenSSH suites. Under CI=true they must run: a missing
 * sshd is a broken CI image, so fail loudly instead of skipping.
 */
export function skipWithoutSshd(): boolean {
  if (sshdAvailable()) return false;
  const why = `${SSHD_PATH} and ssh-keygen (apt-get install -y openssh-server openssh-client) and root are needed`;
  if (process.env.CI === 'true') throw new Error(`CI=true but the OpenSSH suite cannot run: ${why}`);
  return skipUnless(false, `OpenSSH tests: ${why}`);
}

/** An inventory host entry (YAML, under `all: hosts:`) that reaches `sshd` with its client key and strict host keys. */
export function sshdInventoryHost(sshd: Sshd, name: string, knownHostsFile: string, extra: { user?: string; become?: 'sudo' | 'doas' } = {}): string {
  return [
    `    ${name}:`,
    `      ssh_host: ${sshd.address}`,
    `      ssh_port: ${sshd.port}`,
    `      ssh_user: ${extra.user ?? 'root'}`,
    `      ssh_key: ${sshd.clientKeyFile}`,
    `      ssh_known_hosts: ${knownHostsFile}`,
    '      ssh_host_key_checking: strict',
    ...(extra.become ? [`      become: ${extra.become}`] : []),
  ].join('\n');
}
