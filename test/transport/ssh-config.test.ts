import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/inventory/types.js';
import { buildSshOptions, expandPath, resolveSshConfig } from '../../src/transport/ssh-config.js';
import { formatJumpHop, parseJumpSpec } from '../../src/transport/jump-pool.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';

const CONFIG = `
Host bastion
  HostName 127.0.0.9
  User jump

Host web*
  HostName %h.lab.example
  Port 2222
  IdentityFile ~/.ssh/web_key
  ProxyJump bastion

Host db1
  HostName 10.1.0.5
  ProxyJump none
  UserKnownHostsFile ~/.ssh/lab_known_hosts /etc/ssh/other

Host *
  User admin
  IdentityFile ~/.ssh/id_fleet
`;

describe('resolveSshConfig', () => {
  it('computes the first matching value of each directive', () => {
    expect(resolveSshConfig('web1', CONFIG)).toEqual({
      hostName: 'web1.lab.example',
      port: 2222,
      user: 'admin',
      identityFile: [join(homedir(), '.ssh/web_key'), join(homedir(), '.ssh/id_fleet')],
      proxyJump: 'bastion',
    });
  });

  it('treats ProxyJump none as no jump and keeps the first UserKnownHostsFile', () => {
    const db = resolveSshConfig('db1', CONFIG);
    expect(db.proxyJump).toBeUndefined();
    expect(db.hostName).toBe('10.1.0.5');
    expect(db.userKnownHostsFile).toBe(join(homedir(), '.ssh/lab_known_hosts'));
  });

  it('returns nothing for an empty config', () => {
    expect(resolveSshConfig('web1', '')).toEqual({});
  });

  it('expands ~ and tokens', () => {
    expect(expandPath('~/.ssh/id_%h', { h: 'web1' }, '/home/ops')).toBe('/home/ops/.ssh/id_web1');
    expect(expandPath('%d/keys/%%x', {}, '/home/ops')).toBe('/home/ops/keys/%x');
    expect(expandPath('/abs/path', {}, '/home/ops')).toBe('/abs/path');
  });
});

describe('buildSshOptions', () => {
  let home: string;
  beforeAll(async () => {
    home = await makeTempDir();
    await mkdir(join(home, '.ssh'));
    await writeFile(join(home, '.ssh', 'id_fleet'), 'not really a key');
  });
  afterAll(async () => removeDir(home));

  const conn = (over: Partial<Connection> = {}): Connection => ({ transport: 'ssh', address: 'web1', hostKeyChecking: 'strict', ...over });

  it('takes HostName, Port, User, the first existing IdentityFile and ProxyJump from the config', () => {
    const options = buildSshOptions(conn(), 'web1', { configText: CONFIG, home, passphrase: 'pp' });
    expect(options).toMatchObject({
      host: 'web1',
      address: 'web1.lab.example',
      port: 2222,
      user: 'admin',
      keyFile: join(home, '.ssh', 'id_fleet'),
      knownHostsFile: join(home, '.ssh', 'known_hosts'),
      hostKeyChecking: 'strict',
      proxyJump: 'bastion',
      passphrase: 'pp',
    });
  });

  it('lets inventory variables win over the config', () => {
    const options = buildSshOptions(
      conn({ port: 22, user: 'root', key: '~/.ssh/inv_key', knownHosts: '~/kh', hostKeyChecking: 'accept-new' }),
      'web1',
      { configText: CONFIG, home },
    );
    expect(options).toMatchObject({
      port: 22,
      user: 'root',
      keyFile: join(home, '.ssh', 'inv_key'),
      knownHostsFile: join(home, 'kh'),
      hostKeyChecking: 'accept-new',
    });
  });

  it('uses the inventory name as alias when ssh_host is absent, and the config when it is an alias', () => {
    const options = buildSshOptions(conn({ address: 'db1' }), 'database', { configText: CONFIG, home });
    expect(options.host).toBe('database');
    expect(options.address).toBe('10.1.0.5');
    expect(options.proxyJump).toBeUndefined();
  });

  it('reads the passphrase from JAILFLEET_SSH_PASSPHRASE', () => {
    const saved = process.env.JAILFLEET_SSH_PASSPHRASE;
    process.env.JAILFLEET_SSH_PASSPHRASE = 'from-env';
    try {
      expect(buildSshOptions(conn(), 'web1', { configText: '', home }).passphrase).toBe('from-env');
    } finally {
      if (saved === undefined) delete process.env.JAILFLEET_SSH_PASSPHRASE;
      else process.env.JAILFLEET_SSH_PASSPHRASE = saved;
    }
  });
});

describe('ProxyJump specs', () => {
  it('parses [user@]host[:port] hops', () => {
    expect(parseJumpSpec('bastion')).toEqual([{ host: 'bastion' }]);
    expect(parseJumpSpec('ops@gw:2200,inner')).toEqual([{ user: 'ops', host: 'gw', port: 2200 }, { host: 'inner' }]);
    expect(parseJumpSpec('[::1]:22')).toEqual([{ host: '::1', port: 22 }]);
    expect(formatJumpHop({ user: 'ops', host: 'gw', port: 2200 })).toBe('ops@gw:2200');
  });
});
