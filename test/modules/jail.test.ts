import { describe, expect, it } from 'vitest';
import { jailModule } from '../../src/modules/jail/index.js';
import { fileFactCommand } from '../../src/modules/facts/file-fact.js';
import { quote } from '../../src/shell/quote.js';
import type { Plan } from '../../src/modules/types.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, context, fail, factsOf, fileCmd, lsFile, ok, play, planOne, StaleFact, type Task } from './harness.js';
import { convergedHost, exists, freshHost, HOST_FSTAB, IFCONFIG, ifconfigAll, JLS, MOUNT, mountTable, jlsJson, RC, SYSRC_ALL, WWW_CONF, WWW_RUNNING, WWW_TASK } from './jail-fixtures.js';

const task = (extra: Record<string, unknown> = {}): Task => [jailModule, { ...WWW_TASK, ...extra }];

const MIRROR = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE';

const DOWNLOAD = `jf_c=/var/cache/jailfleet/releases/14.2-RELEASE
trap 'rm -f "$jf_c/MANIFEST.part" "$jf_c/base.txz.part"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM
mkdir -p "$jf_c" || exit 1
jf_want=
if [ -f "$jf_c/MANIFEST" ]; then jf_want=$(grep -E '^base\\.txz[[:space:]]' "$jf_c/MANIFEST" | cut -f 2); fi
if [ -z "$jf_want" ]; then
  fetch -q -o "$jf_c/MANIFEST.part" ${MIRROR}/MANIFEST || exit 1
  jf_want=$(grep -E '^base\\.txz[[:space:]]' "$jf_c/MANIFEST.part" | cut -f 2)
  if [ -z "$jf_want" ]; then
    printf 'jail %s: %s has no base.txz line\\n' www ${MIRROR}/MANIFEST >&2
    exit 1
  fi
  mv -f "$jf_c/MANIFEST.part" "$jf_c/MANIFEST" || exit 1
fi
jf_have=
if [ -f "$jf_c/base.txz" ]; then jf_have=$(sha256 -q "$jf_c/base.txz") || exit 1; fi
if [ "$jf_have" != "$jf_want" ]; then
  fetch -q -o "$jf_c/base.txz.part" ${MIRROR}/base.txz || exit 1
  jf_have=$(sha256 -q "$jf_c/base.txz.part") || exit 1
  if [ "$jf_have" != "$jf_want" ]; then
    printf 'jail %s: base.txz checksum mismatch: MANIFEST says %s, file has %s\\n' www "$jf_want" "$jf_have" >&2
    exit 1
  fi
  mv -f "$jf_c/base.txz.part" "$jf_c/base.txz" || exit 1
fi`;

const BUILD = `if [ -e /usr/jails/www/.jailfleet-release ]; then printf 'jail %s: %s exists: the root tree was built already; nothing extracted\\n' www /usr/jails/www/.jailfleet-release >&2; exit 1; fi
mkdir -p /usr/jails/www || exit 1
tar -xf /var/cache/jailfleet/releases/14.2-RELEASE/base.txz -C /usr/jails/www --unlink || exit 1
if [ -e /etc/resolv.conf ]; then cp /etc/resolv.conf /usr/jails/www/etc/resolv.conf || exit 1; fi
if [ -e /etc/localtime ]; then cp /etc/localtime /usr/jails/www/etc/localtime || exit 1; fi
printf '%s\\n' 14.2-RELEASE > /usr/jails/www/.jailfleet-release.tmp && mv /usr/jails/www/.jailfleet-release.tmp /usr/jails/www/.jailfleet-release`;

const START = `jf_out=$(service jail start www 2>&1)
printf '%s\\n' "$jf_out"
jls -j www >/dev/null 2>&1 && exit 0
printf '%s\\n' "$jf_out" >&2
printf 'jail %s: not running after service jail start\\n' www >&2
exit 1`;

/** The stop of the running www jail, with these address removals. */
function stopScript(aliases: string[]): string {
  return [
    "jexec -l www /bin/sh -c '/bin/sh /etc/rc.shutdown' || printf 'jail %s: exec.stop exited %s; removing the jail anyway\\n' www \"$?\" >&2",
    'jail -R www || exit 1',
    "if jls -j www >/dev/null 2>&1; then printf 'jail %s: still running after jail -R\\n' www >&2; exit 1; fi",
    ...aliases,
    'mount | while IFS= read -r jf_l; do',
    '  jf_on=${jf_l#* on }',
    '  jf_t=${jf_on##* (}',
    '  jf_on=${jf_on% (*}',
    '  case ${jf_t%%[!a-z0-9]*} in zfs) continue ;; esac',
    "  case $jf_on in /usr/jails/www/*) printf '%s\\n' \"$jf_on\" ;; esac",
    'done | sort -r | while IFS= read -r jf_on; do',
    '  umount "$jf_on" || exit 1',
    'done || exit 1',
    'rm -f /var/run/jail_www.id',
  ].join('\n');
}

describe('jail: converge from a fresh host', () => {
  const plan = planOne(freshHost(), task());

  it('reads the conf files, rc.conf, jls, marker, interfaces, mounts, root tree and kernel link in one gather', () => {
    expect(factsOf(task()).map((f) => f.command)).toEqual([
      JLS,
      fileCmd('/etc/jail.conf.d/www.conf'),
      fileCmd('/etc/fstab.www'),
      RC('jail_list'),
      RC('jail_enable'),
      fileCmd('/usr/jails/www/.jailfleet-release'),
      IFCONFIG,
      SYSRC_ALL,
      HOST_FSTAB,
      MOUNT,
      fileCmd('/etc/jail.conf'),
      ...['bin', 'bin/sh', 'etc', 'etc/rc', 'etc/rc.shutdown', 'dev', 'proc'].map(exists),
      'readlink /usr/jails/www/kernel',
      RC('sshd_enable', '/usr/jails/www/etc/rc.conf'),
    ]);
  });

  it('plans enable, download, build, link, rc.conf, conf, include, jail_list, then a verified start', () => {
    expect(plan.changed).toBe(true);
    expect(plan.steps.map((s) => s.title)).toEqual([
      'sysrc jail_enable',
      'download 14.2-RELEASE base.txz',
      'build root tree of jail www (14.2-RELEASE)',
      'link /usr/jails/www/kernel',
      'sysrc sshd_enable',
      'mkdir /etc/jail.conf.d',
      'write /etc/jail.conf.d/www.conf',
      'write /etc/jail.conf',
      'sysrc jail_list',
      'start jail www',
    ]);
    const cmds = commands(plan).filter((c) => c !== DOWNLOAD);
    expect(commands(plan)[1]).toBe(DOWNLOAD);
    expect(plan.steps[1]?.changes).toEqual(['path:/var/cache/jailfleet/releases/14.2-RELEASE']);
    expect(plan.steps[2]?.changes).toEqual(['path:/usr/jails/www']);
    expect(cmds[0]).toBe('sysrc -f /etc/rc.conf jail_enable=YES');
    expect(cmds[1]).toBe(BUILD);
    expect(cmds[2]).toBe('ln -sf dev/null /usr/jails/www/kernel');
    expect(cmds[3]).toBe('sysrc -f /usr/jails/www/etc/rc.conf sshd_enable=YES');
    expect(cmds[4]).toBe('mkdir -p /etc/jail.conf.d');
    expect(cmds[5]).toContain(`printf '%s' ${quote(WWW_CONF)} > "$t"`);
    expect(cmds[5]).toContain('mv -f "$t" /etc/jail.conf.d/www.conf');
    expect(cmds[6]).toContain(`printf '%s' '.include "/etc/jail.conf.d/*.conf";\n' > "$t"`);
    expect(cmds[7]).toBe('sysrc -f /etc/rc.conf jail_list=www');
    expect(cmds[8]).toBe(START);
  });

  it('shows unified-diff material for the conf files, rc.conf values and the running state', () => {
    expect(plan.diffs).toEqual([
      { label: '/etc/rc.conf: jail_enable', before: 'jail_enable="NO"\n', after: 'jail_enable="YES"\n' },
      { label: '/usr/jails/www/etc/rc.conf: sshd_enable', before: 'sshd_enable="NO"\n', after: 'sshd_enable="YES"\n' },
      { label: '/etc/jail.conf.d/www.conf', before: '', after: WWW_CONF },
      { label: '/etc/jail.conf', before: '', after: '.include "/etc/jail.conf.d/*.conf";\n' },
      { label: '/etc/rc.conf: jail_list', before: 'jail_list=""\n', after: 'jail_list="www"\n' },
      { label: 'jail www', before: 'stopped\n', after: 'running\n' },
    ]);
  });

  it('predicts its files, rc.conf values and root tree; a second jail task reads only jls, the interfaces and the mounts again, then changes nothing', () => {
    // The start predicts no jail table (the JID is the kernel's) and no aliases, so the engine reads them after it.
    expect(() => play(freshHost(), [task(), task()])).toThrow(new StaleFact('jls::', 0));
    expect(() => play(freshHost(), [task(), task()], context(), { [JLS]: jlsJson([WWW_RUNNING]) })).toThrow(new StaleFact('ifconfig-all::', 0));
    const after = { [JLS]: jlsJson([WWW_RUNNING]), [IFCONFIG]: ifconfigAll('192.0.2.121') };
    expect(() => play(freshHost(), [task(), task()], context(), after)).toThrow(new StaleFact('mount-table::', 0));
    const mounted = mountTable('devfs on /usr/jails/www/dev (devfs)', 'procfs on /usr/jails/www/proc (procfs, local)');
    const [, again] = play(freshHost(), [task(), task()], context(), { ...after, [MOUNT]: mounted });
    expect(again).toMatchObject({ changed: false, steps: [] });
  });

  it('is deterministic: check mode shows exactly what apply would run', () => {
    // Specs carry parser functions; compare everything else.
    const data = (p: Plan) => JSON.stringify(p);
    expect(data(planOne(freshHost(), task()))).toBe(data(plan));
  });
});

describe('jail: converged host', () => {
  it('restarts a running jail whose devfs was unmounted: jail(8) mounts it only at creation', () => {
    const host = { ...convergedHost(), [MOUNT]: mountTable('procfs on /usr/jails/www/proc (procfs, local)') };
    const p = planOne(host, task());
    expect(p.changed).toBe(true);
    expect(p.message).toContain('jail www restarted: devfs not mounted at /usr/jails/www/dev');
    expect(p.steps.map((s) => s.title)).toEqual(['stop jail www (restart: devfs not mounted at /usr/jails/www/dev)', 'start jail www (restart: devfs not mounted at /usr/jails/www/dev)']);
  });

  it('changes nothing and plans zero steps', () => {
    expect(planOne(convergedHost(), task())).toEqual({
      changed: false,
      message: 'jail www is running and up to date',
      steps: [],
      diffs: [],
      updates: [],
    });
  });

  it('never starts a jail that already runs, even when its conf file is rewritten', () => {
    const plan = planOne(convergedHost(), task({ params: { 'allow.raw_sockets': true } }));
    expect(plan.steps.map((s) => s.title)).toEqual(['write /etc/jail.conf.d/www.conf']);
    expect(plan.diffs).toEqual([
      { label: '/etc/jail.conf.d/www.conf', before: WWW_CONF, after: WWW_CONF.replace('\texec.clean;\n', '\texec.clean;\n\tallow.raw_sockets;\n') },
    ]);
  });

  it('adds the include to a hand-written /etc/jail.conf, keeping every line of it', () => {
    const captured = { ...convergedHost(), [fileCmd('/etc/jail.conf')]: lsFile('/etc/jail.conf', 'old { path = /x; persist; }', '-rw-------') };
    const plan = planOne(captured, task());
    expect(plan.diffs).toEqual([
      { label: '/etc/jail.conf', before: 'old { path = /x; persist; }', after: 'old { path = /x; persist; }\n.include "/etc/jail.conf.d/*.conf";\n' },
    ]);
    expect(commands(plan)[0]).toContain('chmod 0600 "$t"');
  });

  it('keeps other jails in jail_list and adds this one once', () => {
    const captured = { ...convergedHost(), [RC('jail_list')]: ok('db  mail\n') };
    expect(commands(planOne(captured, task()))).toEqual(["sysrc -f /etc/rc.conf 'jail_list=db mail www'"]);
  });
});

describe('jail: restarts', () => {
  it('an ip4 change stops this jail from its running state before the conf is rewritten and starts it after, nothing else', () => {
    const plan = planOne(convergedHost(), task({ ip4: 'em0|192.0.2.122/32' }));
    const why = '(restart: running with ip4 192.0.2.121, playbook says 192.0.2.122)';
    expect(plan.steps.map((s) => s.title)).toEqual([`stop jail www ${why}`, 'write /etc/jail.conf.d/www.conf', `start jail www ${why}`]);
    expect(plan.steps[0]?.command).toBe(stopScript(['ifconfig em0 inet 192.0.2.121 -alias || exit 1']));
    expect(plan.steps[2]?.command).toContain('service jail start www 2>&1');
    expect(plan.message).toBe(
      '/etc/jail.conf.d/www.conf rewritten; jail www restarted: running with ip4 192.0.2.121, playbook says 192.0.2.122; 192.0.2.121 removed from em0',
    );
    for (const s of plan.steps) expect(s.command).not.toMatch(/service jail (stop|restart)|jail -r|-f \/etc/);
  });

  it('restarts a jail whose kernel state differs from the conf (started by hand with another address), removing that address', () => {
    const captured = { ...convergedHost(), [JLS]: jlsJson([{ ...WWW_RUNNING, ip4: ['192.0.2.99'] }]), [IFCONFIG]: ifconfigAll('192.0.2.99') };
    const plan = planOne(captured, task());
    const why = '(restart: running with ip4 192.0.2.99, playbook says 192.0.2.121)';
    expect(plan.steps.map((s) => s.title)).toEqual([`stop jail www ${why}`, `start jail www ${why}`]);
    expect(plan.steps[0]?.command).toContain('ifconfig em0 inet 192.0.2.99 -alias || exit 1');
    expect(plan.steps[0]?.command).not.toContain('192.0.2.121');
  });

  it('a hostname change restarts; an exec.* change does not', () => {
    expect(planOne(convergedHost(), task({ hostname: 'www.example.org' })).steps.map((s) => s.title)).toContain(
      'start jail www (restart: running with hostname "www", playbook says "www.example.org")',
    );
    expect(planOne(convergedHost(), task({ params: { 'exec.start': '/bin/sh /etc/rc.local' } })).steps.map((s) => s.title)).toEqual(['write /etc/jail.conf.d/www.conf']);
  });

  it('an address that left its interface, or sits on another one or with another netmask, restarts the jail', () => {
    const on = (out: ReturnType<typeof ifconfigAll>) => planOne({ ...convergedHost(), [IFCONFIG]: out }, task()).steps.at(-1)?.title;
    expect(on(ifconfigAll())).toBe('start jail www (restart: 192.0.2.121 is on no interface, playbook says em0)');
    const em1 = ok(`${ifconfigAll().stdout}em1: flags=8843<UP> metric 0 mtu 1500\n\tinet 192.0.2.121 netmask 0xffffffff\n`);
    expect(on(em1)).toBe('start jail www (restart: 192.0.2.121 is on em1, playbook says em0)');
    const wide = ok(ifconfigAll('192.0.2.121').stdout.replace('192.0.2.121 netmask 0xffffffff', '192.0.2.121 netmask 0xffffff00'));
    expect(on(wide)).toBe('start jail www (restart: 192.0.2.121 is /24 on em0, playbook says /32)');
  });
});

describe('jail: repairing a drifted file (issue 12)', () => {
  const drifted = (content: string) => ({ ...convergedHost(), [fileCmd('/etc/jail.conf.d/www.conf')]: lsFile('/etc/jail.conf.d/www.conf', content) });

  it('a conf edited to another address, for a jail that runs as the playbook says: only the file is rewritten', () => {
    const plan = planOne(drifted(WWW_CONF.replace('192.0.2.121', '192.0.2.99')), task());
    expect(plan.steps.map((s) => s.title)).toEqual(['write /etc/jail.conf.d/www.conf']);
    expect(plan.message).toBe('/etc/jail.conf.d/www.conf rewritten');
    expect(plan.diffs).toEqual([{ label: '/etc/jail.conf.d/www.conf', before: WWW_CONF.replace('192.0.2.121', '192.0.2.99'), after: WWW_CONF }]);
  });

  it('so is one edited in path or hostname, or deleted', () => {
    const edited = WWW_CONF.replace("path = '/usr/jails/www'", "path = '/srv/www'").replace("host.hostname = 'www'", "host.hostname = 'other'");
    expect(planOne(drifted(edited), task()).steps.map((s) => s.title)).toEqual(['write /etc/jail.conf.d/www.conf']);
    const gone = { ...convergedHost(), [fileCmd('/etc/jail.conf.d/www.conf')]: absent };
    expect(planOne(gone, task()).steps.map((s) => s.title)).toEqual(['mkdir /etc/jail.conf.d', 'write /etc/jail.conf.d/www.conf']);
  });

  it('mounts do not show in jls: a file that says other mounts is taken as how the jail was started', () => {
    const plan = planOne(drifted(WWW_CONF.replace('\tmount.procfs;\n', '')), task());
    expect(plan.steps.map((s) => s.title)).toEqual([
      'stop jail www (restart: mount.procfs changed)',
      'write /etc/jail.conf.d/www.conf',
      'start jail www (restart: mount.procfs changed)',
    ]);
  });
});

describe('jail: a stop goes by the running jail', () => {
  const stopped = (over: Record<string, ReturnType<typeof ok>> = {}, extra: Record<string, unknown> = {}, ctx = context()) =>
    planOne({ ...convergedHost(), ...over }, task({ state: 'stopped', ...extra }), ctx);

  it('runs exec.stop inside the jail, removes it without a conf, takes its alias off em0, unmounts below its root', () => {
    const plan = stopped();
    expect(plan.steps.map((s) => s.title)).toEqual(['stop jail www', 'sysrc jail_list']);
    expect(plan.steps[0]?.command).toBe(stopScript(['ifconfig em0 inet 192.0.2.121 -alias || exit 1']));
    expect(plan.steps[0]?.changes).toEqual(['jails', 'path:/usr/jails/www', 'path:/var/run/jail_www.id', 'mounts', 'net']);
    expect(plan.message).toBe('jail www stopped; 192.0.2.121 removed from em0; /etc/rc.conf: jail_list: "www" -> ""');
  });

  it('keeps an address rc.conf configures (an ip_alias task), the controller\'s, and an interface\'s own one', () => {
    const rc = ok('hostname: h1\nifconfig_em0: inet 192.0.2.11/24\nifconfig_em0_alias0: inet 192.0.2.121/32\n');
    const byRc = stopped({ [SYSRC_ALL]: rc });
    expect(byRc.steps[0]?.command).not.toContain('-alias');
    expect(byRc.message).toContain('192.0.2.121 kept: rc.conf configures it (ifconfig_em0_alias0)');
    expect(stopped({}, {}, { ...context(), connectedAddress: '192.0.2.121' }).message).toContain('192.0.2.121 kept: the controller is connected through it');
    // A jail sharing the host's address (a bare ip4 entry, nothing in rc.conf, e.g. DHCP).
    const shared = stopped({ [SYSRC_ALL]: ok('ifconfig_em0: DHCP\n'), [JLS]: jlsJson([{ ...WWW_RUNNING, ip4: ['192.0.2.11'] }]) }, { ip4: '192.0.2.11' });
    expect(shared.steps[0]?.command).not.toContain('-alias');
    expect(shared.message).toContain("192.0.2.11 kept: it is em0's own address");
  });

  it('removes the only address of lo1 when a conf says jail(8) put it there', () => {
    const lo1 = ok(`${ifconfigAll().stdout}lo1: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> metric 0 mtu 16384\n\tinet 127.0.1.1 netmask 0xffffffff\n`);
    const plan = stopped({ [IFCONFIG]: lo1, [JLS]: jlsJson([{ ...WWW_RUNNING, ip4: ['127.0.1.1'] }]) }, { ip4: 'lo1|127.0.1.1/32' });
    expect(plan.steps[0]?.command).toContain('ifconfig lo1 inet 127.0.1.1 -alias || exit 1');
  });

  it('leaves mounts the host\'s /etc/fstab makes, and declares what the jail reaches through its mounts', () => {
    const fstab = lsFile('/etc/fstab', '/dev/ada0p2 / ufs rw 1 1\n/data /usr/jails/www/data nullfs rw 0 0\n');
    const plan = stopped({ [HOST_FSTAB]: fstab }, { mounts: ['devfs', { fstab: '/home /usr/jails/www/home nullfs rw 0 0' }] });
    const stop = plan.steps.find((s) => s.title.startsWith('stop jail www'));
    expect(stop?.command).toContain('  case $jf_on in /usr/jails/www/data) continue ;; esac\n');
    expect(stop?.changes).toEqual([
      'jails', 'path:/usr/jails/www', 'path:/var/run/jail_www.id', 'mounts', 'net', 'path:/home', 'path:/usr/jails/www/home', 'path:/data',
    ]);
  });

  it('runs the playbook\'s stop commands: exec.prestop/poststop on the host (then it may change anything), exec.stop as exec.jail_user', () => {
    const plan = stopped({}, { params: { 'exec.prestop': 'logger down', 'exec.stop': '/bin/sh /etc/rc.shutdown jail', 'exec.jail_user': 'op', 'exec.clean': false } });
    const lines = plan.steps[0]?.command.split('\n') ?? [];
    expect(lines[0]).toBe("/bin/sh -c 'logger down' || { printf 'jail %s: exec.prestop failed\\n' www >&2; exit 1; }");
    expect(lines[1]).toBe("jexec -U op www /bin/sh -c '/bin/sh /etc/rc.shutdown jail' || printf 'jail %s: exec.stop exited %s; removing the jail anyway\\n' www \"$?\" >&2");
    expect(plan.steps[0]?.changes).toBeUndefined();
  });
});

describe('jail: a root tree missing part of the base system', () => {
  const missing = (...rel: string[]) => ({ ...convergedHost(), ...Object.fromEntries(rel.map((r) => [exists(r), fail(1, '')])) });

  it('fails the task naming what is missing, and plans nothing', () => {
    expect(() => planOne(missing('bin/sh'), task())).toThrow(
      new PlanError(
        'jail www: root tree /usr/jails/www (built from 14.2-RELEASE) is incomplete: bin/sh missing; not rebuilding over what is there — restore the missing files, or move the tree away to have it built anew',
      ),
    );
  });

  it('names a missing directory, not everything that was in it', () => {
    expect(() => planOne(missing('etc', 'etc/rc', 'etc/rc.shutdown', 'proc'), task({ state: 'present' }))).toThrow(/is incomplete: etc, proc missing;/);
  });

  it('a tree without its marker is built (again), as before', () => {
    const captured = { ...missing('bin/sh'), [fileCmd('/usr/jails/www/.jailfleet-release')]: absent };
    expect(planOne(captured, task()).steps.map((s) => s.title)).toContain('build root tree of jail www (14.2-RELEASE)');
  });
});

describe('jail: stopped and absent', () => {

  it('absent stops, removes the conf and the jail_list entry, and keeps the data', () => {
    const plan = planOne(convergedHost(), [jailModule, { name: 'www', state: 'absent' }]);
    expect(commands(plan).slice(1)).toEqual(['rm -f /etc/jail.conf.d/www.conf', 'sysrc -f /etc/rc.conf jail_list=']);
    expect(plan.steps[0]?.title).toBe('stop jail www');
    expect(planOne({ ...freshHost() }, [jailModule, { name: 'www', state: 'absent' }])).toMatchObject({ changed: false, message: 'jail www is absent' });
  });

  it('absent with purge deletes the tree, refusing while anything is mounted under it', () => {
    const captured = { ...freshHost(), [fileCmd('/usr/jails/www')]: ok('drwxr-xr-x  18 root  wheel  512 Nov 28 15:12 /usr/jails/www\n') };
    const plan = planOne(captured, [jailModule, { name: 'www', state: 'absent', purge: true }]);
    expect(commands(plan)).toEqual([
      [
        "if mount | grep -F -e ' on /usr/jails/www/' -e ' on /usr/jails/www (' >/dev/null; then",
        "  printf 'jail %s: file systems are still mounted under %s\\n' www /usr/jails/www >&2",
        '  exit 1',
        'fi',
        'if [ -x /bin/chflags ]; then chflags -R noschg /usr/jails/www || exit 1; fi',
        'rm -rf /usr/jails/www',
      ].join('\n'),
    ]);
  });
});

describe('jail: the root tree is built once', () => {
  it('refuses a changed release instead of re-extracting', () => {
    const captured = { ...convergedHost(), [fileCmd('/usr/jails/www/.jailfleet-release')]: lsFile('/usr/jails/www/.jailfleet-release', '14.1-RELEASE\n') };
    expect(() => planOne(captured, task())).toThrow(
      new PlanError('jail www: root tree is 14.1-RELEASE, playbook says 14.2-RELEASE; upgrades are a separate, explicit action'),
    );
  });

  it('builds from an archive on the host, recording its path and checksum', () => {
    const sum = 'a'.repeat(64);
    const captured = { ...freshHost(), 'sha256 -q /var/tmp/base.txz': ok(`${sum}\n`) };
    const plan = planOne(captured, task({ release: undefined, archive: '/var/tmp/base.txz' }));
    const build = commands(plan)[1] ?? '';
    expect(build).toContain(`if [ "$jf_have" != ${sum} ]; then`);
    expect(build).toContain('tar -xf /var/tmp/base.txz -C /usr/jails/www --unlink || exit 1');
    expect(build).toContain(`printf '%s\\n' archive:/var/tmp/base.txz:${sum} > /usr/jails/www/.jailfleet-release`);
    expect(build).not.toContain('fetch');
  });

  it('fails the task when the archive is missing, naming it', () => {
    const captured = { ...freshHost(), 'sha256 -q /var/tmp/base.txz': fail(1, 'sha256: /var/tmp/base.txz: No such file or directory\n') };
    expect(() => planOne(captured, task({ release: undefined, archive: '/var/tmp/base.txz' }))).toThrow(
      'jail www: archive /var/tmp/base.txz is not on the host (sha256: /var/tmp/base.txz: No such file or directory)',
    );
  });

  it('accepts a tree built from an archive that has since been deleted', () => {
    const captured = {
      ...convergedHost(),
      'sha256 -q /var/tmp/base.txz': fail(1, 'sha256: /var/tmp/base.txz: No such file or directory\n'),
      [fileCmd('/usr/jails/www/.jailfleet-release')]: lsFile('/usr/jails/www/.jailfleet-release', `archive:/var/tmp/base.txz:${'b'.repeat(64)}\n`),
    };
    expect(planOne(captured, task({ release: undefined, archive: '/var/tmp/base.txz' })).changed).toBe(false);
  });
});

describe('jail: ZFS dataset', () => {
  const ZFS = 'zfs list -H -o name,mountpoint zroot/jails/www';

  it('creates the dataset at the jail path before extracting into it', () => {
    const captured = { ...freshHost(), [ZFS]: fail(1, "cannot open 'zroot/jails/www': dataset does not exist\n") };
    const plan = planOne(captured, task({ dataset: 'zroot/jails/www' }));
    expect(plan.steps.slice(1, 4).map((s) => s.command.split('\n')[0])).toEqual([
      'zfs create -p -o mountpoint=/usr/jails/www zroot/jails/www',
      'jf_c=/var/cache/jailfleet/releases/14.2-RELEASE',
      // Checked again when it runs: a marker means the tree is there, and nothing is extracted over it.
      "if [ -e /usr/jails/www/.jailfleet-release ]; then printf 'jail %s: %s exists: the root tree was built already; nothing extracted\\n' www /usr/jails/www/.jailfleet-release >&2; exit 1; fi",
    ]);
  });

  it('leaves an existing dataset alone, and refuses one mounted elsewhere', () => {
    const at = (mp: string) => ({ ...convergedHost(), [ZFS]: ok(`zroot/jails/www\t${mp}\n`) });
    expect(planOne(at('/usr/jails/www'), task({ dataset: 'zroot/jails/www' })).changed).toBe(false);
    expect(() => planOne(at('/zroot/jails/www'), task({ dataset: 'zroot/jails/www' }))).toThrow(/mounted at \/zroot\/jails\/www, not at the jail path/);
  });

  it('purge destroys the dataset', () => {
    const captured = { ...freshHost(), [ZFS]: ok('zroot/jails/www\t/usr/jails/www\n') };
    expect(commands(planOne(captured, [jailModule, { name: 'www', state: 'absent', purge: true, dataset: 'zroot/jails/www' }]))).toEqual([
      'zfs destroy -r zroot/jails/www',
    ]);
  });
});

describe('jail: mounts, files, params', () => {
  it('writes fstab lines to /etc/fstab.NAME, names it in mount.fstab, and restarts a running jail for it', () => {
    const plan = planOne(convergedHost(), task({ mounts: ['devfs', 'procfs', { fstab: '/data /usr/jails/www/data nullfs ro 0 0' }] }));
    expect(plan.steps.map((s) => s.title)).toEqual([
      'stop jail www (restart: mount.fstab changed)',
      'mkdir /etc',
      'write /etc/fstab.www',
      'write /etc/jail.conf.d/www.conf',
      'start jail www (restart: mount.fstab changed)',
    ]);
    expect(plan.diffs.find((d) => d.label === '/etc/fstab.www')?.after).toBe(
      '# Generated by jailfleet for jail www (mount.fstab).\n/data /usr/jails/www/data nullfs ro 0 0\n',
    );
    expect(plan.diffs.find((d) => d.label === '/etc/jail.conf.d/www.conf')?.after).toContain("\tmount.fstab = '/etc/fstab.www';\n");
  });

  it('writes files inside the jail root atomically; ".." cannot leave the root', () => {
    const path = '/usr/jails/www/etc/syslog.conf';
    const captured = { ...convergedHost(), [fileCmd(path)]: lsFile(path, 'old\n') };
    const plan = planOne(captured, task({ files: [{ path: '/../etc/syslog.conf', content: 'new\n' }] }));
    expect(plan.steps.map((s) => s.title)).toEqual([`write ${path}`]);
    expect(plan.steps[0]?.command).toContain(`mv -f "$t" ${path}`);
    expect(plan.diffs).toEqual([{ label: path, before: 'old\n', after: 'new\n' }]);
  });

  it('rejects params that have their own argument, and unknown arguments', () => {
    expect(jailModule.schema.safeParse({ ...WWW_TASK, params: { 'ip4.addr': '192.0.2.1' } }).success).toBe(false);
    expect(jailModule.schema.safeParse({ ...WWW_TASK, hostnmae: 'x' }).success).toBe(false);
    expect(jailModule.schema.safeParse({ name: 'www' }).success).toBe(false);
    expect(jailModule.schema.safeParse({ ...WWW_TASK, ip4: '192.0.2.1/33' }).success).toBe(false);
    expect(jailModule.schema.safeParse({ ...WWW_TASK, name: '-rf' }).success).toBe(false);
  });
});

describe('jail: hostile values', () => {
  const HOSTILE = `evil"; exec.start = "/bin/rm -rf /"; $(reboot) \`id\` it's \\`;

  it('stay inside one single-quoted jail.conf string', () => {
    const plan = planOne(freshHost(), task({ hostname: HOSTILE }));
    const conf = plan.diffs.find((d) => d.label === '/etc/jail.conf.d/www.conf')?.after ?? '';
    expect(conf).toContain(`\thost.hostname = 'evil"; exec.start = "/bin/rm -rf /"; $(reboot) \`id\` it\\'s \\\\';\n`);
    // Exactly one exec.start line: the hostname did not add a parameter.
    expect(conf.match(/^\texec\.start/gm)).toHaveLength(1);
  });

  it('reach the shell only as single-quoted words', () => {
    const captured = { ...freshHost(), [fileFactCommand("/usr/jails/www/etc/a'b $(x).conf")]: absent };
    const plan = planOne(captured, task({ hostname: HOSTILE, files: [{ path: `/etc/a'b $(x).conf`, content: HOSTILE }] }));
    const write = plan.steps.find((s) => s.title.startsWith('write /usr/jails/www/etc/a'))?.command ?? '';
    expect(write).toContain(`mv -f "$t" '/usr/jails/www/etc/a'\\''b $(x).conf'`);
    expect(write).toContain(`printf '%s' 'evil"; exec.start = "/bin/rm -rf /"; $(reboot) \`id\` it'\\''s \\' > "$t"`);
  });

  it('refuses rc.conf values sysrc would write unescaped', () => {
    expect(jailModule.schema.safeParse({ ...WWW_TASK, rc_conf: { sshd_flags: '$(reboot)' } }).success).toBe(false);
  });
});

describe('jail: facts', () => {
  it('reads running jails from jls -v --libxo json', () => {
    const spec = factsOf(task()).find((f) => f.command === JLS);
    expect(spec?.parse(jlsJson([WWW_RUNNING]))).toEqual([WWW_RUNNING]);
    expect(() => spec?.parse(fail(1, 'jls: oops\n'))).toThrow(/jls failed/);
  });

  it('reads an absent marker as "build me"', () => {
    expect(planOne({ ...convergedHost(), [fileCmd('/usr/jails/www/.jailfleet-release')]: absent }, task()).steps.map((s) => s.title)).toEqual([
      'download 14.2-RELEASE base.txz',
      'build root tree of jail www (14.2-RELEASE)',
    ]);
  });
});
