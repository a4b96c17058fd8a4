/**
 * Every module declares what its facts read and what its steps change
 * (types.ts `Scope`), so the engine plans no task from a stale fact. An
 * undeclared fact or step means "everything": correct but a round trip
 * each time, so the ones that stay undeclared are listed here with why.
 */
import { describe, expect, it } from 'vitest';
import { overlaps } from '../../src/engine/scopes.js';
import type { FactSpec, Plan, Step } from '../../src/modules/types.js';
import { CASES, type Case } from './declaration-cases.js';
import { ENGINE_KNOWS, usesNode } from './engine-rules.js';
import { context, planOne } from './harness.js';

/** Facts that may read anything: the user's own shell text. */
const READ_EVERYTHING: Array<{ why: string; is: (f: FactSpec) => boolean }> = [
  { why: 'command unless/onlyif run the user\'s text', is: (f) => f.key.startsWith('status:') },
];

/** Steps that may change anything. */
const CHANGE_EVERYTHING: Array<{ why: string; is: (c: Case, s: Step) => boolean }> = [
  { why: 'command runs the user\'s text', is: (c, s) => c.task[0].name === 'command' && s.title.startsWith('command: ') },
  { why: 'package install/deinstall scripts run as root', is: (c, s) => c.task[0].name === 'pkg' && /^pkg (install|delete|upgrade|autoremove)\b/.test(s.title) },
  {
    why: 'a host rc.d script is root code that writes anywhere (sshd keygen, sendmail aliases.db, rc.d/jail, rc.d/sysctl)',
    is: (c, s) => (c.task[0].name === 'rebind' || (c.task[0].name === 'service' && c.task[1].jail === undefined)) && /^service \S+ (one)?(start|stop|restart|reload)$/.test(s.title),
  },
  { why: 'a jail conf with exec.poststart runs host commands at start', is: (c, s) => c.name === 'jail whose conf runs host commands' && s.title === 'start jail hooked' },
  { why: 'rc.d/jail runs the jail conf\'s exec.* hooks, which jail_snapshot does not read', is: (c, s) => c.task[0].name === 'jail_snapshot' && /^(stop|start) jail www\b/.test(s.title) },
  { why: 'ln -sf follows an existing symlink to a directory, wherever it points', is: (c, s) => c.name === 'jail whose kernel link points elsewhere' && s.title === 'link /usr/jails/www/kernel' },
];

function facts(c: Case): FactSpec[] {
  const [def, raw] = c.task;
  return def.facts(def.schema.parse(raw), context());
}

const planned = (c: Case): Plan => planOne(c.host, c.task);

describe.each(CASES)('$name', (c) => {
  it('plans steps (so they are checked)', () => {
    expect(planned(c).steps.length).toBeGreaterThan(0);
  });

  it('every fact declares what it reads, or is listed as reading everything', () => {
    const loose = facts(c).filter((f) => f.reads === undefined && !READ_EVERYTHING.some((r) => r.is(f)));
    expect(loose.map((f) => f.key)).toEqual([]);
  });

  it('every step declares what it changes, or is listed as changing everything', () => {
    const loose = planned(c).steps.filter((s) => s.changes === undefined && !CHANGE_EVERYTHING.some((e) => e.is(c, s)));
    expect(loose.map((s) => s.title)).toEqual([]);
  });

  it.skipIf(!ENGINE_KNOWS.node && usesNode(planned(c)))('every predicted fact carries its reads, and one of the plan\'s own steps changes it', () => {
    const p = planned(c);
    for (const u of p.updates) {
      expect(u.spec.reads, u.spec.key).toBeDefined();
      expect(p.steps.some((s) => overlaps(s.changes, u.spec.reads)), u.spec.key).toBe(true);
    }
  });
});

describe('the lists of undeclared facts and steps', () => {
  it('each entry is used by some case', () => {
    for (const r of READ_EVERYTHING) expect(CASES.some((c) => facts(c).some((f) => f.reads === undefined && r.is(f))), r.why).toBe(true);
    for (const e of CHANGE_EVERYTHING) expect(CASES.some((c) => planned(c).steps.some((s) => s.changes === undefined && e.is(c, s))), e.why).toBe(true);
  });
});
