/**
 * The fault matrix for `jail_snapshot state: rolled_back`, which the repair
 * matrix (fault-repairs.ts) cannot hold: a rollback is an action, changed on
 * every run, so "a run after the rerun changes nothing" never holds for it.
 * The property is the same one, stated for an action: with the connection
 * dropped after each of the run's commands, the host is either as it was
 * (the drop came before the apply round was sent) or as the uncut run left
 * it (the round runs to its end on the host: the session ignores HUP and
 * PIPE), never in between (the jail stopped, or the tree half rolled back);
 * and a clean run from there ends where the uncut run ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import type { SimState } from '../../src/sim/types.js';
import { cloneState } from '../helpers/clone-state.js';
import { HOST, templateOf } from './drift-cases.js';
import { cloneOf, playbookFrom, runOn, sh, snapshot, snapshotDiff, unordered, type Snapshot, type Template } from './drift-host.js';
import { commandsOf, dropPointName } from './fault-host.js';

const ROLLBACK = [{ name: 'roll www back', hosts: HOST, tasks: [{ name: 'www to baseline', jail_snapshot: { jail: 'www', dataset: 'zroot/jails/www', name: 'baseline', state: 'rolled_back' } }] }];
const JUNK = '/usr/jails/www/root/junk';

const template = await templateOf('jailFiles');
const playbook = playbookFrom(ROLLBACK, 'rollback.yml');
const start = cloneOf(template);
// Something the rollback takes away: a file written in the jail's tree after the baseline snapshot.
sh(start, `echo junk > ${JUNK}`);
const commands = await commandsOf({ host: HOST, playbook, inventory: template.inventory, start: start.state });

/** The host's visible state, and every path on it (a temporary file left behind shows here). */
function seen(sim: SimHost, t: Template): { view: Snapshot; paths: string[]; junk: boolean; running: boolean } {
  return {
    view: unordered(snapshot(sim, [...t.extraFiles, '/usr/jails/www/etc/rc.conf'])),
    paths: Object.keys(sim.state.fs).sort(),
    junk: sh(sim, `test -e ${JUNK}`).code === 0,
    running: sh(sim, 'jls -j www').code === 0,
  };
}

describe(`rolled_back with the connection dropped after each of its ${commands.length} commands`, () => {
  let before: ReturnType<typeof seen>;
  let after: ReturnType<typeof seen>;
  const fresh = (state: SimState) => new SimHost(HOST, cloneState(state));
  /** How many drop points left the host as it was, and how many as the uncut run left it. */
  const outcomes = { untouched: 0, applied: 0 };

  beforeAll(async () => {
    before = seen(start, template);
    const uncut = fresh(start.state);
    const run = await runOn(uncut, HOST, playbook, template.inventory);
    expect(run.statuses).toEqual([['www to baseline', 'changed']]);
    after = seen(uncut, template);
    expect([before.junk, before.running, after.junk, after.running]).toEqual([true, true, false, true]);
  });

  // Both outcomes occur: the drops before the apply round was sent, and those after.
  afterAll(() => {
    expect(outcomes.untouched).toBeGreaterThan(0);
    expect(outcomes.applied).toBeGreaterThan(0);
    expect(outcomes.untouched + outcomes.applied).toBe(commands.length + 1);
  });

  for (let k = 0; k <= commands.length; k++) {
    it(dropPointName(commands, k), async () => {
      const sim = fresh(start.state);
      await runOn(sim, HOST, playbook, template.inventory, { dropAfterCommands: k });
      const got = seen(sim, template);
      const whole = got.junk ? before : after;
      outcomes[got.junk ? 'untouched' : 'applied'] += 1;
      expect(snapshotDiff(got.view, whole.view)).toEqual([]);
      expect(got.paths).toEqual(whole.paths);
      expect(got.running).toBe(true);
      // A clean run from there ends where the uncut run ends.
      // (After a drop during the apply round the rerun also reports that round's outcome, kept on the host, as "earlier run".)
      const rerun = await runOn(sim, HOST, playbook, template.inventory);
      expect(rerun.statuses.filter(([task]) => task !== 'earlier run')).toEqual([['www to baseline', 'changed']]);
      expect(rerun.statuses.filter(([, status]) => status === 'failed')).toEqual([]);
      const end = seen(sim, template);
      expect(snapshotDiff(end.view, after.view)).toEqual([]);
      expect(end.paths).toEqual(after.paths);
    });
  }
});
