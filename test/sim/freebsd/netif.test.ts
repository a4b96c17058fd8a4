/**
 * rc.d/netif through service(8) and /etc/rc.d/netif (issue 16).
 *
 * Sources: libexec/rc/rc.d/netif @023fc80 (netif_start, netif_stop0,
 * netif_common: "${_str} Network:${_ok}." then `/sbin/ifconfig ${ifn}` per
 * interface; `warn "$ifn does not exist.  Skipped."` for stop only);
 * libexec/rc/network.subr (ifn_start, ifn_stop, ifconfig_up, ipv4_up,
 * ipv4_down, ifalias_af_common, ifalias_af_common_handler,
 * ifalias_expand_addr_inet, list_net_interfaces); libexec/rc/rc.subr
 * (run_rc_command, startmsg/check_startmsgs, warn, rc_usage). Interface
 * listings are ifconfig(8)'s FreeBSD 14 format.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

let host: SimHost;
const sh = (line: string) => host.exec(line);

const OPTIONS =
  '\toptions=4e524bb<RXCSUM,TXCSUM,VLAN_MTU,VLAN_HWTAGGING,JUMBO_MTU,VLAN_HWCSUM,LRO,WOL_MAGIC,VLAN_HWFILTER,VLAN_HWTSO,RXCSUM_IPV6,TXCSUM_IPV6,HWSTATS,MEXTPG>\n';
const TAIL = '\tmedia: Ethernet autoselect (1000baseT <full-duplex>)\n\tstatus: active\n\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n';
const ether = () => `\tether ${host.state.interfaces.find((i) => i.name === 'em0')!.ether}\n`;
/** `ifconfig em0` of an up interface with these inet lines. */
const em0 = (...inet: string[]) =>
  `em0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n${OPTIONS}${ether()}${inet.join('')}${TAIL}`;
const LO0 =
  'lo0: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 16384\n' +
  '\toptions=680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>\n' +
  '\tinet 127.0.0.1 netmask 0xff000000\n' +
  '\tinet6 ::1 prefixlen 128\n' +
  '\tinet6 fe80::1%lo0 prefixlen 64 scopeid 0x2\n' +
  '\tgroups: lo\n' +
  '\tnd6 options=21<PERFORMNUD,AUTO_LINKLOCAL>\n';
const PRIMARY = '\tinet 192.0.2.10 netmask 0xffffff00 broadcast 192.0.2.255\n';
const host32 = (a: string) => `\tinet ${a} netmask 0xffffffff broadcast ${a}\n`;
const NOADDR = "ifconfig: ioctl (SIOCDIFADDR): Can't assign requested address\n";
const inetOf = (name: string) => host.state.interfaces.find((i) => i.name === name)!.inet.map((a) => `${a.addr}/${a.prefixLen}`);

/**
 * The stop half of a listing: FreeBSD shows the interface down there
 * (ifn_stop ran `ifconfig em0 down`); the simulator keeps no IFF_UP state,
 * so only what does not depend on it is compared: the message, and no inet.
 */
function expectStopped(stopPart: string): void {
  expect(stopPart.startsWith('Stopping Network: em0.\nem0: flags=')).toBe(true);
  expect(stopPart).toContain(OPTIONS + ether());
  expect(stopPart).not.toContain('\tinet ');
}

beforeEach(() => {
  // freshHostState writes ifconfig_em0="inet 192.0.2.10/24" to /etc/rc.conf.
  host = simHost('alpha', { hostname: 'alpha.example.org', address: '192.0.2.10' });
});

describe('service netif restart em0', () => {
  beforeEach(() => {
    sh(
      'sysrc ifconfig_em0_alias0="inet 192.0.2.20/32" ifconfig_em0_alias1="inet 192.0.2.21/32" ' +
        'ifconfig_em0_alias3="inet 192.0.2.23/32" ifconfig_em0_aliases="inet 192.0.2.30-32/32" >/dev/null',
    );
  });

  it('applies ifconfig_em0, then ifconfig_em0_aliases (range expanded), then alias0, alias1 and alias3', () => {
    // ifalias_af_common loops over `get_if_var $_if ifconfig_IF_aliases` before $_aliasn;
    // list_vars only lists set variables, so the unset alias2 is no gap: alias3 is applied.
    // ipv4_down first runs `ifconfig em0 inet A -alias` for every configured alias: none is
    // up yet, so each of the six fails with ifconfig's SIOCDIFADDR error.
    const r = sh('service netif restart em0');
    const [stopPart = '', startPart] = r.stdout.split('Starting Network: em0.\n');
    expectStopped(stopPart);
    expect(startPart).toBe(
      em0(PRIMARY, ...['192.0.2.30', '192.0.2.31', '192.0.2.32', '192.0.2.20', '192.0.2.21', '192.0.2.23'].map(host32)),
    );
    expect(r.stderr).toBe(NOADDR.repeat(6));
    expect(r.code).toBe(0);
  });

  it('a second restart removes every configured alias cleanly (range -alias: the first address without /32)', () => {
    sh('service netif restart em0');
    const r = sh('/etc/rc.d/netif restart em0');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('Starting Network: em0.\n')[1]).toBe(
      em0(PRIMARY, ...['192.0.2.30', '192.0.2.31', '192.0.2.32', '192.0.2.20', '192.0.2.21', '192.0.2.23'].map(host32)),
    );
  });

  it('drops the addresses jail(8) added for a running jail: they are aliases like any other', () => {
    // This is why restarting netif on a jail host is dangerous: ipv4_down deletes every
    // `inet` line `ifconfig em0` shows, and ifn_start only adds back what rc.conf names.
    sh('service netif restart em0 >/dev/null 2>&1');
    expect(sh('jail -c name=www path=/ host.hostname=www.example.org ip4.addr="em0|192.0.2.50/32" persist').code).toBe(0);
    expect(inetOf('em0')).toContain('192.0.2.50/32');
    expect(sh('service netif restart em0').code).toBe(0);
    expect(inetOf('em0')).not.toContain('192.0.2.50/32');
    expect(sh('jls -j www ip4.addr')).toEqual({ stdout: '192.0.2.50\n', stderr: '', code: 0 });
  });
});

describe('service netif stop / start', () => {
  it('stop deletes every IPv4 address, runtime aliases too', () => {
    sh('ifconfig em0 inet 192.0.2.99/32 alias');
    const r = sh('service netif stop em0');
    expectStopped(r.stdout);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(inetOf('em0')).toEqual([]);
  });

  it('start without names works on list_net_interfaces: lo0 first, then ifconfig -l order', () => {
    sh('sysrc ifconfig_em0_alias0="inet 192.0.2.20/32" >/dev/null');
    expect(sh('service netif start')).toEqual({
      stdout: `Starting Network: lo0 em0.\n${LO0}${em0(PRIMARY, host32('192.0.2.20'))}`,
      stderr: '',
      code: 0,
    });
  });

  it('stop then start without names: lo0 loses inet and inet6, and gets both back', () => {
    // ipv6_down removes lo0's inet6 addresses (ipv6if is always true for lo0); the address
    // ifconfig_lo0 sets brings lo0 up again and the kernel re-attaches ::1 and fe80::1.
    const stop = sh('service netif stop');
    expect(stop.stdout.startsWith('Stopping Network: lo0 em0.\nlo0: flags=')).toBe(true);
    expect(stop.stdout).not.toContain('inet');
    expect(host.state.interfaces.find((i) => i.name === 'lo0')!.inet6).toEqual([]);
    expect(sh('service netif start')).toEqual({ stdout: `Starting Network: lo0 em0.\n${LO0}${em0(PRIMARY)}`, stderr: '', code: 0 });
  });

  it('a network_interfaces list gets lo0 in front (list_net_interfaces)', () => {
    sh('sysrc network_interfaces=em0 >/dev/null');
    expect(sh('service netif start').stdout.startsWith('Starting Network: lo0 em0.\n')).toBe(true);
  });

  it('a missing interface: start lists it and ifconfig fails, stop warns and skips it, both exit 0', () => {
    expect(sh('service netif start em9')).toEqual({
      stdout: 'Starting Network: em9.\n',
      stderr: 'ifconfig: interface em9 does not exist\n',
      code: 0,
    });
    expect(sh('service netif stop em9')).toEqual({
      stdout: '',
      stderr: '/etc/rc.d/netif: WARNING: em9 does not exist.  Skipped.\n',
      code: 0,
    });
  });
});

describe('ifconfig_IF_aliasN edge cases (ifalias_af_common)', () => {
  it('a set but empty aliasN ends the list', () => {
    sh('sysrc ifconfig_em0_alias0="inet 192.0.2.20/32" ifconfig_em0_alias1="" ifconfig_em0_alias2="inet 192.0.2.22/32" >/dev/null');
    expect(sh('service netif start em0')).toEqual({ stdout: `Starting Network: em0.\n${em0(PRIMARY, host32('192.0.2.20'))}`, stderr: '', code: 0 });
  });

  it('an alias without "inet" is added with a warning, in numeric order (alias10 after alias2)', () => {
    sh('sysrc ifconfig_em0_alias10="inet 192.0.2.30/32" ifconfig_em0_alias2="192.0.2.22/32" >/dev/null');
    expect(sh('service netif start em0')).toEqual({
      stdout: `Starting Network: em0.\n${em0(PRIMARY, host32('192.0.2.22'), host32('192.0.2.30'))}`,
      stderr: '/etc/rc.d/netif: WARNING: $ifconfig_em0_alias2 needs leading "inet" keyword for an IPv4 address.\n',
      code: 0,
    });
  });

  it('ipv4_addrs_IF (backward compatibility) comes after the aliasN entries; a range with netmask keeps it', () => {
    sh('sysrc ipv4_addrs_em0="192.0.2.40/32" ifconfig_em0_aliases="inet 192.0.2.50-51 netmask 255.255.255.255" >/dev/null');
    expect(sh('service netif start em0').stdout).toBe(
      `Starting Network: em0.\n${em0(PRIMARY, host32('192.0.2.50'), host32('192.0.2.51'), host32('192.0.2.40'))}`,
    );
  });

  it('a range longer than netif_ipexpand_max stops with a warning (max + 2 addresses are processed)', () => {
    sh('sysrc netif_ipexpand_max=1 ifconfig_em0_aliases="inet 192.0.2.60-69/32" >/dev/null');
    const r = sh('service netif start em0');
    expect(r.stderr).toBe(
      '/etc/rc.d/netif: WARNING: Range specification is too large (192.0.2.60-192.0.2.69).  192.0.2.60-192.0.2.62 was processed.  Increase $netif_ipexpand_max in rc.conf.\n',
    );
    expect(inetOf('em0')).toEqual(['192.0.2.10/24', '192.0.2.60/32', '192.0.2.61/32', '192.0.2.62/32']);
  });
});

describe('run_rc_command around netif', () => {
  it('netif_enable=NO: "Cannot" on stdout, exit 0; onerestart runs', () => {
    sh('sysrc netif_enable=NO >/dev/null');
    expect(sh('service netif restart em0')).toEqual({
      stdout: "Cannot 'restart' netif. Set netif_enable to YES in /etc/rc.conf or use 'onerestart' instead of 'restart'.\n",
      stderr: '',
      code: 0,
    });
    expect(sh('service netif onerestart em0').stdout).toContain('Starting Network: em0.\n');
  });

  it('no status keyword (netif has no command), usage lists the extra commands', () => {
    expect(sh('service netif status')).toEqual({
      stdout: '',
      stderr:
        "/etc/rc.d/netif: unknown directive 'status'.\n" +
        'Usage: /etc/rc.d/netif [fast|force|one|quiet](start|stop|restart|rcvar|enable|disable|delete|enabled|describe|extracommands|cloneup|clonedown|clear|vnetup|vnetdown)\n',
      code: 1,
    });
    expect(sh('service netif extracommands').stdout).toBe('cloneup clonedown clear vnetup vnetdown\n');
  });

  it('quietstart with rc_startmsgs=NO configures silently', () => {
    sh('sysrc rc_startmsgs=NO ifconfig_em0_alias0="inet 192.0.2.20/32" >/dev/null');
    expect(sh('service netif quietstart em0')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(inetOf('em0')).toEqual(['192.0.2.10/24', '192.0.2.20/32']);
  });
});
