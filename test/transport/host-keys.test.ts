import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UnreachableError } from '../../src/errors.js';
import { fingerprint, knownHostsLine, knownHostsName } from '../../src/transport/known-hosts.js';
import { SshTransport, type SshOptions } from '../../src/transport/ssh.js';
import { runLocalShell } from '../helpers/local-shell.js';
import { generateEcdsa, generateEd25519, publicBlobOf, startSsh2Server, type Ssh2TestServer } from '../helpers/ssh2-server.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { connectRefusal } from '../helpers/session-asserts.js';

let server: Ssh2TestServer;
let dir: string;
let keyFile: string;
let name: string;
let caseNo = 0;
let knownHostsFile: string;

beforeAll(async () => {
  dir = await makeTempDir();
  const client = generateEd25519();
  keyFile = join(dir, 'id_ed25519');
  await writeFile(keyFile, client.privateKey, { mode: 0o600 });
  server = await startSsh2Server({ authorizedKey: client.publicKey, handler: runLocalShell });
  name = knownHostsName(server.address, server.port);
});

afterAll(async () => {
  await server.close();
  await removeDir(dir);
});

beforeEach(() => {
  knownHostsFile = join(dir, `case-${++caseNo}`, '.ssh', 'known_hosts');
});

function options(overrides: Partial<SshOptions> = {}): SshOptions {
  return {
    host: 'web1',
    address: server.address,
    port: server.port,
    user: 'root',
    keyFile,
    agent: '',
    knownHostsFile,
    hostKeyChecking: 'strict',
    ...overrides,
  };
}

async function writeKnownHosts(text: string): Promise<void> {
  await mkdir(join(knownHostsFile, '..'), { recursive: true });
  await writeFile(knownHostsFile, text);
}

const refusalOf = (opts: SshOptions): Promise<UnreachableError> => connectRefusal(SshTransport.connect(opts));

describe('host key verification (ssh2 server)', () => {
  it('strict refuses an unknown key, naming host, key type and fingerprint, without retrying', async () => {
    const before = server.connections();
    const err = await refusalOf(options());
    expect(err.reason).toBe('hostkey');
    expect(err.message).toContain('web1');
    expect(err.message).toContain(name);
    expect(err.message).toContain('ssh-ed25519');
    expect(err.message).toContain(fingerprint(server.hostKeyBlob));
    expect(server.connections() - before).toBe(1);
  });

  it('accept-new records the key as [host]:port with safe modes, then strict accepts it', async () => {
    const transport = await SshTransport.connect(options({ hostKeyChecking: 'accept-new' }));
    expect((await transport.exec('printf ok')).stdout).toBe('ok');
    await transport.close();

    expect(await readFile(knownHostsFile, 'utf8')).toBe(`${name} ssh-ed25519 ${server.hostKeyBlob.toString('base64')}\n`);
    expect((await stat(knownHostsFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(knownHostsFile, '..'))).mode & 0o777).toBe(0o700);

    const again = await SshTransport.connect(options());
    expect((await again.exec('printf again')).stdout).toBe('again');
    await again.close();
    // Known now, so nothing more is appended.
    expect((await readFile(knownHostsFile, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses a changed key in both modes, printing both fingerprints', async () => {
    const old = publicBlobOf(generateEd25519().privateKey);
    const text = knownHostsLine(name, old);
    await writeKnownHosts(text);
    for (const mode of ['strict', 'accept-new'] as const) {
      const err = await refusalOf(options({ hostKeyChecking: mode }));
      expect(err.reason).toBe('hostkey');
      expect(err.message).toContain('web1');
      expect(err.message).toContain('ssh-ed25519');
      expect(err.message).toContain(`expected ssh-ed25519 ${fingerprint(old)}`);
      expect(err.message).toContain(`got ssh-ed25519 ${fingerprint(server.hostKeyBlob)}`);
    }
    expect(await readFile(knownHostsFile, 'utf8')).toBe(text);
  });

  it('accepts a hashed entry', async () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update(name).digest('base64');
    await writeKnownHosts(`# hashed\n|1|${salt.toString('base64')}|${hash} ssh-ed25519 ${server.hostKeyBlob.toString('base64')}\n`);
    const transport = await SshTransport.connect(options());
    await transport.close();
  });

  it('refuses a key marked @revoked', async () => {
    await writeKnownHosts(`${knownHostsLine(name, server.hostKeyBlob)}@revoked * ssh-ed25519 ${server.hostKeyBlob.toString('base64')}\n`);
    const err = await refusalOf(options({ hostKeyChecking: 'accept-new' }));
    expect(err.reason).toBe('hostkey');
    expect(err.message).toContain('revoked');
  });

  it('does not take a bare-host entry for a non-22 port', async () => {
    await writeKnownHosts(knownHostsLine(server.address, server.hostKeyBlob));
    expect((await refusalOf(options())).reason).toBe('hostkey');
  });
});

describe('host key algorithm preference', () => {
  let multi: Ssh2TestServer;
  let ecdsaBlob: Buffer;
  let multiKeyFile: string;

  beforeAll(async () => {
    const client = generateEd25519();
    multiKeyFile = join(dir, 'id_multi');
    await writeFile(multiKeyFile, client.privateKey, { mode: 0o600 });
    const ecdsa = generateEcdsa().privateKey;
    ecdsaBlob = publicBlobOf(ecdsa);
    multi = await startSsh2Server({ authorizedKey: client.publicKey, handler: runLocalShell, hostKey: ecdsa, extraHostKeys: [generateEd25519().privateKey] });
  });

  afterAll(async () => {
    await multi.close();
  });

  it('connects under strict to a host known only by its ECDSA key while it also has an Ed25519 key', async () => {
    await writeKnownHosts(knownHostsLine(knownHostsName(multi.address, multi.port), ecdsaBlob));
    const transport = await SshTransport.connect(options({ port: multi.port, keyFile: multiKeyFile }));
    await transport.close();
  });
});
