/**
 * A jail.conf block whose name is a number names the jail by jid; `name =`
 * may still name it and `${name}` expands to the number; `jid =` in a named
 * block sets the jid (config.c load_config(): the block name implies "jid"
 * or "name"; FreeBSD's usr.sbin/jail/tests/jail_basic_test.sh, jid_name_set).
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

function host(conf: string): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  h.fs.writeFile('/root/jail.conf', conf);
  return h;
}

describe('jid_name_set', () => {
  it('"5309 { name = basejail; persist; }" creates jid 5309 named basejail', () => {
    const h = host('5309 { name = basejail; persist; }\n');
    expect(h.exec('jail -f /root/jail.conf -c 5309')).toEqual({ stdout: '5309: created\n', stderr: '', code: 0 });
    expect(h.exec('jls -j 5309 name')).toEqual({ stdout: 'basejail\n', stderr: '', code: 0 });
    expect(h.exec('jail -f /root/jail.conf -r 5309')).toEqual({ stdout: '5309: removed\n', stderr: '', code: 0 });
  });

  it('"${name}" in a jid-named block expands to the jid', () => {
    const h = host('5309 { host.hostname = "${name}"; persist; }\n');
    expect(h.exec('jail -f /root/jail.conf -c 5309').stdout).toBe('5309: created\n');
    expect(h.exec('jls -j 5309 host.hostname')).toEqual({ stdout: '5309\n', stderr: '', code: 0 });
    expect(h.exec('jail -f /root/jail.conf -r 5309').stdout).toBe('5309: removed\n');
  });

  it('"basejail { jid = 5309; persist; }" creates the jail at jid 5309', () => {
    const h = host('basejail { jid = 5309; persist; }\n');
    expect(h.exec('jail -f /root/jail.conf -c basejail').stdout).toBe('basejail: created\n');
    expect(h.exec('jls -j basejail jid')).toEqual({ stdout: '5309\n', stderr: '', code: 0 });
    expect(h.exec('jail -f /root/jail.conf -r basejail').stdout).toBe('basejail: removed\n');
  });

  it('a named block cannot redefine its name (config.c add_param: PF_IMMUTABLE)', () => {
    const h = host('basejail { name = other; persist; }\n');
    expect(h.exec('jail -f /root/jail.conf -c basejail')).toEqual({ stdout: '', stderr: 'jail: basejail: cannot redefine parameter "name".\n', code: 1 });
  });
});
