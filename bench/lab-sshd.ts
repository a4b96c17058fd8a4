/**
 * The lab: N Debian OpenSSH servers, one per loopback address 127.0.0.10,
 * .11, ... all on one port, each with its own ed25519 host key, one client key
 * authorized for root. Only 127.0.0.x is ever used.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onCleanup } from './cleanup.js';
import { descendantsOf, killAll } from './proc-tree.js';

const run = promisify(execFile);

export const SSHD_PATH = '/usr/sbin/sshd';
const FIRST_OCTET = 10;
export const MAX_LAB_HOSTS = 255 - FIRST_OCTET;

export interface LabHost {
  name: string;
  address: string;
  /** Written into jail.conf only; never connected to. */
  jailIp: string;
}

export interface Lab {
  dir: string;
  port: number;
  hosts: LabHost[];
  clientKeyFile: string;
  knownHostsFile: string;
  /** Pids of the listener sshd processes (target-side CPU, lab-phases.ts). */
  serverPids(): number[];
  stop(): Promise<void>;
}

export function labHosts(count: number): LabHost[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `lab${String(i + 1).padStart(3, '0')}`,
    address: `127.0.0.${FIRST_OCTET + i}`,
    jailIp: `127.0.1.${FIRST_OCTET + i}`,
  }));
}

export interface LabOptions {
  /**
   * Keep root's login shell from reading ~/.bashrc in every session. Debian's
   * bash sources it for ssh commands; on the project machine it runs pyenv
   * init (~120 ms of CPU per exec, every tool, every exec), which a FreeBSD
   * target (root's shell sh or csh) does not pay. Done with SHLVL=1 in the
   * session: bash reads it only as a top-level shell (SHLVL < 2).
   */
  skipShellRc?: boolean;
}

export async function startLab(count: number, log: (line: string) => void, options: LabOptions = {}): Promise<Lab> {
  if (count < 1 || count > MAX_LAB_HOSTS) throw new Error(`--hosts must be 1..${MAX_LAB_HOSTS}`);
  const dir = await mkdtemp('/tmp/jailfleet-bench-lab-');
  const servers: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await stopServers(servers);
    await rm(dir, { recursive: true, force: true });
  };
  const unregister = onCleanup(stop);
  try {
    // Privilege separation needs this directory; Debian creates it only at boot.
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    const hosts = labHosts(count);
    const clientKeyFile = join(dir, 'id_ed25519');
    await keygen(clientKeyFile, 'jailfleet-bench-client');
    await writeFile(join(dir, 'authorized_keys'), await readFile(`${clientKeyFile}.pub`), { mode: 0o600 });
    await writeLockfShim(dir);
    log(`lab: generating ${count} host keys in ${dir}`);
    const hostKeys = await inBatches(hosts, 8, async (h) => {
      const file = join(dir, `host_${h.name}`);
      await keygen(file, `jailfleet-bench-${h.name}`);
      return { file, pub: (await readFile(`${file}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ') };
    });

    // Another process may take the port between probe and bind: retry a few times.
    for (let attempt = 0; ; attempt++) {
      const port = await freePort(hosts[0]!.address);
      try {
        await launchAll(dir, hosts, hostKeys.map((k) => k.file), port, servers, options);
      } catch (err) {
        await stopServers(servers);
        if (attempt >= 2) throw err;
        continue;
      }
      const knownHostsFile = join(dir, 'known_hosts');
      await writeFile(knownHostsFile, hosts.map((h, i) => `[${h.address}]:${port} ${hostKeys[i]!.pub}\n`).join(''));
      log(`lab: ${count} sshd on 127.0.0.${FIRST_OCTET}..${hosts.at(-1)!.address} port ${port}`);
      return {
        dir,
        port,
        hosts,
        clientKeyFile,
        knownHostsFile,
        serverPids: () => servers.flatMap((c) => (c.pid === undefined ? [] : [c.pid])),
        async stop() {
          unregister();
          await stop();
        },
      };
    }
  } catch (err) {
    unregister();
    await stop();
    throw err;
  }
}

/**
 * jailfleet runs each apply under lockf(1) (flock(1) where lockf is missing)
 * on /var/run/jailfleet.lock. The lab hosts share one file system, so that
 * would be one lock for all of them: they get a lockf on flock(1) first in
 * their PATH that locks a per-host file under the lab directory instead (a
 * real host has its own /var/run).
 */
const LOCKF_SHIM = `#!/bin/sh
# lockf(1) for the Linux lab hosts, on flock(1): lockf [-ks] [-t seconds] file command [args]
t=
while [ $# -gt 0 ]; do
  case $1 in
    -k|-s|-ks|-sk) shift ;;
    -t) t=$2; shift 2 ;;
    -t*) t=\${1#-t}; shift ;;
    *) break ;;
  esac
done
file=$1; shift
# \${file##*/}, not basename(1): a real lockf is one process, so the shim spends no more than it must.
lock="$JAILFLEET_LAB_LOCKS/$JAILFLEET_LAB_HOST.\${file##*/}"
if [ -n "$t" ]; then exec flock -E 75 -w "$t" "$lock" "$@"; fi
exec flock -E 75 "$lock" "$@"
`;

async function writeLockfShim(dir: string): Promise<void> {
  await mkdir(join(dir, 'bin'), { recursive: true });
  await mkdir(join(dir, 'locks'), { recursive: true });
  await writeFile(join(dir, 'bin', 'lockf'), LOCKF_SHIM, { mode: 0o755 });
}

function sshdConfig(dir: string, host: LabHost, keyFile: string, port: number, options: LabOptions): string {
  const path = `${join(dir, 'bin')}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
  const shlvl = options.skipShellRc ? ' SHLVL=1' : '';
  return [
    // The lab hosts share one file system: each keeps its session log (script.ts SESSION_LOG) apart, as it does its lock.
    `SetEnv PATH=${path} JAILFLEET_LAB_HOST=${host.name} JAILFLEET_LAB_LOCKS=${join(dir, 'locks')} JAILFLEET_DB_DIR=${join(dir, 'db', host.name)}${shlvl}`,
    `ListenAddress ${host.address}`,
    `Port ${port}`,
    `HostKey ${keyFile}`,
    `PidFile ${join(dir, `sshd_${host.name}.pid`)}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'MaxStartups 200:30:400',
    'MaxSessions 100',
    'LogLevel ERROR',
    '',
  ].join('\n');
}

async function launchAll(dir: string, hosts: LabHost[], keys: string[], port: number, servers: ChildProcess[], options: LabOptions): Promise<void> {
  const ready = hosts.map(async (host, i) => {
    const configFile = join(dir, `sshd_${host.name}.conf`);
    await writeFile(configFile, sshdConfig(dir, host, keys[i]!, port, options));
    const child = spawn(SSHD_PATH, ['-D', '-e', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    servers.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const exited = new Promise<never>((_, reject) => {
      child.once('exit', (code) => reject(new Error(`sshd for ${host.address}:${port} exited with ${code}: ${stderr.trim()}`)));
      child.once('error', reject);
    });
    exited.catch(() => undefined);
    await Promise.race([waitForPort(host.address, port, 10_000), exited]);
  });
  await Promise.all(ready);
}

async function stopServers(servers: ChildProcess[]): Promise<void> {
  const live = servers.splice(0).filter((c) => c.pid !== undefined && c.exitCode === null && c.signalCode === null);
  // Session processes first: SIGTERM to the listener leaves them running.
  for (const child of live) killAll(await descendantsOf(child.pid!));
  await Promise.all(
    live.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function keygen(file: string, comment: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

function freePort(address: string): Promise<number> {
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

async function waitForPort(address: string, port: number, timeoutMs: number): Promise<void> {
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
