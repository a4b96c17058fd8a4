import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { knownHostsLine, knownHostsName } from '../../src/transport/known-hosts.js';
import { SshTransport, type SshOptions } from '../../src/transport/ssh.js';
import { runLocalShell } from '../helpers/local-shell.js';
import { freePort } from '../helpers/sshd.js';
import { generateEd25519, publicBlobOf, startSsh2Server, type Ssh2TestServer } from '../helpers/ssh2-server.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { connectRefusal } from '../helpers/session-asserts.js';

let dir: string;
let keyFile: string;
let clientPublic: string;
const hostKey = generateEd25519().privateKey;
const servers: Ssh2TestServer[] = [];

beforeAll(async () => {
  dir = await makeTempDir();
  const client = generateEd25519();
  clientPublic = client.publicKey;
  keyFile = join(dir, 'id_ed25519');
  await writeFile(keyFile, client.privateKey, { mode: 0o600 });
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => removeDir(dir));

async function options(port: number, overrides: Partial<SshOptions> = {}): Promise<SshOptions> {
  const knownHostsFile = join(dir, `known_hosts_${port}`);
  await writeFile(knownHostsFile, knownHostsLine(knownHostsName('127.0.0.1', port), publicBlobOf(hostKey)));
  return { host: 'web1', address: '127.0.0.1', port, user: 'root', keyFile, agent: '', knownHostsFile, hostKeyChecking: 'strict', ...overrides };
}

describe('connect retries', () => {
  it('retries a refused connection with backoff until the host starts listening', async () => {
    const port = await freePort('127.0.0.1');
    const started = Date.now();
    const connecting = SshTransport.connect(await options(port));
    await new Promise((resolve) => setTimeout(resolve, 300));
    servers.push(await startSsh2Server({ authorizedKey: clientPublic, handler: runLocalShell, hostKey, port }));
    const transport = await connecting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect((await transport.exec('printf up')).stdout).toBe('up');
    await transport.close();
  });

  it('gives up after the configured retries', async () => {
    const port = await freePort('127.0.0.1');
    const started = Date.now();
    const err = await connectRefusal(SshTransport.connect(await options(port, { retries: 2, retryDelayMs: 50 })));
    expect(err.reason).toBe('connect');
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).toContain('after 3 attempts');
    // 50 + 100 ms of backoff.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('does not retry an authentication failure', async () => {
    const stranger = generateEd25519();
    const server = await startSsh2Server({ authorizedKey: stranger.publicKey, handler: runLocalShell, hostKey });
    servers.push(server);
    const err = await connectRefusal(SshTransport.connect(await options(server.port)));
    expect(err.reason).toBe('auth');
    expect(server.connections()).toBe(1);
  });
});

describe('key passphrases', () => {
  it('never puts the passphrase in an error message', async () => {
    const secret = 'hunter2-very-secret';
    const server = await startSsh2Server({ authorizedKey: clientPublic, handler: runLocalShell, hostKey });
    servers.push(server);
    // An unencrypted key given with a "passphrase" still works; a garbage key file must fail as auth.
    const garbage = join(dir, 'garbage_key');
    await writeFile(garbage, `-----BEGIN OPENSSH PRIVATE KEY-----\n${secret}\n-----END OPENSSH PRIVATE KEY-----\n`);
    const err = await connectRefusal(SshTransport.connect(await options(server.port, { keyFile: garbage, passphrase: secret })));
    expect(err.reason).toBe('auth');
    expect(err.message).not.toContain(secret);
    expect(server.connections()).toBe(0);
  });
});

describe('key files within a run', () => {
  it('connections sharing keyLoads read the key once; without it each connection reads the file', async () => {
    const port = await freePort('127.0.0.1');
    servers.push(await startSsh2Server({ authorizedKey: clientPublic, handler: runLocalShell, hostKey, port }));
    const once = join(dir, 'id_once');
    await writeFile(once, await readFile(keyFile), { mode: 0o600 });
    const keyLoads: SshOptions['keyLoads'] = new Map();
    const first = await SshTransport.connect(await options(port, { keyFile: once, keyLoads }));
    await first.close();
    await rm(once);
    // The run already holds the key: the file being gone since does not matter to it.
    const second = await SshTransport.connect(await options(port, { keyFile: once, keyLoads }));
    expect((await second.exec('printf again')).stdout).toBe('again');
    await second.close();
    const err = await connectRefusal(SshTransport.connect(await options(port, { keyFile: once })));
    expect(err.reason).toBe('auth');
    expect(err.message).toContain(`cannot read key file ${once}`);
  });
});
