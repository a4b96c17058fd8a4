/**
 * nullfs mounts as FreeBSD 14 has them. Sources:
 * - mount_nullfs(8) / sbin/mount_nullfs/mount_nullfs.c: "mount_nullfs [-o options] target mount-point";
 *   stat_realpath() failures are err(EX_USAGE, "%s", path) (exit 64); usage() exits 1.
 * - mount(8) prmount(): "%s on %s (%s" then ", %s" per flag; nullfs is "local" like its lower layer.
 * - Writes under a read-only mount fail with EROFS, strerror "Read-only file system" (errno(2));
 *   sys/kern/vfs_lookup.c lookup(): DELETE/RENAME on a read-only mount → EROFS, CREATE of a missing
 *   name → EROFS, CREATE of an existing name returns it (so mkdir says "File exists");
 *   vn_writechk() for open(2) for writing, utimes(2), chmod(2).
 * - Messages: sh(1) "cannot create PATH: ..." for a redirection (bin/sh/redir.c), cp/mkdir/touch
 *   "prog: path: strerror" via warn(3), rm warns per entry of its fts walk (bin/rm/rm.c).
 * - jail(8) mount.fstab: "An fstab(5) format file containing filesystems to mount before creating a jail."
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

function host() {
  const h = simHost('h1', { address: '192.0.2.11' });
  h.exec('mkdir -p /usr/jails/base/bin /usr/jails/www/base /data && echo hello > /usr/jails/base/bin/motd && echo old > /usr/jails/www/base/hidden');
  return h;
}

describe('nullfs', () => {
  it('shows the source under the mount point, hides what was there, and lists the mount', () => {
    const h = host();
    expect(h.exec('mount -t nullfs -o ro /usr/jails/base /usr/jails/www/base')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('cat /usr/jails/www/base/bin/motd; ls /usr/jails/www/base')).toEqual({ stdout: 'hello\nbin\n', stderr: '', code: 0 });
    expect(h.exec('mount | grep nullfs').stdout).toBe('/usr/jails/base on /usr/jails/www/base (nullfs, local, read-only)\n');
    expect(h.exec('mount -p | grep nullfs').stdout).toBe('/usr/jails/base\t\t/usr/jails/www/base\tnullfs\tro\t\t0 0\n');
    // umount uncovers the directory's own contents again.
    expect(h.exec('umount /usr/jails/www/base && ls /usr/jails/www/base && mount | grep -c nullfs')).toEqual({ stdout: 'hidden\n0\n', stderr: '', code: 1 });
  });

  it('mount_nullfs mounts read-write: a change through the mount is a change of the source', () => {
    const h = host();
    expect(h.exec('mount_nullfs /data /usr/jails/www/base')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec('echo x > /usr/jails/www/base/f && mkdir /usr/jails/www/base/d && cat /data/f && ls /data')).toEqual({ stdout: 'x\nd\nf\n', stderr: '', code: 0 });
    expect(h.exec('mount | grep nullfs').stdout).toBe('/data on /usr/jails/www/base (nullfs, local)\n');
    expect(h.exec('rm /usr/jails/www/base/f; ls /data').stdout).toBe('d\n');
  });

  it.each([
    [['mount_nullfs'], 'usage: mount_nullfs [-o options] target mount-point\n', 1],
    [['mount_nullfs', '-x', '/data', '/usr/jails/www/base'], "mount_nullfs: illegal option -- x\nusage: mount_nullfs [-o options] target mount-point\n", 1],
    [['mount_nullfs', '/nope', '/usr/jails/www/base'], 'mount_nullfs: /nope: No such file or directory\n', 64],
    [['mount_nullfs', '/data', '/nomp'], 'mount_nullfs: /nomp: No such file or directory\n', 64],
  ])('%j fails with %j, exit %i', (argv, stderr, code) => {
    const h = host();
    expect(h.exec(argv.join(' '))).toEqual({ stdout: '', stderr, code });
    expect(h.exec('mount | grep -c nullfs').stdout).toBe('0\n');
  });

  it('refuses every change under a read-only mount with EROFS and leaves the source as it was', () => {
    const h = host();
    h.exec('mount_nullfs -o ro /usr/jails/base /usr/jails/www/base');
    const b = '/usr/jails/www/base';
    const cases: Array<[string, string]> = [
      [`echo x > ${b}/new`, `sh: cannot create ${b}/new: Read-only file system\n`],
      [`echo x >> ${b}/bin/motd`, `sh: cannot create ${b}/bin/motd: Read-only file system\n`],
      // cp.c strips the target's trailing slashes before adding "/" and the name.
      [`cp /etc/hosts ${b}/bin/`, `cp: ${b}/bin/hosts: Read-only file system\n`],
      [`mkdir ${b}/d`, `mkdir: ${b}/d: Read-only file system\n`],
      [`mkdir ${b}/bin`, `mkdir: ${b}/bin: File exists\n`],
      [`touch ${b}/bin/motd`, `touch: ${b}/bin/motd: Read-only file system\n`],
      [`touch ${b}/t`, `touch: ${b}/t: Read-only file system\n`],
      [`rm ${b}/bin/motd`, `rm: ${b}/bin/motd: Read-only file system\n`],
      [`rm -rf ${b}/bin`, `rm: ${b}/bin/motd: Read-only file system\nrm: ${b}/bin: Read-only file system\n`],
      [`chmod 600 ${b}/bin/motd`, `chmod: ${b}/bin/motd: Read-only file system\n`],
      [`ln -s x ${b}/l`, `ln: ${b}/l: Read-only file system\n`],
    ];
    for (const [script, stderr] of cases) expect([script, h.exec(script)]).toEqual([script, { stdout: '', stderr, code: stderr.startsWith('sh:') ? 2 : 1 }]);
    expect(h.exec('ls /usr/jails/base /usr/jails/base/bin; cat /usr/jails/base/bin/motd').stdout).toBe('/usr/jails/base:\nbin\n\n/usr/jails/base/bin:\nmotd\nhello\n');
    // The source itself stays writable; the change shows through the mount.
    expect(h.exec(`echo again > /usr/jails/base/bin/motd && cat ${b}/bin/motd`).stdout).toBe('again\n');
  });

  it('rm -rf goes through a mount: the source loses its files, the mount point is busy (rm.c rm_tree, no -x)', () => {
    const h = host();
    h.exec('mount_nullfs /usr/jails/base /usr/jails/www/base && echo data > /usr/jails/www/etc.conf');
    expect(h.exec('rm -rf /usr/jails/www')).toEqual({
      stdout: '',
      stderr: 'rm: /usr/jails/www/base: Device busy\nrm: /usr/jails/www: Directory not empty\n',
      code: 1,
    });
    expect(h.exec('ls -A /usr/jails/www; ls -A /usr/jails/base')).toEqual({ stdout: 'base\n', stderr: '', code: 0 });
    expect(h.exec('umount /usr/jails/www/base && rm -r /usr/jails/www && ls /usr/jails')).toEqual({ stdout: 'base\n', stderr: '', code: 0 });
  });

  it('jail(8) mounts the nullfs lines of mount.fstab at creation (read-only enforced inside the jail) and unmounts them at removal', () => {
    const h = host();
    h.exec('mkdir -p /usr/jails/www/bin /usr/jails/www/tmp && cp /bin/sh /bin/cat /usr/jails/www/bin/');
    h.exec("printf '/usr/jails/base\\t/usr/jails/www/base\\tnullfs\\tro\\t0\\t0\\n' > /etc/fstab.www");
    h.exec(`cat > /etc/jail.conf <<'EOF'
www { path = /usr/jails/www; persist; mount.fstab = /etc/fstab.www; }
EOF`);
    expect(h.exec('jail -c www')).toEqual({ stdout: 'www: created\n', stderr: '', code: 0 });
    expect(h.exec('mount | grep nullfs').stdout).toBe('/usr/jails/base on /usr/jails/www/base (nullfs, local, read-only)\n');
    expect(h.exec('jexec www cat /base/bin/motd')).toEqual({ stdout: 'hello\n', stderr: '', code: 0 });
    expect(h.exec('jexec www sh -c "echo x > /base/x"')).toEqual({ stdout: '', stderr: 'sh: cannot create /base/x: Read-only file system\n', code: 2 });
    expect(h.exec('jexec www sh -c "echo x > /tmp/x && cat /tmp/x"').stdout).toBe('x\n');
    expect(h.exec('jail -r www')).toEqual({ stdout: 'www: removed\n', stderr: '', code: 0 });
    expect(h.exec('mount | grep -c nullfs; cat /usr/jails/www/base/hidden')).toEqual({ stdout: '0\nold\n', stderr: '', code: 0 });
  });
});
