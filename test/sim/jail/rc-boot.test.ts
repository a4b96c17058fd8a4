/**
 * What a jail's `exec.start = "sh /etc/rc"` and `exec.stop = "sh /etc/rc.shutdown"`
 * run, as FreeBSD 14 does it (freebsd/freebsd-src @023fc80):
 * - libexec/rc/rc: `skip="-s nostart"`; when `sysctl -n security.jail.jailed`
 *   is 1 it adds `-s nojail`, and when `sysctl -n security.jail.vnet` is not 1
 *   also `-s nojailvnet`; then `rcorder ${skip} /etc/rc.d/* ...` and each
 *   script with `quietstart`.
 * - libexec/rc/rc.shutdown: `rcorder -k shutdown` with the same skips, in
 *   reverse, each with `faststop`.
 * - libexec/rc/rc.d: netif has `# KEYWORD: nojailvnet`; resolv `nojail`; devd
 *   `nojail shutdown`; ntpd `nojail resume shutdown`; syslogd no KEYWORD line,
 *   so rc.shutdown leaves it running; sshd, cron `shutdown`. newsyslog's
 *   start_cmd prints "Creating and/or trimming log files." (startmsg).
 * - sys/kern/kern_jail.c sysctl_jail_vnet: `jailed(cred) && prison_owns_vnet(cred)`.
 */
import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../../src/sim/host.js';
import { releaseInto, simHost } from '../../helpers/sim-host.js';

const CONF = `www {
  path = /usr/jails/www;
  host.hostname = www.example.org;
  ip4.addr = "em0|192.0.2.50/32";
  mount.devfs;
  exec.start = "sh /etc/rc";
  exec.stop = "sh /etc/rc.shutdown";
}
v {
  path = /usr/jails/v;
  host.hostname = v.example.org;
  vnet;
  vnet.interface = epair0b;
  mount.devfs;
  exec.start = "sh /etc/rc";
  exec.stop = "sh /etc/rc.shutdown";
}
`;

function hostWithJails(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  h.fs.writeFile('/etc/jail.conf', CONF);
  const setup = h.exec(
    [
      'set -e',
      ...releaseInto('/usr/jails/www', '/usr/jails/v'),
      // ntpd enabled (and devd, resolv and netif by /etc/defaults/rc.conf): the nojail keywords, not rc.conf, keep them out.
      'sysrc -f /usr/jails/www/etc/rc.conf sshd_enable=YES ntpd_enable=YES sendmail_enable=NONE >/dev/null',
      'sysrc -f /usr/jails/v/etc/rc.conf ifconfig_epair0b="inet 10.0.0.2/24" ntpd_enable=YES sendmail_enable=NONE >/dev/null',
      'ifconfig epair create >/dev/null',
    ].join('\n'),
  );
  if (setup.code !== 0) throw new Error(`setup failed: ${JSON.stringify(setup)}`);
  return h;
}

const services = (h: SimHost, jail: string) => h.state.processes.filter((p) => p.jail === jail).map((p) => p.service).sort();

describe('/etc/rc in a jail without its own vnet', () => {
  it('runs no nojail or nojailvnet script: no netif, resolv, devd or ntpd, no interface touched', () => {
    const h = hostWithJails();
    const before = structuredClone(h.state.interfaces);
    const r = h.exec('jail -c www');
    // The key fingerprints are the simulator's own (random keys on FreeBSD): only their shape is FreeBSD's.
    expect({ ...r, stdout: r.stdout.replace(/SHA256:[A-Za-z0-9+/]{43} /g, 'SHA256:<fp> ') }).toEqual({
      stdout: [
        'www: created',
        'Creating and/or trimming log files.',
        'Starting syslogd.',
        'Generating RSA host key.',
        '3072 SHA256:<fp> root@www.example.org (RSA)',
        'Generating ECDSA host key.',
        '256 SHA256:<fp> root@www.example.org (ECDSA)',
        'Generating ED25519 host key.',
        '256 SHA256:<fp> root@www.example.org (ED25519)',
        'Performing sanity check on sshd configuration.',
        'Starting sshd.',
        'Starting cron.',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
    expect(services(h, 'www')).toEqual(['cron', 'sshd', 'syslogd']);
    // Only jail(8)'s own alias for ip4.addr was added; netif never ran ifconfig.
    const em0 = before.find((i) => i.name === 'em0')!;
    expect(h.state.interfaces).toEqual(before.map((i) => (i === em0 ? { ...em0, inet: [...em0.inet, { addr: '192.0.2.50', prefixLen: 32 }] } : i)));
    expect(h.exec('jexec www sysctl -n security.jail.jailed security.jail.vnet')).toEqual({ stdout: '1\n0\n', stderr: '', code: 0 });
  });

  it('/etc/rc.shutdown stops the shutdown scripts in reverse order and leaves syslogd (no shutdown keyword) running', () => {
    const h = hostWithJails();
    h.exec('jail -c www');
    expect(h.exec('jexec www sh /etc/rc.shutdown')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(services(h, 'www')).toEqual(['syslogd']);
    expect(h.exec('jexec www service sshd status')).toEqual({ stdout: 'sshd is not running.\n', stderr: '', code: 1 });
  });
});

describe('a jail without persist goes with its last process', () => {
  // jail(8) "persist": "Normally, a command is run as part of jail creation, and then the jail is destroyed as
  // its last process exits"; sys/kern/kern_jail.c prison_proc_free. Only `jail -r` undoes what jail(8) set up.
  it('jexec of the command that stops its last daemon leaves no jail, but its alias and devfs mount stay', () => {
    const h = hostWithJails();
    h.exec('jail -c www');
    h.exec('jexec www sh /etc/rc.shutdown');
    expect(h.exec('jls name; jexec www service syslogd onestop; jls name; echo $?')).toEqual({ stdout: 'www\nStopping syslogd.\nWaiting for PIDS: 609.\n0\n', stderr: '', code: 0 });
    expect(h.exec('jls -j www').code).toBe(1);
    expect(h.exec('ifconfig em0 | grep -c 192.0.2.50; mount | grep -c /usr/jails/www/dev').stdout).toBe('1\n1\n');
    expect(h.exec('jail -R www')).toEqual({ stdout: '', stderr: 'jail: "www" not found\n', code: 1 });
  });

  it('service -j (service.sh: exec jexec -l JAIL ...) that stops the last daemon leaves no jail either', () => {
    const h = hostWithJails();
    h.exec('jail -c www');
    h.exec('jexec www sh /etc/rc.shutdown');
    expect(h.exec('service -j www syslogd onestop >/dev/null; jls name')).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('a jail created with persist stays when its last process stops', () => {
    const h = hostWithJails();
    h.fs.writeFile('/etc/jail.conf', CONF.replace('  mount.devfs;\n', '  mount.devfs;\n  persist;\n'));
    h.exec('jail -c www');
    expect(h.exec('jexec www sh /etc/rc.shutdown; jexec www service syslogd onestop >/dev/null; jls name')).toEqual({ stdout: 'www\n', stderr: '', code: 0 });
  });
});

describe('/etc/rc in a vnet jail', () => {
  it('still runs netif (nojailvnet only) on the jail own interfaces, and still skips the nojail ones', () => {
    const h = hostWithJails();
    const r = h.exec('jail -c v');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('\t') && !/^\w+: flags=/.test(l))).toEqual([
      'v: created',
      'Starting Network: lo0 epair0b.',
      'Creating and/or trimming log files.',
      'Starting syslogd.',
      'Starting cron.',
      '',
    ]);
    expect(h.exec('jexec v ifconfig epair0b | grep "inet "').stdout).toBe('\tinet 10.0.0.2 netmask 0xffffff00 broadcast 10.0.0.255\n');
    expect(services(h, 'v')).toEqual(['cron', 'syslogd']);
    expect(h.exec('jexec v sysctl -n security.jail.jailed security.jail.vnet')).toEqual({ stdout: '1\n1\n', stderr: '', code: 0 });
  });
});

describe('/etc/rc on the host', () => {
  it('security.jail.jailed and security.jail.vnet are 0 there', () => {
    const h = hostWithJails();
    expect(h.exec('sysctl -n security.jail.jailed security.jail.vnet')).toEqual({ stdout: '0\n0\n', stderr: '', code: 0 });
  });
});
