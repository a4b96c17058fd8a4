import { describe, expect, it } from 'vitest';
import { pkgModule } from '../../src/modules/pkg/index.js';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { commands, fail, factsOf, ok, play, planOne, type Captured } from './harness.js';
import { simHost } from '../engine/engine-harness.js';
import { checkApplyAgain, statuses } from './sim-contract.js';

const YES = ok('');
const NO = fail(1, '');
const UPGRADE_PENDING = fail(1, '', 'Checking for upgrades (2 candidates): .. done\nThe following 1 package(s) will be affected (of 0 checked):\n\nInstalled packages to be UPGRADED:\n\tnginx: 1.26.1 -> 1.26.2_3,3\n');

describe('pkg', () => {
  it('installs only the missing packages, answering pkg\'s prompts', () => {
    const captured: Captured = { 'pkg info -e nginx': NO, 'pkg info -e curl': YES };
    const plan = planOne(captured, [pkgModule, { name: ['nginx', 'curl'] }]);
    expect(plan).toMatchObject({
      changed: true,
      message: 'install nginx',
      steps: [{ title: 'pkg install nginx', command: 'ASSUME_ALWAYS_YES=yes pkg install -y nginx' }],
      diffs: [{ label: 'packages', before: 'nginx: absent\ncurl: installed\n', after: 'nginx: installed\ncurl: installed\n' }],
    });
    expect(plan.updates.map((u) => [u.spec.key, u.value])).toEqual([['pkg::nginx', true], ['pkg::curl', true]]);
  });

  it('changes nothing once installed (second run)', () => {
    expect(planOne({ 'pkg info -e nginx': YES }, [pkgModule, { name: 'nginx' }])).toEqual({
      changed: false, message: 'nginx installed', steps: [], diffs: [], updates: [],
    });
  });

  it('removes installed packages in a jail, then sees nothing to remove', () => {
    const task = [pkgModule, { name: 'nginx', state: 'absent', jail: 'www' }] as const;
    const [first, second] = play({ 'pkg -j www info -e nginx': YES }, [[...task], [...task]]);
    expect(commands(first!)).toEqual(['ASSUME_ALWAYS_YES=yes pkg -j www delete -y nginx']);
    expect(first!.diffs[0]?.label).toBe('packages in jail www');
    expect(second).toMatchObject({ changed: false, message: 'nginx not installed in jail www' });
  });

  it('latest: upgrades what the dry run says is out of date, installs what is missing', () => {
    const captured: Captured = {
      'pkg info -e nginx': YES, 'pkg upgrade -n nginx': UPGRADE_PENDING,
      'pkg info -e curl': YES, 'pkg upgrade -n curl': YES,
      'pkg info -e git': NO, 'pkg upgrade -n git': fail(1, "pkg: No packages available to upgrade matching 'git' have been found in the repositories\n"),
    };
    const plan = planOne(captured, [pkgModule, { name: ['nginx', 'curl', 'git'], state: 'latest' }]);
    expect(commands(plan)).toEqual(['ASSUME_ALWAYS_YES=yes pkg install -y git', 'ASSUME_ALWAYS_YES=yes pkg upgrade -y nginx']);
    expect(plan.message).toBe('install git; upgrade nginx');
  });

  it('latest: no change when the dry run has nothing to do', () => {
    expect(planOne({ 'pkg info -e curl': YES, 'pkg upgrade -n curl': YES }, [pkgModule, { name: 'curl', state: 'latest' }]).changed).toBe(false);
  });

  it('latest: a failed dry run is an error, not a pending upgrade', () => {
    const captured: Captured = { 'pkg info -e curl': YES, 'pkg upgrade -n curl': fail(1, 'pkg: unknown command: upgrade\n') };
    expect(() => planOne(captured, [pkgModule, { name: 'curl', state: 'latest' }])).toThrow(
      new PlanError('cannot tell whether curl is up to date: pkg: unknown command: upgrade'),
    );
  });

  it('quotes hostile package names and refuses option-like ones', () => {
    const name = "it's$(reboot)`id`;rm";
    expect(factsOf([pkgModule, { name }]).map((f) => f.command)).toEqual([`pkg info -e 'it'\\''s$(reboot)\`id\`;rm'`]);
    const plan = planOne({ [`pkg info -e 'it'\\''s$(reboot)\`id\`;rm'`]: NO }, [pkgModule, { name }]);
    expect(commands(plan)).toEqual([`ASSUME_ALWAYS_YES=yes pkg install -y 'it'\\''s$(reboot)\`id\`;rm'`]);
    for (const bad of ['-f', 'two words', '', ['ok', '--force']]) expect(pkgModule.schema.safeParse({ name: bad }).success).toBe(false);
  });

  it('an unknown jail or an unbootstrapped pkg is a fact error, not "absent"', () => {
    expect(() => play({ 'pkg -j nope info -e nginx': fail(1, 'pkg: jail "nope" not found\n') }, [[pkgModule, { name: 'nginx', jail: 'nope' }]])).toThrow(FactParseError);
  });
});

// pkg-autoremove dry run output, as freebsd/pkg src/autoremove.c prints it (exit 1: -n without -y).
const ORPHANS = fail(1, '', 'Deinstallation has been requested for the following 2 packages:\n\nInstalled packages to be REMOVED:\n\tcurl: 8.11.1\n\tca_root_nss: 3.108\n\nNumber of packages to be removed: 2\n');
const NOTHING = ok('Nothing to do.\n');

describe('pkg: community.general.pkgng arguments', () => {
  it('rootdir and chroot: pkg -r DIR / -c DIR, each its own fact key; only one of jail, rootdir, chroot', () => {
    const r = planOne({ 'pkg -r /mnt info -e nginx': NO }, [pkgModule, { name: 'nginx', rootdir: '/mnt/' }]);
    expect(commands(r)).toEqual(['ASSUME_ALWAYS_YES=yes pkg -r /mnt install -y nginx']);
    expect(r).toMatchObject({ message: 'install nginx in rootdir /mnt', diffs: [{ label: 'packages in rootdir /mnt' }] });
    expect(r.updates.map((u) => u.spec.key)).toEqual(['pkg:-r /mnt:nginx']);
    const c = planOne({ "pkg -c '/j/a b' info -e nginx": YES }, [pkgModule, { name: 'nginx', chroot: '/j/a b', state: 'absent' }]);
    expect(commands(c)).toEqual(["ASSUME_ALWAYS_YES=yes pkg -c '/j/a b' delete -y nginx"]);
    for (const both of [{ jail: 'www', rootdir: '/mnt' }, { rootdir: '/mnt', chroot: '/mnt' }, { jail: 'www', chroot: '/x' }]) {
      expect(pkgModule.schema.safeParse({ name: 'nginx', ...both }).error?.issues.map((i) => i.message)).toEqual(['jail, rootdir and chroot are mutually exclusive (pkg -j / -r / -c)']);
    }
    expect(pkgModule.schema.safeParse({ name: 'nginx', rootdir: 'mnt' }).success).toBe(false);
  });

  it('name: a comma-separated string is a list, as Ansible reads it', () => {
    expect(pkgModule.schema.parse({ name: 'nginx,curl, git' }).name).toEqual(['nginx', 'curl', 'git']);
    expect(pkgModule.schema.safeParse({ name: 'nginx,' }).success).toBe(false);
  });

  it('autoremove: the dry run decides when nothing else changes; after a change it always runs', () => {
    const idle = planOne({ 'pkg info -e nginx': YES, 'pkg autoremove -n': ORPHANS }, [pkgModule, { name: 'nginx', autoremove: true }]);
    expect(idle).toMatchObject({
      changed: true,
      message: 'autoremove curl, ca_root_nss',
      steps: [{ title: 'pkg autoremove', command: 'ASSUME_ALWAYS_YES=yes pkg autoremove -y' }],
      diffs: [{ label: 'automatic packages', before: 'curl: installed\nca_root_nss: installed\n', after: 'curl: absent\nca_root_nss: absent\n' }],
    });
    expect(planOne({ 'pkg info -e nginx': YES, 'pkg autoremove -n': NOTHING }, [pkgModule, { name: 'nginx', autoremove: true }])).toEqual({
      changed: false, message: 'nginx installed, nothing to autoremove', steps: [], diffs: [], updates: [],
    });
    const deleted = planOne({ 'pkg -j www info -e nginx': YES, 'pkg -j www autoremove -n': NOTHING }, [pkgModule, { name: 'nginx', state: 'absent', jail: 'www', autoremove: true }]);
    expect(commands(deleted)).toEqual(['ASSUME_ALWAYS_YES=yes pkg -j www delete -y nginx', 'ASSUME_ALWAYS_YES=yes pkg -j www autoremove -y']);
    expect(deleted.message).toBe('remove nginx in jail www; autoremove in jail www');
    expect(() => planOne({ 'pkg info -e nginx': YES, 'pkg autoremove -n': fail(74, 'pkg: Insufficient privileges to autoremove packages\n') }, [pkgModule, { name: 'nginx', autoremove: true }])).toThrow(
      new PlanError('cannot tell what pkg autoremove would remove: pkg: Insufficient privileges to autoremove packages'),
    );
  });

  it('on a simulated host: rootdir, chroot and autoremove; check, apply, a second apply that runs nothing', async () => {
    const sim = simHost('h1');
    sim.exec('mkdir -p /mnt/root /jails/c && pkg install -y -A curl >/dev/null');
    const tasks = [
      { name: 'rootdir', pkgng: { name: 'nginx,sudo', rootdir: '/mnt/root' } },
      { name: 'chroot', 'community.general.pkgng': { name: ['tmux'], chroot: '/jails/c' } },
      { name: 'autoremove', pkg: { name: 'git', autoremove: true } },
    ];
    const runs = await checkApplyAgain(sim, tasks, () => expect(sim.exec('pkg -r /mnt/root info -e nginx; pkg info -e curl; echo $?').stdout).toBe('0\n'));
    expect(statuses(runs.check)).toEqual([['rootdir', 'changed'], ['chroot', 'changed'], ['autoremove', 'changed']]);
    expect(runs.apply.map((t) => t.message)).toEqual(['install nginx, sudo in rootdir /mnt/root', 'install tmux in chroot /jails/c', 'install git; autoremove']);
    expect(sim.exec('pkg -r /mnt/root info -e nginx sudo && pkg -r /jails/c info -e tmux && pkg info -e git && echo yes; pkg info -e curl || echo no curl').stdout).toBe('yes\nno curl\n');
    expect(statuses(runs.again)).toEqual([['rootdir', 'ok'], ['chroot', 'ok'], ['autoremove', 'ok']]);
    expect(runs.sentAgain).toEqual([]);
  });
});
