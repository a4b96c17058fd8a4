import { beforeEach, describe, expect, it } from 'vitest';
import { jlsCommand } from '../../../src/sim/commands/jail/jls.js';
import type { SimJail } from '../../../src/sim/types.js';
import { harness, type Harness } from './helpers.js';

let h: Harness;
const jail = (over: Partial<SimJail>): SimJail => ({
  name: 'www',
  jid: 1,
  path: '/usr/jail/www',
  hostname: 'www.example.org',
  ip4: ['192.0.2.10'],
  params: { jid: '1', name: 'www', path: '/usr/jail/www', 'host.hostname': 'www.example.org', 'ip4.addr': '192.0.2.10', persist: 'true', 'allow.mount': 'false', 'host.domainname': '', 'ip6.addr': '', enforce_statfs: '2' },
  state: 'ACTIVE',
  ...over,
});

beforeEach(() => {
  h = harness();
  h.state.jails.push(jail({}), jail({ name: 'db', jid: 2, path: '/usr/jail/a-very-long-path-name', hostname: 'a-hostname-longer-than-twenty-nine-chars.example.org', ip4: [] }));
});
const jls = (...args: string[]) => h.call(jlsCommand, ['jls', ...args]);

const HEADER = '   JID  IP Address      Hostname                      Path\n';

describe('jls', () => {
  it('prints the default table with truncated columns', () => {
    expect(jls()).toEqual({
      stdout: HEADER + '     1  192.0.2.10      www.example.org               /usr/jail/www\n' + '     2                  a-hostname-longer-than-twenty /usr/jail/a-very-long-path-name\n',
      stderr: '',
      code: 0,
    });
  });

  it('prints one row with -j and the name column with -N', () => {
    expect(jls('-j', 'www').stdout).toBe(HEADER + '     1  192.0.2.10      www.example.org               /usr/jail/www\n');
    expect(jls('-N', '-j', 'www').stdout).toBe(
      ' JID             IP Address      Hostname                      Path\n' + ' www             192.0.2.10      www.example.org               /usr/jail/www\n',
    );
  });

  it('finds a jail by JID', () => {
    expect(jls('-j', '2', 'name').stdout).toBe('db\n');
  });

  it('reports a missing jail after the header', () => {
    expect(jls('-j', 'foo')).toEqual({ stdout: HEADER, stderr: 'jls: jail "foo" not found\n', code: 1 });
    expect(jls('-j', 'foo', 'jid')).toEqual({ stdout: '', stderr: 'jls: jail "foo" not found\n', code: 1 });
  });

  it('prints parameter values, with -h a header and - for empty values', () => {
    expect(jls('name').stdout).toBe('www\ndb\n');
    expect(jls('-j', 'www', 'jid', 'path').stdout).toBe('1 /usr/jail/www\n');
    expect(jls('-h', '-j', 'www', 'jid', 'path', 'host.domainname').stdout).toBe('jid path host.domainname\n1 /usr/jail/www -\n');
    expect(jls('-j', 'www', 'persist', 'allow.mount').stdout).toBe('true false\n');
  });

  it('prints name=value with -n, booleans as name/noname, top-level names first', () => {
    expect(jls('-n', '-j', 'www').stdout).toBe(
      'enforce_statfs=2 jid=1 name=www path=/usr/jail/www persist allow.nomount host.domainname="" host.hostname=www.example.org ip4.addr=192.0.2.10 ip6.addr=\n',
    );
    expect(jls('-n', '-j', 'www', 'name', 'persist').stdout).toBe('name=www persist\n');
  });

  it('quotes with -q', () => {
    h.state.jails[0]!.hostname = 'has space';
    expect(jls('-q', '-j', 'www', 'host.hostname', 'host.domainname').stdout).toBe('"has space" ""\n');
  });

  it('fails on an unknown parameter', () => {
    expect(jls('-j', 'www', 'nosuch')).toEqual({ stdout: '', stderr: 'jls: unknown parameter: nosuch\n', code: 1 });
  });

  it('prints the verbose layout', () => {
    expect(jls('-v', '-j', 'www').stdout).toBe(
      [
        '   JID  Hostname                      Path',
        '        Name                          State',
        '        CPUSetID',
        '        IP Address(es)',
        '     1  www.example.org               /usr/jail/www',
        '        www                           ACTIVE',
        '        2',
        '        192.0.2.10',
        '',
      ].join('\n'),
    );
  });

  it.each([['--libxo', 'json'], ['--libxo=json']])('prints libxo JSON (%s)', (...flag) => {
    expect(JSON.parse(jls(...flag, '-j', 'www').stdout)).toEqual({
      __version: '2',
      'jail-information': { jail: [{ jid: 1, ipv4: '192.0.2.10', hostname: 'www.example.org', path: '/usr/jail/www' }] },
    });
    expect(JSON.parse(jls(...flag, '-N').stdout)['jail-information'].jail[1]).toEqual({ name: 'db', ipv4: '', hostname: 'a-hostname-longer-than-twenty-nine-chars.example.org', path: '/usr/jail/a-very-long-path-name' });
  });

  it('shows no jails from inside a jail', () => {
    expect(jls('-N', '-j', 'www', 'name').code).toBe(0);
    expect(h.call(jlsCommand, ['jls', 'name'], { jail: 'www', root: '/usr/jail/www' }).stdout).toBe('');
  });
});
