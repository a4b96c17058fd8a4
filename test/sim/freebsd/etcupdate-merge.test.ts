/**
 * etcupdate(8) building a tree from a release's sources and merging it into
 * a jail's etc. Sources (usr.sbin/etcupdate/etcupdate.sh, freebsd-src @016bfb0):
 * - build_cmd: "Missing required tarball." then usage(); build_tree() then
 *   `tar cfj TARBALL -C DIR .`; build_tree purges etc/passwd and etc/*.db and
 *   deletes empty files;
 * - extract_cmd "can be used to bootstrap updates by initializing the current
 *   "stock" tree to match the currently installed system";
 * - update_cmd: "  U FILE" (update_unmodified: the local file was the old stock
 *   one), "  M FILE" (merge_file: `diff3 -E -m` merged without conflicts), "  C
 *   FILE" (conflicts: `diff3 -m -L yours -L original -L new` left in
 *   WORKDIR/conflicts, the local file untouched), exit 0 either way; then
 *   "Warnings:" and the warnings (post_update: "Needs update: /etc/localtime
 *   (required manual update via tzsetup(8))" when /etc/localtime is a file and
 *   /var/db/zoneinfo is missing); the trees rotated (current -> old);
 * - status_cmd: "  C FILE" per file under WORKDIR/conflicts;
 * - -I patterns: ignore() skips a file matching one (`case $1 in $pattern)`) in every pass;
 * - MANIFEST (release/scripts/make-manifest.sh): "src.txz\tSHA256\tN\tsrc\t\"System source tree\"\toff".
 * The simulated 14.1 differs from 14.2 in syslog.conf (no daemon.info line)
 * and inetd.conf (auth without -E): synthetic, src/sim/archive/release-etc.ts.
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const MIRROR = 'https://download.freebsd.org/ftp/releases/amd64/amd64';
const ROOT = '/usr/jails/www';
const DAEMON = 'daemon.info\t\t\t\t\t/var/log/daemon.log\n';

function prepared() {
  const h = simHost('h1', { address: '192.0.2.11' });
  const steps = [
    `mkdir -p ${ROOT} /tmp/s141 /tmp/s142`,
    `fetch -q -o /tmp/base.txz ${MIRROR}/14.1-RELEASE/base.txz && tar -xf /tmp/base.txz -C ${ROOT}`,
    `fetch -q -o /tmp/src141.txz ${MIRROR}/14.1-RELEASE/src.txz && tar -xf /tmp/src141.txz -C /tmp/s141`,
    `fetch -q -o /tmp/src142.txz ${MIRROR}/14.2-RELEASE/src.txz && tar -xf /tmp/src142.txz -C /tmp/s142`,
    'etcupdate build -d /tmp/w -s /tmp/s141/usr/src /tmp/141.tbz',
    'etcupdate build -d /tmp/w -s /tmp/s142/usr/src /tmp/142.tbz',
  ];
  for (const s of steps) expect(h.exec(s), s).toMatchObject({ code: 0, stdout: '' });
  return h;
}

describe('etcupdate build, extract and update', () => {
  it('the mirror serves src.txz, listed in MANIFEST; 14.1 and 14.2 differ in two etc files', () => {
    const h = prepared();
    const manifest = h.exec(`fetch -o - ${MIRROR}/14.2-RELEASE/MANIFEST`).stdout.split('\n');
    expect(manifest[1]).toMatch(/^src\.txz\t[0-9a-f]{64}\t\d+\tsrc\t"System source tree"\toff$/);
    const sum = /^src\.txz\t([0-9a-f]{64})\t/.exec(manifest[1] ?? '')?.[1];
    expect(h.exec('sha256 -q /tmp/src142.txz').stdout).toBe(`${sum}\n`);
    expect(h.exec('test -f /tmp/s142/usr/src/etc/syslog.conf && echo src').stdout).toBe('src\n');
    expect(h.exec(`grep -c daemon.info ${ROOT}/etc/syslog.conf /tmp/s142/usr/src/etc/syslog.conf`).stdout).toBe(`${ROOT}/etc/syslog.conf:0\n/tmp/s142/usr/src/etc/syslog.conf:1\n`);
  });

  it('build: usage without a tarball, a failure without sources; the tree has no passwd and no empty file', () => {
    const h = prepared();
    const u = h.exec('etcupdate build -d /tmp/w -s /tmp/s142/usr/src');
    expect([u.code, u.stdout.split('\n').slice(0, 3)]).toEqual([1, ['Missing required tarball.', '', 'usage: etcupdate [-npBF] [-d workdir] [-r | -s source | -t tarball]']]);
    expect(h.exec('etcupdate build -d /tmp/w -s /nonexistent /tmp/x.tbz')).toEqual({ stdout: 'Failed to build tree.\n', stderr: '', code: 1 });
    expect(h.exec('ls /tmp/w').stdout).toBe('log\n');
    const list = h.exec('tar -tf /tmp/142.tbz').stdout.split('\n');
    expect(list).toContain('./etc/syslog.conf');
    expect(list).toContain('./etc/master.passwd');
    expect(list).not.toContain('./etc/passwd');
  });

  it('update: an untouched changed file updated, an edited one merged, the trees rotated; the next update changes nothing', () => {
    const h = prepared();
    expect(h.exec(`etcupdate extract -D ${ROOT} -t /tmp/141.tbz`)).toEqual({ stdout: '', stderr: '', code: 0 });
    h.exec(`sed -i '' 's|/dev/console$|/var/log/messages|' ${ROOT}/etc/syslog.conf`);
    const edited = h.exec(`cat ${ROOT}/etc/syslog.conf`).stdout;
    expect(edited).toContain('mail.crit\t\t/var/log/messages\n');
    const r = h.exec(`etcupdate -D ${ROOT} -t /tmp/142.tbz`);
    expect(r).toEqual({
      stdout: '  U /etc/inetd.conf\n  M /etc/syslog.conf\nWarnings:\n  Needs update: /etc/localtime (required manual update via tzsetup(8))\n',
      stderr: '',
      code: 0,
    });
    expect(h.exec(`cat ${ROOT}/etc/syslog.conf`).stdout).toBe(edited.replace('*.emerg\t\t\t\t\t\t*\n', `*.emerg\t\t\t\t\t\t*\n${DAEMON}`));
    const stock = h.exec('cat /tmp/s142/usr/src/etc/inetd.conf').stdout;
    expect(stock).toContain('#auth\tstream\ttcp\tnowait\troot\tinternal\tauth -E\n');
    expect(h.exec(`cat ${ROOT}/etc/inetd.conf`).stdout).toBe(stock);
    expect(h.exec(`cat ${ROOT}/var/db/etcupdate/current/etc/inetd.conf`).stdout).toBe(stock);
    expect(h.exec(`test -d ${ROOT}/var/db/etcupdate/old && echo rotated`).stdout).toBe('rotated\n');
    expect(h.exec(`etcupdate status -D ${ROOT}`).stdout).toBe('Warnings:\n  Needs update: /etc/localtime (required manual update via tzsetup(8))\n');
    expect(h.exec(`etcupdate -D ${ROOT} -t /tmp/142.tbz`).stdout).toBe('Warnings:\n  Needs update: /etc/localtime (required manual update via tzsetup(8))\n');
  });

  it('update: an edit where the release changed the file conflicts; the local file stays, the conflict waits in WORKDIR/conflicts', () => {
    const h = prepared();
    h.exec(`etcupdate extract -D ${ROOT} -t /tmp/141.tbz`);
    const f = `${ROOT}/etc/syslog.conf`;
    expect(h.exec(`awk '{ print } /^\\*\\.emerg/ { print "daemon.*\\t\\t\\t\\t\\t/var/log/mine.log" }' ${f} > ${f}.new && mv ${f}.new ${f}`).code).toBe(0);
    const mine = h.exec(`cat ${ROOT}/etc/syslog.conf`).stdout;
    const r = h.exec(`etcupdate -D ${ROOT} -t /tmp/142.tbz`);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['  U /etc/inetd.conf', '  C /etc/syslog.conf']);
    expect(h.exec(`cat ${ROOT}/etc/syslog.conf`).stdout).toBe(mine);
    expect(h.exec(`etcupdate status -D ${ROOT}`).stdout.split('\n')[0]).toBe('  C /etc/syslog.conf');
    expect(h.exec(`cat ${ROOT}/var/db/etcupdate/conflicts/etc/syslog.conf`).stdout).toContain(
      `<<<<<<< yours\ndaemon.*\t\t\t\t\t/var/log/mine.log\n||||||| original\n=======\n${DAEMON}>>>>>>> new\n`,
    );
    expect(h.exec(`etcupdate -D ${ROOT} -t /tmp/142.tbz`)).toEqual({ stdout: 'Conflicts remain from previous update, aborting.\n', stderr: '', code: 1 });
  });

  it('update -I: an ignored file is left alone, conflicting edit or not', () => {
    const h = prepared();
    h.exec(`etcupdate extract -D ${ROOT} -t /tmp/141.tbz`);
    const f = `${ROOT}/etc/syslog.conf`;
    expect(h.exec(`echo 'local0.* /var/log/local0.log' > ${f}`).code).toBe(0);
    expect(h.exec(`etcupdate -D ${ROOT} -t /tmp/142.tbz -I /etc/syslog.conf`).stdout.split('\n')[0]).toBe('  U /etc/inetd.conf');
    expect(h.exec(`cat ${f}`).stdout).toBe('local0.* /var/log/local0.log\n');
    expect(h.exec(`etcupdate status -D ${ROOT}`).stdout).not.toContain('  C ');
  });

  it("run in a jail without -D, on the jail's etc and WORKDIR; a link in its tree resolves inside the jail, absolute or by '..'", () => {
    // jail(8): "path: the directory which is to be the root of the jail"; a jail with command= and no persist goes with its command.
    // namei() resolves an absolute link target and ".." from the process's root (sys/kern/vfs_lookup.c), so the jail's own files answer.
    const h = prepared();
    const jailed = (cmd: string) => h.exec(`jail -c path=${ROOT} ip4=disable ip6=disable command=${cmd}`);
    expect(h.exec(`mkdir -p /var/db/hostwork && echo host > /var/db/hostwork/log && cp /tmp/141.tbz /tmp/142.tbz ${ROOT}/tmp/`).code).toBe(0);
    expect(jailed('/usr/sbin/etcupdate extract -t /tmp/141.tbz')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.exec(`test -d ${ROOT}/var/db/etcupdate/current/etc && test ! -e /var/db/etcupdate && echo jail`).stdout).toBe('jail\n');
    expect(h.exec(`ln -s /var/db/hostwork ${ROOT}/var/db/etcupdate/old && ln -sf ../../../../../../etc/master.passwd ${ROOT}/etc/inetd.conf`).code).toBe(0);
    const r = jailed('/usr/sbin/etcupdate -t /tmp/142.tbz');
    expect(r.code).toBe(0);
    // "Modified mismatch": the jail's inetd.conf is a link (compare(): stat -f %Hp, not followed).
    expect(r.stdout).toBe('  U /etc/syslog.conf\nWarnings:\n  Modified mismatch: /etc/inetd.conf (regular file vs symbolic link)\n  Needs update: /etc/localtime (required manual update via tzsetup(8))\n');
    // The rotation removed the jail's old (a link, not followed) and made its own: the host's directory is untouched.
    expect(h.exec(`cat /var/db/hostwork/log; test -d ${ROOT}/var/db/etcupdate/old/etc -a ! -L ${ROOT}/var/db/etcupdate/old && echo own`).stdout).toBe('host\nown\n');
    expect(h.exec(`grep -c daemon.info ${ROOT}/etc/syslog.conf`).stdout).toBe('1\n');
    // Read through the links from inside, the jail's own master.passwd; from the host, the same link names the host's.
    expect(jailed('/bin/cat /etc/inetd.conf').stdout).toBe(h.exec(`cat ${ROOT}/etc/master.passwd`).stdout);
    expect(h.exec(`echo hostonly >> /etc/master.passwd; grep -c hostonly ${ROOT}/etc/inetd.conf`).stdout).toBe('1\n');
    expect(jailed('/usr/bin/grep -c hostonly /etc/inetd.conf')).toMatchObject({ stdout: '0\n' });
    expect(h.exec('jls -q name').stdout).toBe('');
  });
});
