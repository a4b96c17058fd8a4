/**
 * Cloned interfaces and vnet jails in ifconfig(8), FreeBSD 14. Sources:
 * - sbin/ifconfig/ifclone.c ifclonecreate(): the created name is printed when it differs from the
 *   one given ("bridge create" → bridge0, "bridge5 create" → nothing, "epair create" → epair0a);
 *   main(): `create` and `-vnet` are special-cased before the interface lookup, anything else on a
 *   missing interface is errx(1, "interface %s does not exist").
 * - epair(4): "a pair of Ethernet interfaces ... epairXa and epairXb"; destroying one end destroys both.
 * - if_bridge(4), ifbridge.c bridge_status(): "\tmember: %s flags=..." then
 *   "\t        ifmaxaddr %u port %u priority %u path cost %u"; addm defaults flags
 *   0x143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>, member priority 128, port = the member's if_index;
 *   setbridge_add/delete: err(1, "BRDGADD %s") / err(1, "BRDGDEL %s").
 * - jail(8): vnet "Create the jail with its own virtual network stack"; vnet.interface "A network
 *   interface to give to a vnet-enabled jail after is it created. The interface will automatically be
 *   released when the jail is removed." jail.c startcommands[]: IP_EXEC_CREATED, IP_VNET_INTERFACE,
 *   IP_EXEC_START; command.c runs `/sbin/ifconfig IF vnet JID`.
 * - ifconfig(8): "vnet jail — Move the interface to the jail(8), specified by name or JID";
 *   "-vnet jail — Reclaim the interface from the jail(8)".
 * Where the listing's details are not in a source (LOWER_UP on a down epair, the bridge id while
 * STP is off), ifconfig-describe.ts marks them INFERRED.
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

function host() {
  return simHost('h1', { address: '192.0.2.11' });
}

const EPAIR_DOWN = (name: string, ether: string): string =>
  `${name}: flags=1008802<BROADCAST,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n\toptions=8<VLAN_MTU>\n\tether ${ether}\n\tgroups: epair\n\tmedia: Ethernet 10Gbase-T (10Gbase-T <full-duplex>)\n\tstatus: active\n\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n`;

describe('ifconfig create/destroy', () => {
  it('creates epair pairs, bridges and loopbacks, printing the name only when it differs', () => {
    const h = host();
    expect(h.exec('ifconfig epair create')).toEqual({ stdout: 'epair0a\n', stderr: '', code: 0 });
    expect(h.exec('ifconfig epair create')).toEqual({ stdout: 'epair1a\n', stderr: '', code: 0 });
    expect(h.exec('ifconfig bridge create')).toEqual({ stdout: 'bridge0\n', stderr: '', code: 0 });
    expect(h.exec('ifconfig bridge5 create')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('ifconfig lo create')).toEqual({ stdout: 'lo1\n', stderr: '', code: 0 });
    expect(h.exec('ifconfig epair7 create')).toEqual({ stdout: 'epair7a\n', stderr: '', code: 0 });
    expect(h.exec('ifconfig -l').stdout).toBe('em0 lo0 epair0a epair0b epair1a epair1b bridge0 bridge5 lo1 epair7a epair7b\n');
    // epair(4): destroying either end destroys the pair.
    expect(h.exec('ifconfig epair1b destroy; ifconfig bridge5 destroy; ifconfig lo1 destroy; ifconfig epair7a destroy; ifconfig -l')).toEqual({
      stdout: 'em0 lo0 epair0a epair0b bridge0\n',
      stderr: '',
      code: 0,
    });
    // The freed unit is taken again (lowest free).
    expect(h.exec('ifconfig epair create').stdout).toBe('epair1a\n');
  });

  it.each([
    ['ifconfig bridge0 create', 'ifconfig: interface bridge0 already exists\n'],
    ['ifconfig epair0 create', 'ifconfig: interface epair0 already exists\n'],
    ['ifconfig bridge9 destroy', 'ifconfig: interface bridge9 does not exist\n'],
    ['ifconfig em0 destroy', 'ifconfig: SIOCIFDESTROY: Invalid argument\n'],
    ['ifconfig bridge0 addm em9', 'ifconfig: BRDGADD em9: No such file or directory\n'],
    ['ifconfig bridge0 deletem em0', 'ifconfig: BRDGDEL em0: No such file or directory\n'],
    ['ifconfig bridge0 addm', "ifconfig: 'addm' requires argument\n"],
    ['ifconfig em0 addm epair0a', 'ifconfig: BRDGADD epair0a: Invalid argument\n'],
    ['ifconfig epair0a vnet nosuch', 'ifconfig: jail "nosuch" not found\n'],
  ])('%s fails: %j', (script, stderr) => {
    const h = host();
    h.exec('ifconfig epair create; ifconfig bridge create');
    const before = h.exec('ifconfig').stdout;
    expect(h.exec(script)).toEqual({ stdout: '', stderr, code: 1 });
    expect(h.exec('ifconfig').stdout).toBe(before);
  });

  it('prints an epair end and a bridge with its members as ifconfig does', () => {
    const h = host();
    h.exec('ifconfig epair create && ifconfig bridge create');
    const a = /ether (\S+)/.exec(h.exec('ifconfig epair0a').stdout)![1]!;
    const b = /ether (\S+)/.exec(h.exec('ifconfig epair0b').stdout)![1]!;
    // if_epair.c: locally administered (02:...), the a end ending in 0a, the b end in 0b.
    expect(a).toMatch(/^02:([0-9a-f]{2}:){4}0a$/);
    expect(b).toBe(`${a.slice(0, -2)}0b`);
    expect(h.exec('ifconfig epair0a').stdout).toBe(EPAIR_DOWN('epair0a', a));
    expect(h.exec('ifconfig bridge0 addm epair0a addm em0 up && ifconfig epair0a inet 10.0.0.1/24 up')).toEqual({ stdout: '', stderr: '', code: 0 });
    const bridgeEther = /ether (\S+)/.exec(h.exec('ifconfig bridge0').stdout)![1]!;
    expect(bridgeEther).toMatch(/^58:9c:fc:/);
    // em0 is if_index 1, epair0a 3 (lo0 2, epair0b 4, bridge0 5).
    expect(h.exec('ifconfig bridge0').stdout).toBe(
      'bridge0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n' +
        `\tether ${bridgeEther}\n` +
        '\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15\n' +
        '\tmaxage 20 holdcnt 6 proto rstp maxaddr 2000 timeout 1200\n' +
        '\troot id 00:00:00:00:00:00 priority 32768 ifcost 0 port 0\n' +
        '\tmember: epair0a flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n' +
        '\t        ifmaxaddr 0 port 3 priority 128 path cost 2000\n' +
        '\tmember: em0 flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n' +
        '\t        ifmaxaddr 0 port 1 priority 128 path cost 20000\n' +
        '\tgroups: bridge\n' +
        '\tnd6 options=9<PERFORMNUD,IFDISABLED>\n',
    );
    expect(h.exec('ifconfig epair0a').stdout).toBe(
      'epair0a: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n' +
        `\toptions=8<VLAN_MTU>\n\tether ${a}\n\tinet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255\n` +
        '\tgroups: epair\n\tmedia: Ethernet 10Gbase-T (10Gbase-T <full-duplex>)\n\tstatus: active\n\tnd6 options=29<PERFORMNUD,IFDISABLED,AUTO_LINKLOCAL>\n',
    );
    expect(h.exec('ifconfig bridge0 addm epair0a')).toEqual({ stdout: '', stderr: 'ifconfig: BRDGADD epair0a: File exists\n', code: 1 });
    expect(h.exec('ifconfig bridge0 deletem em0 && ifconfig bridge0 | grep -c member:').stdout).toBe('1\n');
    // A destroyed member leaves the bridge.
    expect(h.exec('ifconfig epair0b destroy && ifconfig bridge0 | grep -c member:').stdout).toBe('0\n');
  });

  it('lo create makes a down loopback; up brings it up', () => {
    const h = host();
    expect(h.exec('ifconfig lo create && ifconfig lo1').stdout).toBe(
      'lo1\nlo1: flags=1008008<LOOPBACK,MULTICAST,LOWER_UP> metric 0 mtu 16384\n\toptions=680003<RXCSUM,TXCSUM,LINKSTATE,RXCSUM_IPV6,TXCSUM_IPV6>\n\tgroups: lo\n\tnd6 options=21<PERFORMNUD,AUTO_LINKLOCAL>\n',
    );
    expect(h.exec('ifconfig lo1 inet 127.0.1.1/32 up && ifconfig lo1 | head -1').stdout).toBe('lo1: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 16384\n');
  });
});

describe('vnet jails', () => {
  function vnetHost() {
    const h = host();
    h.exec('mkdir -p /usr/jails/www/bin /usr/jails/www/sbin /usr/jails/www/etc && cp /bin/sh /usr/jails/www/bin/ && cp /sbin/ifconfig /usr/jails/www/sbin/');
    h.exec(`cat > /etc/jail.conf <<'EOF'
www { path = /usr/jails/www; persist; vnet; vnet.interface = epair0b; }
EOF`);
    h.exec('ifconfig epair create && ifconfig bridge create && ifconfig bridge0 addm epair0a up');
    return h;
  }

  it('vnet.interface moves the interface into the jail at creation and the host gets it back at removal', () => {
    const h = vnetHost();
    expect(h.exec('jail -c www')).toEqual({ stdout: 'www: created\n', stderr: '', code: 0 });
    expect(h.exec('ifconfig -l').stdout).toBe('em0 lo0 epair0a bridge0\n');
    expect(h.exec('jexec www ifconfig -l').stdout).toBe('lo0 epair0b\n');
    expect(h.exec('jexec www ifconfig epair0b inet 10.0.0.2/24 up && jexec www ifconfig epair0b | grep inet')).toEqual({
      stdout: '\tinet 10.0.0.2 netmask 0xffffff00 broadcast 10.0.0.255\n',
      stderr: '',
      code: 0,
    });
    expect(h.exec('ifconfig epair0b')).toEqual({ stdout: '', stderr: 'ifconfig: interface epair0b does not exist\n', code: 1 });
    expect(h.exec('jail -r www')).toEqual({ stdout: 'www: removed\n', stderr: '', code: 0 });
    // Back on the host without its jail-side address; the jail's own lo0 is gone.
    expect(h.exec('ifconfig -l; ifconfig epair0b | grep -c inet')).toEqual({ stdout: 'em0 lo0 epair0a bridge0 epair0b\n0\n', stderr: '', code: 1 });
  });

  it('ifconfig IF vnet JAIL and IF -vnet JAIL move by hand, by name or JID', () => {
    const h = vnetHost();
    h.exec("sed -i '' 's/ vnet.interface = epair0b;//' /etc/jail.conf && jail -c www");
    expect(h.exec('jexec www ifconfig -l').stdout).toBe('lo0\n');
    const jid = h.exec('jls -j www jid').stdout.trim();
    expect(h.exec(`ifconfig epair0b vnet ${jid} && jexec www ifconfig -l && ifconfig -l`).stdout).toBe('lo0 epair0b\nem0 lo0 epair0a bridge0\n');
    expect(h.exec('ifconfig epair0b -vnet www && ifconfig -l && jexec www ifconfig -l').stdout).toBe('em0 lo0 epair0a bridge0 epair0b\nlo0\n');
    expect(h.exec('ifconfig epair0b -vnet www')).toEqual({ stdout: '', stderr: 'ifconfig: SIOCSIFRVNET: Device not configured\n', code: 1 });
    // Moving a bridge member out of the host takes it off the bridge.
    expect(h.exec('ifconfig epair0a vnet www && ifconfig bridge0 | grep -c member:').stdout).toBe('0\n');
  });

  it('a missing vnet.interface fails the creation as jail(8) reports a failed command', () => {
    const h = vnetHost();
    h.exec('ifconfig epair0a destroy');
    // As for a failed exec.created: the jail was made ("created"), so it is taken down again ("removed").
    expect(h.exec('jail -c www')).toEqual({
      stdout: 'www: created\nwww: removed\n',
      stderr: 'ifconfig: interface epair0b does not exist\njail: www: /sbin/ifconfig epair0b vnet 1: failed\n',
      code: 1,
    });
    expect(h.exec('jls -j www 2>&1; ifconfig -l').stdout).toBe('   JID  IP Address      Hostname                      Path\njls: jail "www" not found\nem0 lo0 bridge0\n');
  });

  it("a release jail's own rc.d/netif configures the moved interface from the jail's rc.conf (exec.start sh /etc/rc)", () => {
    const h = host();
    h.exec('mkdir -p /usr/jails/www && fetch -q -o /tmp/base.txz https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz && tar -xf /tmp/base.txz -C /usr/jails/www');
    h.exec(`cat > /etc/jail.conf <<'EOF'
www { path = /usr/jails/www; vnet; vnet.interface = epair0b; exec.start = "sh /etc/rc"; mount.devfs; }
EOF`);
    h.exec('sysrc -f /usr/jails/www/etc/rc.conf ifconfig_epair0b="inet 10.66.0.2/24"');
    h.exec('ifconfig epair create && ifconfig bridge create && ifconfig bridge0 inet 10.66.0.1/24 addm epair0a up && ifconfig epair0a up');
    expect(h.exec('jail -c www').code).toBe(0);
    // libexec/rc/rc.d/netif in the jail's vnet: lo0 gets 127.0.0.1 (ipv4_up), epair0b its ifconfig_ line.
    expect(h.exec('jexec www ifconfig | grep inet')).toEqual({
      stdout: '\tinet 127.0.0.1 netmask 0xff000000\n\tinet 10.66.0.2 netmask 0xffffff00 broadcast 10.66.0.255\n',
      stderr: '',
      code: 0,
    });
    expect(h.exec('ifconfig bridge0 | grep -e inet -e member:').stdout).toBe('\tinet 10.66.0.1 netmask 0xffffff00 broadcast 10.66.0.255\n\tmember: epair0a flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n');
  });

  it('a jail without vnet sees the host interfaces and cannot move or create any', () => {
    const h = vnetHost();
    h.exec("sed -i '' 's/ vnet; vnet.interface = epair0b;//' /etc/jail.conf && jail -c www");
    expect(h.exec('ifconfig epair0b vnet www')).toEqual({ stdout: '', stderr: 'ifconfig: SIOCSIFVNET: File exists\n', code: 1 });
    expect(h.exec('jexec www ifconfig bridge create')).toEqual({ stdout: '', stderr: 'ifconfig: SIOCIFCREATE2 (bridge): Operation not permitted\n', code: 1 });
  });
});
