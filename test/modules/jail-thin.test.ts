/**
 * The jail module's thin jails and upgrades (issue 18), planned from captured
 * facts. Expected commands are written out by hand: freebsd-update(8)
 * "-b basedir", "--currently-running release", "-r newrelease", the
 * commands `upgrade` and `install`; fstab(5) fields "fs_spec fs_file
 * fs_vfstype fs_mntops fs_freq fs_passno"; mount_nullfs(8) `ro`; etcupdate(8)
 * "build [-d workdir] [-s source] tarball", "extract [-t tarball] [-D destdir]",
 * "[-t tarball] [-D destdir]" for an update, and `status` listing "  C FILE" per
 * conflict (usr.sbin/etcupdate/etcupdate.sh status_cmd).
 */
import { describe, expect, it } from 'vitest';
import { jailModule } from '../../src/modules/jail/index.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, context, fail, fileCmd, lsFile, ok, play, planOne, type Task } from './harness.js';
import { convergedHost, exists, freshHost, WWW_TASK } from './jail-fixtures.js';

const task = (extra: Record<string, unknown> = {}): Task => [jailModule, { ...WWW_TASK, ...extra }];
const MARKER = fileCmd('/usr/jails/www/.jailfleet-release');
const REL_MARKER = (r: string) => fileCmd(`/usr/local/jailfleet/releases/${r}/.jailfleet-release`);
/** `test -e` of a thin root's base mount point: missing on a fresh host, there once built. */
const base = (there: boolean) => ({ [exists('.jailfleet-base')]: there ? ok('') : fail(1, '') });
const built = (text: string) => ({ [MARKER]: lsFile('/usr/jails/www/.jailfleet-release', `${text}\n`) });
/** `test -e` of the etcupdate tarballs (14.1, 14.2) and of the jail's etcupdate baseline. */
const etcupdate = (t141: boolean, t142: boolean, baseline: boolean) => ({
  'test -e /usr/local/jailfleet/releases/14.1-RELEASE.etcupdate.tbz': t141 ? ok('') : fail(1, ''),
  'test -e /usr/local/jailfleet/releases/14.2-RELEASE.etcupdate.tbz': t142 ? ok('') : fail(1, ''),
  'test -e /usr/jails/www/var/db/etcupdate/current': baseline ? ok('') : fail(1, ''),
});

describe('jail: type: thin arguments', () => {
  it('is thick by default; thin needs a release, and a jail path without white space', () => {
    const parse = (a: Record<string, unknown>) => jailModule.schema.safeParse({ name: 'www', ...a });
    expect(parse({ release: '14.2-RELEASE' }).data?.type).toBe('thick');
    expect(parse({ type: 'thin', release: '14.2-RELEASE' }).success).toBe(true);
    expect(parse({ type: 'thin', archive: '/var/tmp/base.txz' }).error?.issues[0]?.message).toBe(
      'a thin jail needs release: (its base is a shared release tree, not an archive)',
    );
    expect(parse({ type: 'thin', release: '14.2-RELEASE', path: '/usr/jails/my www' }).success).toBe(false);
    expect(parse({ type: 'slim', release: '14.2-RELEASE' }).success).toBe(false);
  });

  it("puts the release's nullfs line first in the jail's fstab, before the playbook's own", () => {
    const r = jailModule.schema.parse({ name: 'www', type: 'thin', release: '14.2-RELEASE', mounts: ['devfs', { fstab: '/data /usr/jails/www/data nullfs rw 0 0' }] });
    expect(r.fstab).toEqual(['/usr/local/jailfleet/releases/14.2-RELEASE /usr/jails/www/.jailfleet-base nullfs ro 0 0', '/data /usr/jails/www/data nullfs rw 0 0']);
  });
});

describe('jail: a thin jail on a fresh host', () => {
  it('downloads, extracts the release once, then lays out the root from it', () => {
    const plan = planOne({ ...freshHost(), ...base(false), [REL_MARKER('14.2-RELEASE')]: absent }, task({ type: 'thin' }));
    const titles = plan.steps.map((s) => s.title);
    expect(titles.slice(1, 4)).toEqual([
      'download 14.2-RELEASE base.txz',
      'extract release 14.2-RELEASE into /usr/local/jailfleet/releases/14.2-RELEASE',
      'build root tree of jail www (14.2-RELEASE)',
    ]);
    const build = commands(plan)[3] ?? '';
    expect(build).toContain(
      '[ -e /usr/jails/www/etc ] || { rm -rf /usr/jails/www/etc.jailfleet-new && cp -a /usr/local/jailfleet/releases/14.2-RELEASE/etc /usr/jails/www/etc.jailfleet-new && mv /usr/jails/www/etc.jailfleet-new /usr/jails/www/etc; } || exit 1',
    );
    expect(build).toContain('ln -sfh .jailfleet-base/bin /usr/jails/www/bin || exit 1');
    expect(build).toContain('ln -sfh ../.jailfleet-base/usr/lib /usr/jails/www/usr/lib || exit 1');
    expect(build).not.toContain('tar ');
    expect(build).toContain("printf '%s\\n' thin:14.2-RELEASE > /usr/jails/www/.jailfleet-release.tmp");
  });

  it('does not extract a release tree that is there already', () => {
    const plan = planOne(
      { ...freshHost(), ...base(false), [REL_MARKER('14.2-RELEASE')]: lsFile('/usr/local/jailfleet/releases/14.2-RELEASE/.jailfleet-release', '14.2-RELEASE\n') },
      task({ type: 'thin' }),
    );
    expect(plan.steps.map((s) => s.title).filter((t) => /download|extract/.test(t))).toEqual([]);
  });
});

describe('jail: another release for a built jail', () => {
  it('thick with upgrade: true runs freebsd-update upgrade, then install until it is done, checks the tree says the new release, then marks it', () => {
    const plan = planOne({ ...convergedHost(), ...built('14.1-RELEASE') }, task({ upgrade: true }));
    const upgrade = plan.steps.find((s) => s.title.startsWith('freebsd-update'));
    expect(upgrade?.title).toBe('freebsd-update /usr/jails/www 14.1-RELEASE -> 14.2-RELEASE');
    // Confined to the tree (freebsd-update-jailed.ts): each run is the command of a transient jail on its path,
    // the download with the jail's own address, the install with none; never -b from the host.
    const command = upgrade?.command ?? '';
    expect(command).not.toContain('freebsd-update -b');
    // Each transient jail has a name of its own (jail(8) name: no '.'; the '+' is in no jail name jailfleet takes), so
    // a leftover of an interrupted run is removed before it and it is removed after its command, processes and all
    // (jail(8) -R: "removes an existing jail without using the configuration file").
    const gone = String.raw`{ ! jls -j jailfleet-upgrade+www >/dev/null 2>&1 || { jail -R jailfleet-upgrade+www; ! jls -j jailfleet-upgrade+www >/dev/null 2>&1; }; }`;
    const stuck = String.raw`printf 'jail(8) -R could not remove the transient jail %s\n' jailfleet-upgrade+www >&2`;
    // Its output goes to a host file, not a pipe a process left in the jail could hold open (jf_out=$(jail ...) would wait).
    expect(command).toContain(
      [
        String.raw`jf_up=1; ${gone} || { ${stuck}; jf_fail; }`,
        String.raw`jf_o=$(mktemp /tmp/jailfleet-transient.XXXXXX) || jf_fail`,
        String.raw`jf_rc=0; jail -c name=jailfleet-upgrade+www path=/usr/jails/www ip4.addr='em0|192.0.2.121/32' ip6=disable mount.devfs command=/bin/sh -c 'if echo y | PAGER=cat freebsd-update --currently-running "$1" -r "$2" upgrade; then echo '\''jailfleet: freebsd-update fetched'\''; fi' sh 14.1-RELEASE 14.2-RELEASE > "$jf_o" || jf_rc=1`,
        String.raw`${gone} || { ${stuck}; jf_rc=1; }`,
        String.raw`jf_out=$(cat "$jf_o"); rm -f "$jf_o"`,
        String.raw`[ "$jf_rc" = 0 ] || { printf '%s\n' "$jf_out" >&2; jf_fail; }`,
      ].join('\n'),
    );
    expect(command).toContain(String.raw`jf_rc=0; jail -c name=jailfleet-upgrade+www path=/usr/jails/www ip4=disable ip6=disable mount.devfs command=/bin/sh -c 'jf_to=$1 jf_n=$2 jf_path=$3`);
    expect(command).toContain(String.raw`  jf_out=$(PAGER=cat freebsd-update install) || {`);
    expect(command).toContain(String.raw`  jf_v=$(sed -n '\''s/^USERLAND_VERSION="\([^"]*\)"$/\1/p'\'' /bin/freebsd-version 2>/dev/null)`);
    expect(command).toContain(String.raw`' sh 14.2-RELEASE www /usr/jails/www/bin/freebsd-version > "$jf_o" || jf_rc=1`);
    // The clean-up removes the transient jail first (a process left in it would hold its devfs), never unmounts through
    // a link and drops the alias jail(8) added for the download.
    expect(command).toContain(`jf_clean() { [ -n "$jf_up" ] || return 0; jf_up=; ${gone}; [ -z "$jf_o" ] || rm -f "$jf_o"; [ -L /usr/jails/www/dev ] || umount /usr/jails/www/dev 2>/dev/null; ifconfig em0 inet 192.0.2.121 -alias 2>/dev/null; true; }`);
    const titles = plan.steps.map((s) => s.title);
    // The running jail is stopped before and started after.
    expect(titles[0]).toMatch(/^stop jail www \(restart: release upgraded from 14.1-RELEASE to 14.2-RELEASE\)$/);
    expect(titles.at(-1)).toMatch(/^start jail www /);
    expect(plan.diffs).toContainEqual({ label: 'jail www release', before: '14.1-RELEASE\n', after: '14.2-RELEASE\n' });
  });

  it('refuses a thick upgrade of a jail without an address: its download runs in a transient jail with the jail\'s own addresses', () => {
    expect(() => planOne({ ...convergedHost(), ...built('14.1-RELEASE') }, task({ upgrade: true, ip4: [] }))).toThrow(
      "jail www: a thick jail's upgrade downloads from inside a transient jail with the jail's own ip4 addresses, and this one has none (network: vnet, or no ip4): upgrade its tree by hand",
    );
  });

  it('refuses without upgrade: true, a downgrade, and a change between thick and thin', () => {
    expect(() => planOne({ ...convergedHost(), ...built('14.1-RELEASE') }, task())).toThrow(
      new PlanError('jail www: root tree is 14.1-RELEASE, playbook says 14.2-RELEASE; set upgrade: true to upgrade the jail to it'),
    );
    expect(() => planOne({ ...convergedHost(), ...built('14.3-RELEASE') }, task({ upgrade: true }))).toThrow(
      'jail www: root tree is 14.3-RELEASE, playbook says 14.2-RELEASE; that is no newer release: a jail is never downgraded',
    );
    expect(() => planOne({ ...convergedHost(), ...base(true), ...built('14.2-RELEASE'), [REL_MARKER('14.2-RELEASE')]: absent, ...etcupdate(false, false, false) }, task({ type: 'thin', upgrade: true }))).toThrow(
      'jail www: root tree is 14.2-RELEASE, playbook says thin:14.2-RELEASE; only a release of the same kind of jail (thin/thick) can be upgraded',
    );
  });

  it('thin with upgrade: true builds both etcupdate tarballs, a baseline, and merges, all before the jail is stopped', () => {
    const { 'test -e /usr/local/jailfleet/releases/14.1-RELEASE.etcupdate.tbz': old141, ...declared } = etcupdate(false, false, false);
    const facts = { ...convergedHost(), ...base(true), ...built('thin:14.1-RELEASE'), [REL_MARKER('14.2-RELEASE')]: absent, ...declared };
    // The old release's tarball is read only once the plan knows that release (a later round of the session).
    const [plan] = play(facts, [task({ type: 'thin', upgrade: true })], context(), { 'test -e /usr/local/jailfleet/releases/14.1-RELEASE.etcupdate.tbz': old141 });
    if (!plan) throw new Error('no plan');
    const titles = plan.steps.map((s) => s.title);
    const stop = titles.findIndex((t) => t.startsWith('stop jail www'));
    expect(titles.slice(0, stop)).toEqual([
      'download 14.2-RELEASE base.txz',
      'extract release 14.2-RELEASE into /usr/local/jailfleet/releases/14.2-RELEASE',
      'download 14.1-RELEASE src.txz',
      'build the etcupdate tarball of 14.1-RELEASE',
      'etcupdate baseline of jail www: 14.1-RELEASE',
      'download 14.2-RELEASE src.txz',
      'build the etcupdate tarball of 14.2-RELEASE',
      'etcupdate jail www: 14.1-RELEASE -> 14.2-RELEASE',
    ]);
    const cmd = (title: string) => plan.steps.find((s) => s.title === title)?.command ?? '';
    expect(cmd('download 14.1-RELEASE src.txz')).toContain(
      "fetch -q -o \"$jf_c/src.txz.part\" https://download.freebsd.org/ftp/releases/amd64/amd64/14.1-RELEASE/src.txz || exit 1",
    );
    expect(cmd('download 14.1-RELEASE src.txz')).toContain("jf_want=$(grep -E '^src\\.txz[[:space:]]' \"$jf_c/MANIFEST\" | cut -f 2)");
    expect(cmd('build the etcupdate tarball of 14.2-RELEASE')).toContain(
      'etcupdate build -d /var/cache/jailfleet/releases/14.2-RELEASE/etcupdate-build/workdir -s /var/cache/jailfleet/releases/14.2-RELEASE/etcupdate-build/src/usr/src /usr/local/jailfleet/releases/14.2-RELEASE.etcupdate.tbz.part',
    );
    // etcupdate runs confined to the jail's tree (a transient jail on its path: jail(8) `-c path=... command=...`), never
    // with -D from the host, where a link the jail's root planted would resolve against the host's root.
    const baseline = cmd('etcupdate baseline of jail www: 14.1-RELEASE');
    expect(baseline).toContain('jf_d=$(mktemp -d /usr/jails/www/.jailfleet-etcupdate.XXXXXX) || exit 1');
    // The tarball goes in on the transient jail's stdin and the jailed side writes it: the host writes through no name in the tree.
    const receive = `command=/bin/sh -c 'cat > "$1" || exit 1; shift; exec "$@"' sh "/\${jf_d##*/}/etcupdate.tbz"`;
    expect(baseline).not.toMatch(/^cp /m);
    expect(baseline).toContain(
      `jail -c name=jailfleet-upgrade+www path=/usr/jails/www ip4=disable ip6=disable ${receive} /usr/sbin/etcupdate extract -t "/\${jf_d##*/}/etcupdate.tbz" < /usr/local/jailfleet/releases/14.1-RELEASE.etcupdate.tbz > "$jf_o" || jf_rc=1`,
    );
    // The transient jail (named, so it can be found again) is removed before and after its command, and by the clean-up.
    const gone = '{ ! jls -j jailfleet-upgrade+www >/dev/null 2>&1 || { jail -R jailfleet-upgrade+www; ! jls -j jailfleet-upgrade+www >/dev/null 2>&1; }; }';
    expect(baseline).toContain(`trap '${gone}; [ -z "$jf_o" ] || rm -f "$jf_o"; rm -rf "$jf_d"' EXIT`);
    expect(baseline).toContain(
      `${gone} || { printf 'jail(8) -R could not remove the transient jail %s\\n' jailfleet-upgrade+www >&2; jf_rc=1; }\njf_out=$(cat "$jf_o"); rm -f "$jf_o"\n[ "$jf_rc" = 0 ] || { printf '%s\\n' "$jf_out" >&2; exit 1; }`,
    );
    const merge = cmd('etcupdate jail www: 14.1-RELEASE -> 14.2-RELEASE');
    expect(merge).toContain(`jf_rc=0; jail -c name=jailfleet-upgrade+www path=/usr/jails/www ip4=disable ip6=disable ${receive} /bin/sh -c '`);
    expect(merge).toContain('jf_out=$(/usr/sbin/etcupdate -t "$jf_t" "$@"); jf_rc=$?');
    expect(merge).toContain("jf_c=$(echo $(/usr/sbin/etcupdate status | sed -n '\\''s/^  C //p'\\''))");
    expect(merge).toContain(`' sh "/\${jf_d##*/}/etcupdate.tbz" www 14.1-RELEASE 14.2-RELEASE < /usr/local/jailfleet/releases/14.2-RELEASE.etcupdate.tbz > "$jf_o" || jf_rc=1`);
    expect(merge).not.toContain(' -D ');
    expect(titles.slice(stop + 1)).toContain('jail www: mark the root tree thin:14.2-RELEASE');
    expect(plan.message).toContain("jail www: etc merged with 14.2-RELEASE's by etcupdate(8)");
  });

  it('thin: tarballs and a baseline that are there are not made again; the merge still runs', () => {
    const facts = { ...convergedHost(), ...base(true), ...built('thin:14.1-RELEASE'), [REL_MARKER('14.2-RELEASE')]: lsFile('/usr/local/jailfleet/releases/14.2-RELEASE/.jailfleet-release', '14.2-RELEASE\n'), ...etcupdate(true, true, true) };
    const titles = planOne(facts, task({ type: 'thin', upgrade: true })).steps.map((s) => s.title);
    expect(titles.filter((t) => /download|extract|build|baseline|etcupdate/.test(t))).toEqual(['etcupdate jail www: 14.1-RELEASE -> 14.2-RELEASE']);
    expect(titles[0]).toBe('etcupdate jail www: 14.1-RELEASE -> 14.2-RELEASE');
    // Files the task writes whole are the playbook's: etcupdate ignores them (etcupdate(8) -I).
    const withFiles = { ...facts, [fileCmd('/usr/jails/www/etc/syslog.conf')]: absent };
    const files = [{ path: '/etc/syslog.conf', content: 'x\n' }];
    const merge = planOne(withFiles, task({ type: 'thin', upgrade: true, files })).steps.find((s) => s.title.startsWith('etcupdate jail'));
    expect(merge?.command).toContain(`' sh "/\${jf_d##*/}/etcupdate.tbz" www 14.1-RELEASE 14.2-RELEASE -I /etc/syslog.conf < /usr/local/jailfleet/releases/14.2-RELEASE.etcupdate.tbz > "$jf_o" || jf_rc=1`);
  });
});
