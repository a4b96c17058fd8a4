import { beforeEach, describe, expect, it } from 'vitest';
import { freshHostState } from '../../../src/sim/seed.js';
import { runner, type Runner } from './harness.js';

let h: Runner;
const run = (...argv: string[]) => h.exec(argv);

beforeEach(() => {
  h = runner(freshHostState({ hostname: 'alpha.example.org', address: '192.0.2.10' }));
});

describe('sysctl', () => {
  it.each([
    [['sysctl', 'kern.hostname'], 'kern.hostname: alpha.example.org\n', '', 0],
    [['sysctl', '-n', 'security.jail.set_hostname_allowed'], '1\n', '', 0],
    [['sysctl', '-e', 'net.inet.ip.forwarding'], 'net.inet.ip.forwarding=0\n', '', 0],
    [['sysctl', 'net.inet.ip.forwarding=1'], 'net.inet.ip.forwarding: 0 -> 1\n', '', 0],
    [['sysctl', 'security.jail.set_hostname_allowed=0'], 'security.jail.set_hostname_allowed: 1 -> 0\n', '', 0],
    [['sysctl', 'no.such.oid'], '', "sysctl: unknown oid 'no.such.oid'\n", 1],
    [['sysctl', 'no.such.oid=1'], '', "sysctl: unknown oid 'no.such.oid'\n", 1],
    [['sysctl', '-i', 'no.such.oid'], '', '', 0],
    [['sysctl', 'security.jail.jailed=1'], '', "sysctl: oid 'security.jail.jailed' is read only\n", 1],
    [['sysctl', 'kern.osrelease'], 'kern.osrelease: 14.2-RELEASE\n', '', 0],
    [['sysctl', 'net.inet.ip.forwarding=yes'], '', "sysctl: invalid integer 'yes'\n", 1],
  ])('%j', (argv, stdout, stderr, code) => {
    expect(run(...argv)).toEqual({ stdout, stderr, code });
  });

  it('a write is kept, kern.hostname renames the host', () => {
    run('sysctl', 'kern.hostname=beta');
    expect(run('sysctl', '-n', 'kern.hostname').stdout).toBe('beta\n');
    expect(h.state.hostname).toBe('beta');
  });

  it('inside a jail: jailed reads 1 and writes are refused', () => {
    h.state.jails.push({ name: 'www', jid: 1, path: '/', hostname: 'www.example.org', ip4: ['192.0.2.50'], params: {}, state: 'ACTIVE' });
    expect(h.exec(['sysctl', '-n', 'security.jail.jailed', 'kern.hostname'], { jail: 'www' }).stdout).toBe('1\nwww.example.org\n');
    expect(h.exec(['sysctl', 'net.inet.ip.forwarding=1'], { jail: 'www' })).toEqual({
      stdout: '',
      stderr: 'sysctl: net.inet.ip.forwarding: Operation not permitted\n',
      code: 1,
    });
  });
});

describe('ifconfig', () => {
  const em0 = (extra = '') =>
    `em0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n` +
    `\toptions=4e524bb<RXCSUM,TXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,LRO,WOL_MAGIC,VLAN_HWFILTER,VLAN_HWTSO,RXCSUM_IPV6,TXCSUM_IPV6,HWSTATS,MEXTPG>\n` +
    `\tether ${h.state.interfaces[0]!.ether}\n` +
    `\tinet 192.0.2.10 netmask 0xffffff00 broadcast 192.0.2.255\n${extra}` +
    `\tmedia: Ethernet autoselect (1000baseT <full-duplex>)\n\tstatus: active\n\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n`;
  const alias = '\tinet 192.0.2.100 netmask 0xffffffff broadcast 192.0.2.100\n';

  it('lists one interface and all names', () => {
    expect(run('ifconfig', 'em0')).toEqual({ stdout: em0(), stderr: '', code: 0 });
    expect(run('ifconfig', '-l').stdout).toBe('em0 lo0\n');
    expect(run('ifconfig').stdout.startsWith(em0() + 'lo0: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 16384\n')).toBe(true);
  });

  it.each([
    [['em0', 'alias', '192.0.2.100/32'], ['em0', 'inet', '192.0.2.100', '-alias']],
    [['em0', 'inet', '192.0.2.100/32', 'alias'], ['em0', '-alias', '192.0.2.100']],
    [['em0', 'inet', '192.0.2.100', 'netmask', '255.255.255.255', 'alias'], ['em0', 'inet', '192.0.2.100', 'delete']],
  ])('add %j, remove %j', (add, remove) => {
    expect(run('ifconfig', ...add)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(run('ifconfig', 'em0').stdout).toBe(em0(alias));
    expect(run('ifconfig', ...remove)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(run('ifconfig', 'em0').stdout).toBe(em0());
  });

  it('errors', () => {
    expect(run('ifconfig', 'em9')).toEqual({ stdout: '', stderr: 'ifconfig: interface em9 does not exist\n', code: 1 });
    expect(run('ifconfig', 'em0', 'inet', '192.0.2.77', '-alias')).toEqual({
      stdout: '',
      stderr: "ifconfig: ioctl (SIOCDIFADDR): Can't assign requested address\n",
      code: 1,
    });
    expect(run('ifconfig', 'em0', 'alias', '300.1.1.1/32')).toEqual({ stdout: '', stderr: 'ifconfig: 300.1.1.1/32: bad value\n', code: 1 });
  });

  it('an alias address becomes bindable by daemons', () => {
    run('ifconfig', 'em0', 'alias', '192.0.2.100/32');
    h.api.fs.appendFile('/etc/ssh/sshd_config', 'ListenAddress 192.0.2.100\n');
    expect(run('service', 'sshd', 'reload').code).toBe(0);
    expect(run('sockstat', '-4', '-q', '-p', '22').stdout).toBe('root     sshd         602 3   tcp4   192.0.2.100:22        *:*\n');
  });
});
