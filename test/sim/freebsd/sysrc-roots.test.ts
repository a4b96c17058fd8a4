/**
 * sysrc(8) as a machine move uses it, through the shell on a seeded host:
 * `-a` (every variable the rc.conf files set, `name: value`, sorted, the
 * defaults left out) and `-A` (defaults too) on the host, and edits of a
 * jail root that no running jail owns, with `-R ROOT` (sysrc re-runs itself
 * chrooted there: ROOT's own defaults and rc.conf) and with `-f
 * ROOT/etc/rc.conf` (that file instead of rc_conf_files; the host's
 * defaults). Sources: usr.sbin/sysrc/sysrc @09711cc (-a/-A, -R, -f),
 * sysrc.subr f_sysrc_set (a new variable is appended as name="value").
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

const ROOT = '/usr/jails/web';
const BASE = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz';

function host(): SimHost {
  const h = simHost('h1', { hostname: 'h1.example.org', address: '192.0.2.23' });
  expect(h.exec(`mkdir -p ${ROOT} && fetch -q -o /tmp/base.txz ${BASE} && tar -xf /tmp/base.txz -C ${ROOT}`).code).toBe(0);
  return h;
}

describe('sysrc -a / -A on the host', () => {
  it('-a dumps what the rc.conf files set, sorted, without the defaults', () => {
    expect(host().exec('sysrc -a')).toEqual({
      stdout:
        'defaultrouter: 192.0.2.1\ndumpdev: AUTO\nhostname: h1.example.org\nifconfig_em0: inet 192.0.2.23/24\n' +
        'inetd_enable: YES\npostfix_enable: YES\nsendmail_enable: NONE\nsshd_enable: YES\n',
      stderr: '',
      code: 0,
    });
  });

  it('-A adds the defaults (rc_conf_files included), rc.conf values winning', () => {
    const out = host().exec('sysrc -A').stdout.split('\n').filter(Boolean);
    expect(out).toEqual([...out].sort());
    expect(out).toContain('sshd_enable: YES');
    expect(out).toContain('rc_conf_files: /etc/rc.conf /etc/rc.conf.local');
    expect(out).toContain('syslogd_flags: -s');
    expect(out.length).toBeGreaterThan(100);
  });
});

describe('sysrc on a jail root no jail runs from', () => {
  it('-R ROOT name=value edits ROOT/etc/rc.conf (created), against ROOT\'s defaults', () => {
    const h = host();
    expect(h.exec(`sysrc -R ${ROOT} -a`)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec(`sysrc -R ${ROOT} sshd_enable=YES nginx_enable=YES`)).toEqual({ stdout: 'sshd_enable: NO -> YES\nnginx_enable:  -> YES\n', stderr: '', code: 0 });
    expect(h.fs.readFile(`${ROOT}/etc/rc.conf`)).toBe('sshd_enable="YES"\nnginx_enable="YES"\n');
    expect(h.exec(`sysrc -R ${ROOT} -a`).stdout).toBe('nginx_enable: YES\nsshd_enable: YES\n');
    expect(h.exec(`sysrc -R ${ROOT} -c sshd_enable=YES`).code).toBe(0);
    expect(h.exec('sysrc -n nginx_enable')).toEqual({ stdout: '', stderr: "sysrc: unknown variable 'nginx_enable'\n", code: 1 });
  });

  it('-f ROOT/etc/rc.conf name=value edits that file only', () => {
    const h = host();
    h.fs.writeFile(`${ROOT}/etc/rc.conf`, 'sshd_enable="YES"\n');
    expect(h.exec(`sysrc -f ${ROOT}/etc/rc.conf sshd_enable=YES postfix_enable=NO`)).toEqual({
      stdout: 'sshd_enable: YES -> YES\npostfix_enable:  -> NO\n', // the host's rc.conf is not read with -f
      stderr: '',
      code: 0,
    });
    expect(h.fs.readFile(`${ROOT}/etc/rc.conf`)).toBe('sshd_enable="YES"\npostfix_enable="NO"\n');
    expect(h.exec(`sysrc -f ${ROOT}/etc/rc.conf -a`).stdout).toBe('postfix_enable: NO\nsshd_enable: YES\n');
    expect(h.exec('sysrc -n postfix_enable').stdout).toBe('YES\n');
  });
});
