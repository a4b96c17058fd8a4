/**
 * /etc/fstab and /etc/motd.template on a fresh FreeBSD 14 host.
 * - fstab: written by the installer, not shipped in base.txz. bsdinstall's
 *   partition editor (usr.sbin/bsdinstall/partedit/partedit.c apply_changes())
 *   writes "# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n" and then
 *   "%s\t%s\t\t%s\t%s\t%d\t%d\n" per partition; gpart_ops.c
 *   set_default_part_metadata() gives "/" rw with dump 1 and pass 1 and swap
 *   sw with 0 and 0. The guided UFS layout on a BIOS GPT disk puts
 *   freebsd-boot on ada0p1 (no entry), / on ada0p2, swap on ada0p3.
 * - motd.template: installed by usr.bin/login (so in base.txz), the text a
 *   FreeBSD 14.0-RELEASE login prints after its uname line (rc.d/motd builds
 *   /var/run/motd from it).
 * - mount(8) -a skips swap entries (BADTYPE/sw) and what is already mounted.
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const FSTAB = '# Device\tMountpoint\tFStype\tOptions\tDump\tPass#\n/dev/ada0p2\t/\t\tufs\trw\t1\t1\n/dev/ada0p3\tnone\t\tswap\tsw\t0\t0\n';

const MOTD = [
  '',
  'Welcome to FreeBSD!',
  '',
  'Release Notes, Errata: https://www.FreeBSD.org/releases/',
  'Security Advisories:   https://www.FreeBSD.org/security/',
  'FreeBSD Handbook:      https://www.FreeBSD.org/handbook/',
  'FreeBSD FAQ:           https://www.FreeBSD.org/faq/',
  'Questions List:        https://www.FreeBSD.org/lists/questions/',
  'FreeBSD Forums:        https://forums.FreeBSD.org/',
  '',
  'Documents installed with the system are in the /usr/local/share/doc/freebsd/',
  'directory, or can be installed later with:  pkg install en-freebsd-doc',
  'For other languages, replace "en" with a language code like de or fr.',
  '',
  'Show the version of FreeBSD installed:  freebsd-version ; uname -a',
  'Please include that output and any error messages when posting questions.',
  'Introduction to manual pages:  man man',
  'FreeBSD directory layout:      man hier',
  '',
  'To change this login announcement, see motd(5).',
  '',
].join('\n');

describe('a fresh host has /etc/fstab and /etc/motd.template', () => {
  it('has the installer\'s fstab and the stock motd.template, root-owned 0644', () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    expect(h.exec('cat /etc/fstab')).toEqual({ stdout: FSTAB, stderr: '', code: 0 });
    expect(h.exec('cat /etc/motd.template')).toEqual({ stdout: MOTD, stderr: '', code: 0 });
    expect(h.exec('stat -f "%Sp %Su %Sg %N" /etc/fstab /etc/motd.template')).toEqual({ stdout: '-rw-r--r-- root wheel /etc/fstab\n-rw-r--r-- root wheel /etc/motd.template\n', stderr: '', code: 0 });
  });

  it('mounts nothing more with mount -a: / is mounted and swap is not a file system', () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    const before = h.exec('mount').stdout;
    expect(h.exec('mount -a')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('mount').stdout).toBe(before);
  });

  it('ships motd.template in base.txz and leaves fstab to the installer', () => {
    const h = simHost('h1', { address: '192.0.2.11' });
    const listed = h.exec('fetch -q -o /tmp/base.txz https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz && tar -tf /tmp/base.txz | grep -E "^./etc/(fstab|motd)"');
    expect(listed).toEqual({ stdout: './etc/motd.template\n', stderr: '', code: 0 });
  });
});
