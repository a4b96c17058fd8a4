/**
 * Interoperability with Debian's OpenSSH: host keys (fingerprints, hashed
 * entries, what accept-new writes), encrypted keys, and ProxyJump.
 */
import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JumpPool, hopOptionsFrom, openWithJumps } from '../../src/transport/jump-pool.js';
import { knownHostsName } from '../../src/transport/known-hosts.js';
import { buildSshOptions } from '../../src/transport/ssh-config.js';
import { SshTransport, type SshOptions } from '../../src/transport/ssh.js';
import { skipWithoutSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { connectRefusal } from '../helpers/session-asserts.js';

const run = promisify(execFile);

describe.skipIf(skipWithoutSshd())('OpenSSH interoperability', () => {
  let sshd: Sshd;
  let dir: string;
  let name: string;

  beforeAll(async () => {
    sshd = await startSshd();
    dir = await makeTempDir();
    name = knownHostsName(sshd.address, sshd.port);
  });

  afterAll(async () => {
    await sshd?.stop();
    await removeDir(dir);
  });

  const options = (knownHostsFile: string, overrides: Partial<SshOptions> = {}): SshOptions => ({
    host: 'fbsd1',
    address: sshd.address,
    port: sshd.port,
    user: 'root',
    keyFile: sshd.clientKeyFile,
    agent: '',
    knownHostsFile,
    hostKeyChecking: 'strict',
    ...overrides,
  });

  it('refuses an unknown key under strict with the fingerprint ssh-keygen prints', async () => {
    const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${sshd.hostKeyFile}.pub`]);
    const expected = stdout.split(' ')[1];
    expect(expected).toMatch(/^SHA256:/);
    const err = await connectRefusal(SshTransport.connect(options(join(dir, 'missing', 'known_hosts'))));
    expect(err.reason).toBe('hostkey');
    expect(err.message).toContain('fbsd1');
    expect(err.message).toContain('ssh-ed25519');
    expect(err.message).toContain(expected);
  });

  it('writes under accept-new an entry that ssh-keygen -F and ssh(1) accept', async () => {
    const file = join(dir, 'accept', '.ssh', 'known_hosts');
    const transport = await SshTransport.connect(options(file, { hostKeyChecking: 'accept-new' }));
    await transport.close();
    expect(await readFile(file, 'utf8')).toBe(`${name} ${sshd.hostPublicKey}\n`);
    const found = await run('ssh-keygen', ['-F', name, '-f', file]);
    expect(found.stdout).toContain(sshd.hostPublicKey);
    const ssh = await run('ssh', [
      '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${file}`, '-F', '/dev/null',
      '-i', sshd.clientKeyFile, '-p', String(sshd.port), `root@${sshd.address}`, 'printf ok',
    ]);
    expect(ssh.stdout).toBe('ok');
    const strict = await SshTransport.connect(options(file));
    await strict.close();
  });

  it('accepts an entry hashed by ssh-keygen -H', async () => {
    const file = join(dir, 'hashed_known_hosts');
    await writeFile(file, `${name} ${sshd.hostPublicKey}\n`);
    await run('ssh-keygen', ['-H', '-f', file]);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('|1|')).toBe(true);
    expect(text).not.toContain(sshd.address);
    const transport = await SshTransport.connect(options(file));
    expect((await transport.exec('printf hashed')).stdout).toBe('hashed');
    await transport.close();
  });

  it('refuses a changed key in both modes with both fingerprints', async () => {
    const other = join(dir, 'other_key');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const otherPub = (await readFile(`${other}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    const file = join(dir, 'changed_known_hosts');
    await writeFile(file, `${name} ${otherPub}\n`);
    const fp = async (f: string): Promise<string> => (await run('ssh-keygen', ['-l', '-f', f])).stdout.split(' ')[1] ?? '';
    for (const mode of ['strict', 'accept-new'] as const) {
      const err = await connectRefusal(SshTransport.connect(options(file, { hostKeyChecking: mode })));
      expect(err.reason).toBe('hostkey');
      expect(err.message).toContain(await fp(`${other}.pub`));
      expect(err.message).toContain(await fp(`${sshd.hostKeyFile}.pub`));
    }
  });

  it('uses a passphrase-protected key and keeps the passphrase out of auth errors', async () => {
    const secret = 'correct horse battery';
    const encrypted = join(dir, 'encrypted_key');
    await copyFile(sshd.clientKeyFile, encrypted);
    await run('ssh-keygen', ['-q', '-p', '-N', secret, '-f', encrypted]);
    const file = join(dir, 'pp_known_hosts');
    await writeFile(file, `${name} ${sshd.hostPublicKey}\n`);

    const ok = await SshTransport.connect(options(file, { keyFile: encrypted, passphrase: secret }));
    await ok.close();
    const wrong = await connectRefusal(SshTransport.connect(options(file, { keyFile: encrypted, passphrase: `${secret}!` })));
    expect(wrong.reason).toBe('auth');
    expect(wrong.message).not.toContain(secret);
    const missing = await connectRefusal(SshTransport.connect(options(file, { keyFile: encrypted })));
    expect(missing.reason).toBe('auth');
    expect(missing.message).toContain('JAILFLEET_SSH_PASSPHRASE');
  });

  it('asks for the passphrase of an encrypted key (the CLI prompts on a TTY) and only then', async () => {
    const secret = 'tty typed secret';
    const encrypted = join(dir, 'asked_key');
    await copyFile(sshd.clientKeyFile, encrypted);
    await run('ssh-keygen', ['-q', '-p', '-N', secret, '-f', encrypted]);
    const file = join(dir, 'ask_known_hosts');
    await writeFile(file, `${name} ${sshd.hostPublicKey}\n`);
    const asked: string[] = [];
    const ask = async (keyFile: string): Promise<string> => {
      asked.push(keyFile);
      return secret;
    };
    const ok = await SshTransport.connect(options(file, { keyFile: encrypted, askPassphrase: ask }));
    expect((await ok.exec('echo in')).stdout).toBe('in\n');
    await ok.close();
    expect(asked).toEqual([encrypted]);
    // An unencrypted key never triggers the question.
    const plain = await SshTransport.connect(options(file, { keyFile: sshd.clientKeyFile, askPassphrase: ask }));
    await plain.close();
    expect(asked).toHaveLength(1);
    const wrong = await connectRefusal(SshTransport.connect(options(file, { keyFile: encrypted, askPassphrase: async () => 'nope nope' })));
    expect(wrong.reason).toBe('auth');
    expect(wrong.message).not.toContain('nope nope');
  });

  it('fails authentication with an unauthorized key as auth', async () => {
    const stranger = join(dir, 'stranger_key');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    const file = join(dir, 'auth_known_hosts');
    await writeFile(file, `${name} ${sshd.hostPublicKey}\n`);
    const err = await connectRefusal(SshTransport.connect(options(file, { keyFile: stranger })));
    expect(err.reason).toBe('auth');
  });
});

describe.skipIf(skipWithoutSshd())('ProxyJump through an OpenSSH bastion', () => {
  let bastion: Sshd;
  let targets: Sshd[];
  let dir: string;
  let configText: string;
  let knownHostsFile: string;

  beforeAll(async () => {
    bastion = await startSshd({ logLevel: 'DEBUG1' });
    targets = [await startSshd(), await startSshd()];
    dir = await makeTempDir();
    knownHostsFile = join(dir, 'known_hosts');
    await writeFile(
      knownHostsFile,
      [bastion, ...targets].map((s) => `${knownHostsName(s.address, s.port)} ${s.hostPublicKey}\n`).join(''),
    );
    const hostBlock = (alias: string, s: Sshd, jump?: string): string =>
      [`Host ${alias}`, `  HostName ${s.address}`, `  Port ${s.port}`, '  User root', `  IdentityFile ${s.clientKeyFile}`, ...(jump ? [`  ProxyJump ${jump}`] : []), ''].join('\n');
    configText = [hostBlock('bastion', bastion), ...targets.map((t, i) => hostBlock(`target${i}`, t, 'bastion'))].join('\n');
  });

  afterAll(async () => {
    await Promise.all([bastion, ...(targets ?? [])].map((s) => s?.stop()));
    await removeDir(dir);
  });

  it('reaches two targets through one shared bastion connection', async () => {
    const input = { configText, agent: '', knownHostsFile };
    const pool = new JumpPool(hopOptionsFrom(input, 'strict'));
    const hosts = await Promise.all(
      targets.map((_, i) => openWithJumps(buildSshOptions({ transport: 'ssh', address: `target${i}`, hostKeyChecking: 'strict' }, `t${i}`, input), pool)),
    );
    try {
      const results = await Promise.all(hosts.map((h) => h.exec('printf "%s" "$SSH_CONNECTION"')));
      const jumpConnection = await pool.get('bastion');
      // One bastion connection, one direct-tcpip tunnel per target.
      expect(jumpConnection.forwards()).toBe(2);
      expect(jumpConnection.channels()).toBe(0);
      targets.forEach((t, i) => {
        // SSH_CONNECTION ends with the server address and port the target saw.
        expect(results[i]?.stdout.endsWith(`${t.address} ${t.port}`)).toBe(true);
        expect(bastion.log()).toContain(`target ${t.address} port ${t.port}`);
      });
      expect(bastion.log()).toContain('direct-tcpip');
    } finally {
      await Promise.all(hosts.map((h) => h.close()));
      await pool.closeAll();
    }
  });
});
