/**
 * /etc/shells, /etc/profile and /etc/login.conf on a fresh FreeBSD 14.2 host
 * and in the root tree a jail gets from the release's base.txz (issue 16).
 * Expected texts are FreeBSD's own (test/fixtures/freebsd/README.md says
 * where each comes from): freebsd-src etc/shells, bin/sh/profile and
 * usr.bin/login/login.conf (stable/14), installed by `make distribution`
 * as root:wheel 0644 (the CONFS default mode).
 */
import { describe, expect, it } from 'vitest';
import { freebsdFile } from '../../helpers/freebsd-files.js';
import { simHost } from '../../helpers/sim-host.js';

const BASE = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz';
const FILES = ['shells', 'profile', 'login.conf'];

// Byte counts of FreeBSD's texts (wc -c of the fixture files): what stat %z shows.
const STAT = (root: string) =>
  `-rw-r--r-- root wheel 153 ${root}/etc/shells\n-rw-r--r-- root wheel 889 ${root}/etc/profile\n-rw-r--r-- root wheel 7116 ${root}/etc/login.conf\n`;

describe('stock /etc/shells, /etc/profile and /etc/login.conf', () => {
  it("are FreeBSD 14.2's files on a fresh host, root:wheel 0644", () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    for (const name of FILES) expect(h.exec(`cat /etc/${name}`)).toEqual({ stdout: freebsdFile(`etc/${name}`), stderr: '', code: 0 });
    expect(h.exec('stat -f "%Sp %Su %Sg %z %N" /etc/shells /etc/profile /etc/login.conf')).toEqual({ stdout: STAT(''), stderr: '', code: 0 });
  });

  it('lists the three shells chpass(1) accepts, in their order', () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    expect(h.exec("grep '^/' /etc/shells").stdout).toBe('/bin/sh\n/bin/csh\n/bin/tcsh\n');
  });

  it('has the nine login classes of stable/14 login.conf, default giving C.UTF-8 and no pipe buffer limit', () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    // default, standard, xuser, staff, daemon, news, dialer, root, russian: each record's first line ends "NAME:\".
    expect(h.exec("grep -c '^[a-z][^:]*:\\\\$' /etc/login.conf")).toEqual({ stdout: '9\n', stderr: '', code: 0 });
    expect(h.exec("grep -n -e '^default:' -e ':lang=C.UTF-8:' -e ':pipebuf=' /etc/login.conf").stdout).toBe(
      '24:default:\\\n47:\t:pipebuf=unlimited:\\\n52:\t:lang=C.UTF-8:\n',
    );
  });

  it('sources /etc/profile in sh without output or error (no profile.d on a fresh host)', () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    expect(h.exec('. /etc/profile && echo "sourced ${_loaded-unset}"')).toEqual({ stdout: 'sourced unset\n', stderr: '', code: 0 });
  });

  it("ships them in base.txz, so a jail root extracted from it has FreeBSD's files", () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    const got = h.exec(
      `mkdir -p /usr/jails/www && fetch -q -o /tmp/base.txz ${BASE} && tar -tf /tmp/base.txz | grep -E '^./etc/(shells|profile|login.conf)$' | sort && tar -xf /tmp/base.txz -C /usr/jails/www --unlink`,
    );
    expect(got).toEqual({ stdout: './etc/login.conf\n./etc/profile\n./etc/shells\n', stderr: '', code: 0 });
    for (const name of FILES) expect(h.exec(`cat /usr/jails/www/etc/${name}`).stdout).toBe(freebsdFile(`etc/${name}`));
    expect(h.exec('stat -f "%Sp %Su %Sg %z %N" /usr/jails/www/etc/shells /usr/jails/www/etc/profile /usr/jails/www/etc/login.conf').stdout).toBe(STAT('/usr/jails/www'));
  });
});
