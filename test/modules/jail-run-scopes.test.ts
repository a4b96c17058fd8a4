import { describe, expect, it } from 'vitest';
import { runChanges } from '../../src/modules/jail/run-scopes.js';
import { WWW_CONF } from './jail-fixtures.js';

const run = (conf: string | undefined, fstab?: string) => runChanges({ name: 'www', root: '/usr/jails/www', conf, fstab });
const withLine = (line: string): string => WWW_CONF.replace('}\n', `\t${line}\n}\n`);

describe('what starting or stopping a jail may change', () => {
  it('our conf: the jail table, its root, its id file, mounts and the network', () => {
    expect(run(WWW_CONF)).toEqual(['jails', 'path:/usr/jails/www', 'path:/var/run/jail_www.id', 'mounts', 'net']);
  });

  it('in-jail exec parameters and allow.* keep the list', () => {
    for (const line of ["exec.jail_user = 'www';", "exec.timeout = '30';", 'allow.raw_sockets;', 'allow.mount.nullfs;', "stop.timeout = '5';"]) {
      expect(run(withLine(line)), line).toBeDefined();
    }
  });

  it('host commands, host files, other jails or ZFS datasets make it everything', () => {
    for (const line of ["exec.poststart = 'logger up';", "exec.prestop += 'x';", "exec.created = 'zfs jail www tank/x';", "exec.consolelog = '/var/log/www.log';", "depend = 'db';", "mount = '/data /usr/jails/www/data nullfs rw';", 'allow.mount.zfs;']) {
      expect(run(withLine(line)), line).toBeUndefined();
    }
  });

  it("jailfleet's own network hooks (epair, bridge, the jail's pf anchor): the network, and pf for the anchor; anything else still everything", () => {
    const vnet = ["exec.prestart += 'ifconfig epair3 create up';", "exec.prestart += 'ifconfig bridge0 addm epair3a';", "exec.poststop += 'ifconfig epair3a destroy';"];
    const base = ['jails', 'path:/usr/jails/www', 'path:/var/run/jail_www.id', 'mounts', 'net'];
    expect(run(vnet.reduce((c, l) => withLine(l), WWW_CONF))).toEqual(base);
    expect(run(withLine("exec.prestart += 'pfctl -a jailfleet/www -f /etc/jail.conf.d/www.pf';"))).toEqual([...base, 'pf']);
    for (const line of ["exec.prestart += 'ifconfig epair3 create up; rm -rf /';", "exec.prestart += 'pfctl -F all';", "exec.poststop += 'ifconfig em0 destroy';"]) {
      expect(run(withLine(line)), line).toBeUndefined();
    }
  });

  it('no conf file (rc.d/jail falls back to /etc/jail.conf): everything', () => {
    expect(run(undefined)).toBeUndefined();
  });

  it('mount.fstab: both sides of our fstab file\'s lines; another fstab file: everything', () => {
    const conf = withLine("mount.fstab = '/etc/fstab.www';");
    expect(run(conf, '# comment\n/data /usr/jails/www/data nullfs rw 0 0\ntmpfs /usr/jails/www/tmp tmpfs rw 0 0\n')).toEqual([
      'jails', 'path:/usr/jails/www', 'path:/var/run/jail_www.id', 'mounts', 'net', 'path:/data', 'path:/usr/jails/www/data', 'path:/usr/jails/www/tmp',
    ]);
    expect(run(withLine("mount.fstab = '/etc/fstab.other';"), '/x /y nullfs rw 0 0\n')).toBeUndefined();
  });
});
