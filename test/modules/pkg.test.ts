import { describe, expect, it } from 'vitest';
import { pkgModule } from '../../src/modules/pkg/index.js';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { commands, fail, factsOf, ok, play, planOne, type Captured } from './harness.js';

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
