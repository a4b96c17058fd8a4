/** End to end through SimHost.exec: the scripts jailfleet sends, run by the simulated shell. */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

const BASE = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz';
const WWW_CONF = 'www {\n  path = /usr/jails/www;\n  host.hostname = www.example.org;\n  ip4.addr = "em0|192.0.2.50/32";\n  mount.devfs;\n  exec.start = "sh /etc/rc";\n  exec.stop = "sh /etc/rc.shutdown";\n}\n';

function newHost(): SimHost {
  const host = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  host.fs.mkdir('/usr/jails/www', { parents: true });
  host.fs.mkdir('/etc/jail.conf.d', { parents: true });
  host.fs.writeFile('/etc/jail.conf.d/www.conf', WWW_CONF);
  host.fs.writeFile('/etc/jail.conf', '.include "/etc/jail.conf.d/*.conf";\n');
  return host;
}

describe('jail lifecycle through the shell', () => {
  it('builds a root from a release, starts the jail with its sshd, and stops it', () => {
    const host = newHost();
    const r = host.exec(
      [
        'set -e',
        `fetch -q -o /tmp/base.txz ${BASE}`,
        'tar -xf /tmp/base.txz -C /usr/jails/www --unlink',
        'sysrc jail_enable=YES >/dev/null',
        'sysrc -f /usr/jails/www/etc/rc.conf sshd_enable=YES >/dev/null',
        'service jail start www',
        'jls -j www name ip4.addr',
        'jexec www sysrc -n sshd_enable',
      ].join('\n'),
    );
    expect(r).toEqual({ stdout: 'Starting jails: www.\nwww 192.0.2.50\nYES\n', stderr: '', code: 0 });
    const state = host.state;
    expect(state.jails.map((j) => [j.name, j.jid, j.ip4])).toEqual([['www', 1, ['192.0.2.50']]]);
    expect(state.processes.filter((p) => p.jail === 'www').map((p) => p.service)).toContain('sshd');
    expect(state.interfaces.find((i) => i.name === 'em0')!.inet).toContainEqual({ addr: '192.0.2.50', prefixLen: 32 });
    expect(state.mounts).toContainEqual({ from: 'devfs', on: '/usr/jails/www/dev', fstype: 'devfs', options: [] });
    expect(host.fs.readFile('/var/run/jail_www.id')).toBe('1\n');

    expect(host.exec('service jail stop www; jls -j www >/dev/null 2>&1 || echo gone')).toEqual({ stdout: 'Stopping jails: www.\ngone\n', stderr: '', code: 0 });
    expect(host.state.processes.filter((p) => p.jail === 'www')).toEqual([]);
    expect(host.state.mounts.some((m) => m.on.startsWith('/usr/jails/www'))).toBe(false);
    expect(host.state.interfaces.find((i) => i.name === 'em0')!.inet).not.toContainEqual({ addr: '192.0.2.50', prefixLen: 32 });
  });

  it('reports a failed start inside "Starting jails:" with exit 0 (rc.d/jail)', () => {
    const host = newHost();
    host.exec('sysrc jail_enable=YES');
    expect(host.exec('service jail start www')).toEqual({
      stdout: 'Starting jails: cannot start jail  "www": \njail: www: mount.devfs: /usr/jails/www/dev: No such file or directory\n.\n',
      stderr: '',
      code: 0,
    });
    expect(host.state.jails).toEqual([]);
    expect(host.exec('jls -j www')).toEqual({ stdout: '   JID  IP Address      Hostname                      Path\n', stderr: 'jls: jail "www" not found\n', code: 1 });
  });

  it('runs jail(8) error paths with exact messages', () => {
    const host = newHost();
    expect(host.exec('jail -c nope')).toEqual({ stdout: '', stderr: 'jail: "nope" not found\n', code: 1 });
    expect(host.exec('jail -f /etc/none.conf -c www')).toEqual({ stdout: '', stderr: 'jail: /etc/none.conf: No such file or directory\n', code: 1 });
    expect(host.exec('jexec www hostname')).toEqual({ stdout: '', stderr: 'jexec: jail "www" not found\n', code: 1 });
  });
});
