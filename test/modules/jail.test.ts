import { describe, expect, it } from 'vitest';
import { jailModule } from '../../src/modules/jail/index.js';
import { fileFactCommand } from '../../src/modules/facts/file-fact.js';
import { quote } from '../../src/shell/quote.js';
import type { Plan } from '../../src/modules/types.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, context, fail, factsOf, fileCmd, lsFile, ok, play, planOne, StaleFact, type Task } from './harness.js';
import { convergedHost, freshHost, JLS, jlsJson, RC, WWW_CONF, WWW_RUNNING, WWW_TASK } from './jail-fixtures.js';

const task = (extra: Record<string, unknown> = {}): Task => [jailModule, { ...WWW_TASK, ...extra }];

const BUILD = `jf_t=$(mktemp -d /tmp/jailfleet.XXXXXX) || exit 1
trap 'rm -rf "$jf_t"' EXIT
mkdir -p /usr/jails/www || exit 1
fetch -q -o "$jf_t/MANIFEST" https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/MANIFEST || exit 1
fetch -q -o "$jf_t/base.txz" https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz || exit 1
jf_want=$(grep -E '^base\\.txz[[:space:]]' "$jf_t/MANIFEST" | cut -f 2)
jf_have=$(sha256 -q "$jf_t/base.txz") || exit 1
if [ -z "$jf_want" ] || [ "$jf_have" != "$jf_want" ]; then
  printf 'jail %s: base.txz checksum mismatch: MANIFEST says %s, file has %s\\n' www "\${jf_want:-nothing}" "$jf_have" >&2
  exit 1
fi
tar -xf "$jf_t/base.txz" -C /usr/jails/www --unlink || exit 1
if [ -e /etc/resolv.conf ]; then cp /etc/resolv.conf /usr/jails/www/etc/resolv.conf || exit 1; fi
if [ -e /etc/localtime ]; then cp /etc/localtime /usr/jails/www/etc/localtime || exit 1; fi
printf '%s\\n' 14.2-RELEASE > /usr/jails/www/.jailfleet-release`;

const START = `jf_out=$(service jail start www 2>&1)
printf '%s\\n' "$jf_out"
jls -j www >/dev/null 2>&1 && exit 0
printf '%s\\n' "$jf_out" >&2
printf 'jail %s: not running after service jail start\\n' www >&2
exit 1`;

describe('jail: converge from a fresh host', () => {
  const plan = planOne(freshHost(), task());

  it('reads the conf files, rc.conf, jls, marker and kernel link in one gather', () => {
    expect(factsOf(task()).map((f) => f.command)).toEqual([
      JLS,
      fileCmd('/etc/jail.conf.d/www.conf'),
      fileCmd('/etc/fstab.www'),
      RC('jail_list'),
      RC('jail_enable'),
      fileCmd('/usr/jails/www/.jailfleet-release'),
      fileCmd('/etc/jail.conf'),
      'readlink /usr/jails/www/kernel',
      RC('sshd_enable', '/usr/jails/www/etc/rc.conf'),
    ]);
  });

  it('plans enable, build, link, rc.conf, conf, include, jail_list, then a verified start', () => {
    expect(plan.changed).toBe(true);
    expect(plan.steps.map((s) => s.title)).toEqual([
      'sysrc jail_enable',
      'build root tree of jail www (14.2-RELEASE)',
      'link /usr/jails/www/kernel',
      'sysrc sshd_enable',
      'mkdir /etc/jail.conf.d',
      'write /etc/jail.conf.d/www.conf',
      'write /etc/jail.conf',
      'sysrc jail_list',
      'start jail www',
    ]);
    const cmds = commands(plan);
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

  it('predicts its files and rc.conf values; a second jail task reads only jls again, then changes nothing', () => {
    // The start predicts no jail table (the JID is the kernel's), so the engine reads jls after it.
    expect(() => play(freshHost(), [task(), task()])).toThrow(new StaleFact('jls::', 0));
    const [, again] = play(freshHost(), [task(), task()], context(), { [JLS]: jlsJson([WWW_RUNNING]) });
    expect(again).toMatchObject({ changed: false, steps: [] });
  });

  it('is deterministic: check mode shows exactly what apply would run', () => {
    // Specs carry parser functions; compare everything else.
    const data = (p: Plan) => JSON.stringify(p);
    expect(data(planOne(freshHost(), task()))).toBe(data(plan));
  });
});

describe('jail: converged host', () => {
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
  it('an ip4 change stops this jail before the conf is rewritten and starts it after, nothing else', () => {
    const plan = planOne(convergedHost(), task({ ip4: 'em0|192.0.2.122/32' }));
    expect(plan.steps.map((s) => s.title)).toEqual([
      'stop jail www (restart: ip4.addr changed)',
      'write /etc/jail.conf.d/www.conf',
      'start jail www (restart: ip4.addr changed)',
    ]);
    expect(plan.steps[0]?.command).toContain('service jail stop www 2>&1');
    expect(plan.steps[2]?.command).toContain('service jail start www 2>&1');
    expect(plan.message).toBe('/etc/jail.conf.d/www.conf rewritten; jail www restarted: ip4.addr changed');
    for (const s of plan.steps) expect(s.command).not.toMatch(/service jail (start|stop|restart)( |$)(?!www)/);
  });

  it('restarts a jail whose kernel state differs from the conf (started by hand with another address)', () => {
    const captured = { ...convergedHost(), [JLS]: jlsJson([{ ...WWW_RUNNING, ip4: ['192.0.2.99'] }]) };
    const plan = planOne(captured, task());
    expect(plan.steps.map((s) => s.title)).toEqual(['stop jail www (restart: running with ip4 192.0.2.99)', 'start jail www (restart: running with ip4 192.0.2.99)']);
  });

  it('a hostname change restarts; an exec.* change does not', () => {
    expect(planOne(convergedHost(), task({ hostname: 'www.example.org' })).steps.map((s) => s.title)).toContain('start jail www (restart: host.hostname changed)');
    expect(planOne(convergedHost(), task({ params: { 'exec.start': '/bin/sh /etc/rc.local' } })).steps.map((s) => s.title)).toEqual(['write /etc/jail.conf.d/www.conf']);
  });
});

describe('jail: stopped and absent', () => {
  it('stopped stops a running jail (verified) and takes it out of jail_list', () => {
    const plan = planOne(convergedHost(), task({ state: 'stopped' }));
    expect(plan.steps.map((s) => s.title)).toEqual(['stop jail www', 'sysrc jail_list']);
    expect(plan.steps[0]?.command).toContain('jls -j www >/dev/null 2>&1 || exit 0');
  });

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
    expect(plan.steps.slice(1, 3).map((s) => s.command.split('\n')[0])).toEqual([
      'zfs create -p -o mountpoint=/usr/jails/www zroot/jails/www',
      'jf_t=$(mktemp -d /tmp/jailfleet.XXXXXX) || exit 1',
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
      'build root tree of jail www (14.2-RELEASE)',
    ]);
  });
});
