import { describe, expect, it } from 'vitest';
import { directoryModule } from '../../src/modules/directory/index.js';
import { planDirectory } from '../../src/modules/directory/plan.js';
import { PlanError } from '../../src/modules/plan-error.js';
import { absent, commands, factsOf, fileCmd, lsDir, lsFile, ok, play, planOne } from './harness.js';

const D = '/usr/jail/www';
const task = { path: D, mode: '0755', owner: 'root', group: 'wheel' };

describe('directory present', () => {
  // mkdir -m: "Set the file permission bits of the final created directory to the specified mode" (FreeBSD mkdir(1)).
  it('creates the directory with its mode, then sets the owner', () => {
    const plan = planOne({ [fileCmd(D)]: absent }, [directoryModule, task]);
    expect(plan).toEqual({
      changed: true,
      message: `${D} created`,
      steps: [
        { title: `mkdir ${D}`, command: `mkdir -p -m 0755 ${D}`, changes: [`node:${D}`] },
        { title: `chown ${D}`, command: `chown root:wheel ${D}`, changes: [`node:${D}`] },
      ],
      diffs: [],
      updates: [{ spec: expect.objectContaining({ key: `file::${D}` }), value: { kind: 'directory', mode: 0o755, owner: 'root', group: 'wheel' } }],
    });
  });

  it('changes nothing when converged, and chains', () => {
    expect(planOne({ [fileCmd(D)]: lsDir(D) }, [directoryModule, task])).toEqual({
      changed: false, message: `${D} is already a directory as wanted`, steps: [], diffs: [], updates: [],
    });
    const [, again] = play({ [fileCmd(D)]: absent }, [[directoryModule, task], [directoryModule, task]]);
    expect(again).toMatchObject({ changed: false, steps: [] });
  });

  it('a directory made without mode has an unknown mode until read: a later mode task sets it', () => {
    const [, withMode] = play({ [fileCmd(D)]: absent }, [[directoryModule, { path: D }], [directoryModule, { path: D, mode: '0700' }]]);
    expect(commands(withMode!)).toEqual([`chmod 0700 ${D}`]);
    expect(withMode!.message).toBe('mode (unknown) -> 0700');
  });

  it('fixes only what differs', () => {
    const plan = planOne({ [fileCmd(D)]: lsDir(D, 'drwx------', 'root', 'wheel') }, [directoryModule, task]);
    expect(commands(plan)).toEqual([`chmod 0755 ${D}`]);
    expect(plan.diffs).toEqual([{ label: `${D}: mode`, before: '0700\n', after: '0755\n' }]);
  });

  it('refuses a path that is a file', () => {
    expect(() => planOne({ [fileCmd(D)]: lsFile(D, 'x') }, [directoryModule, task])).toThrow(`${D} exists and is not a directory`);
  });

  it('quotes odd paths', () => {
    const plan = planDirectory(directoryModule.schema.parse({ path: "/tmp/it's $(x)" }), { get: () => ({ kind: 'absent' }) as never });
    expect(commands(plan)).toEqual([`mkdir -p '/tmp/it'\\''s $(x)'`]);
  });
});

describe('directory recurse', () => {
  const rtask = { ...task, recurse: true };
  const TREE = `if [ -d ${D} ]; then find ${D} ! -type l \\( ! -perm 0755 -o ! -user root -o ! -group wheel \\) -print | head -n 1; fi`;

  it('asks find for the first entry that differs', () => {
    expect(factsOf([directoryModule, rtask]).map((f) => f.command)).toEqual([fileCmd(D), TREE]);
  });

  it('applies attributes recursively when something below differs', () => {
    const plan = planOne({ [fileCmd(D)]: lsDir(D), [TREE]: ok(`${D}/etc/passwd\n`) }, [directoryModule, rtask]);
    expect(commands(plan)).toEqual([`chmod -R 0755 ${D}`, `chown -R root:wheel ${D}`]);
    expect(plan.message).toBe('attributes applied recursively');
  });

  it('changes nothing when find finds nothing', () => {
    expect(planOne({ [fileCmd(D)]: lsDir(D), [TREE]: ok('') }, [directoryModule, rtask]).changed).toBe(false);
  });
});

describe('directory absent', () => {
  it('removes a directory', () => {
    const plan = planOne({ [fileCmd('/usr/jail/old')]: lsDir('/usr/jail/old') }, [directoryModule, { path: '/usr/jail/old', state: 'absent' }]);
    expect(plan).toMatchObject({
      changed: true,
      message: '/usr/jail/old removed',
      steps: [{ title: 'rm -rf /usr/jail/old', command: 'rm -rf /usr/jail/old' }],
      diffs: [{ label: '/usr/jail/old', before: 'directory\n', after: 'absent\n' }],
    });
    expect(plan.updates[0]?.value).toEqual({ kind: 'absent' });
  });

  it('changes nothing when already absent', () => {
    expect(planOne({ [fileCmd('/x')]: absent }, [directoryModule, { path: '/x', state: 'absent' }])).toMatchObject({ changed: false, message: '/x does not exist' });
  });

  it('refuses /, however spelled, and the empty path', () => {
    const never = { get: () => { throw new Error('must not read facts'); } };
    for (const path of ['/', '//', '/.', '/tmp/..']) {
      expect(() => planDirectory(directoryModule.schema.parse({ path, state: 'absent' }), never)).toThrow(PlanError);
    }
    expect(() => planDirectory({ path: '', state: 'absent', recurse: false }, never)).toThrow('refusing to remove ""');
    expect(() => planDirectory(directoryModule.schema.parse({ path: '/', state: 'absent' }), never)).toThrow('refusing to remove "/"');
  });

  it('refuses to remove a file', () => {
    expect(() => planOne({ [fileCmd('/x')]: lsFile('/x', 'a') }, [directoryModule, { path: '/x', state: 'absent' }])).toThrow(
      '/x is not a directory; refusing to remove it',
    );
  });
});
