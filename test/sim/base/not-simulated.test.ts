/**
 * FreeBSD base commands the simulator does not implement (base-commands.ts,
 * from the SUBDIR lists of bin/, sbin/, usr.bin/ and usr.sbin/ Makefiles):
 * running one says so, exit 127 like sh's "not found" (bin/sh/exec.c), but
 * with its own message; anything else is not found. chflags(1) (bin/chflags/chflags.c) checks its flags and files.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/sim/host.js';
import { simHost } from '../../helpers/sim-host.js';

function host(): SimHost {
  return simHost('www', { hostname: 'www.example.org', address: '192.0.2.11' });
}

describe('base commands the simulator does not run', () => {
  it('say so, by name and by path, with exit 127', () => {
    expect(host().exec('ctld -d; echo $?; /usr/bin/bsdiff a b; echo $?')).toEqual({
      stdout: '127\n127\n',
      stderr: 'sh: ctld: not simulated by jailfleet (FreeBSD base command)\nsh: /usr/bin/bsdiff: not simulated by jailfleet (FreeBSD base command)\n',
      code: 0,
    });
  });

  it('command -v names the path FreeBSD installs them at; only the ones the simulator models are files', () => {
    // usr.sbin/Makefile SUBDIR: ctld (MK_ISCSI), syslogd; usr.bin/Makefile: bsdiff; sbin/Makefile: camcontrol.
    expect(host().exec('command -v ctld bsdiff camcontrol; test -x /usr/sbin/ctld || echo no-file; test -x /usr/sbin/syslogd && echo file').stdout).toBe(
      '/usr/sbin/ctld\n/usr/bin/bsdiff\n/sbin/camcontrol\nno-file\nfile\n',
    );
    // syslogd runs from its rc.d script only: by hand it is not simulated either.
    expect(host().exec('syslogd -s')).toEqual({ stdout: '', stderr: 'sh: syslogd: not simulated by jailfleet (FreeBSD base command)\n', code: 127 });
  });

  it('uptime, which usr.bin/w installs as a link (its Makefile: LINKS= ${BINDIR}/w ${BINDIR}/uptime), is one of them', () => {
    expect(host().exec('command -v uptime w; uptime; echo $?')).toEqual({
      stdout: '/usr/bin/uptime\n/usr/bin/w\n127\n',
      stderr: 'sh: uptime: not simulated by jailfleet (FreeBSD base command)\n',
      code: 0,
    });
  });

  it('are found only where $PATH looks, as sh would', () => {
    expect(host().exec('PATH=/bin; ctld; echo $?')).toEqual({ stdout: '127\n', stderr: 'sh: ctld: not found\n', code: 0 });
  });

  it('other names are not found; a command the simulator runs is not found once its file is removed', () => {
    expect(host().exec('frobnicate; echo $?; rm /usr/sbin/jls; jls; echo $?; /bin/ctld; echo $?')).toEqual({
      stdout: '127\n127\n127\n',
      stderr: 'sh: frobnicate: not found\nsh: jls: not found\nsh: /bin/ctld: not found\n',
      code: 0,
    });
  });

  it('a script in $PATH runs whatever its name', () => {
    const h = host();
    h.fs.writeFile('/usr/local/bin/hello', '#!/bin/sh\necho "hello $1"\n', { mode: 0o755 });
    expect(h.exec('hello you')).toEqual({ stdout: 'hello you\n', stderr: '', code: 0 });
  });
});

describe('chflags', () => {
  it('accepts strtofflags(3) names and their "no" forms, and changes nothing the simulator models', () => {
    expect(host().exec('mkdir -p /j/bin; chflags -R noschg /j; echo $?; chflags schg,nodump /j/bin; echo $?; rm -rf /j; echo $?')).toEqual({
      stdout: '0\n0\n0\n',
      stderr: '',
      code: 0,
    });
  });

  it('rejects an unknown flag and reports a missing file (exit 1)', () => {
    // chflags.c: errx(1, "invalid flag: %s", flags); fts FTS_NS: warnx("%s: %s", path, strerror).
    expect(host().exec('chflags bogus /tmp; echo $?; chflags noschg /nope; echo $?')).toEqual({
      stdout: '1\n1\n',
      stderr: 'chflags: invalid flag: bogus\nchflags: /nope: No such file or directory\n',
      code: 0,
    });
  });
});
