/**
 * The fault matrix over a jail's release upgrade (fault-thin-upgrade,
 * fault-thick-upgrade): the uncut run from `before` must upgrade the jail
 * to `release`; then the connection is dropped before the first command,
 * after the last, and after each command `mutating` picks, and each drop
 * must be repaired by a clean rerun (fault-host.ts FaultVerdicts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Playbook } from '../../src/playbook/types.js';
import { cloneOf, runOn, snapshot, type Template } from './drift-host.js';
import { commandsOf, dropPointName, FaultVerdicts } from './fault-host.js';

export interface UpgradeDrops {
  /** The describe title, given the number of drop points and of commands. */
  title: (points: number, commands: number) => string;
  host: string;
  before: Template;
  upgrade: Playbook;
  extraFiles: string[];
  mutating: (command: string) => boolean;
  /** What `jexec www freebsd-version -u` says after the uncut upgrade. */
  release: string;
}

export async function describeUpgradeDrops(o: UpgradeDrops): Promise<void> {
  const scene = { host: o.host, playbook: o.upgrade, inventory: o.before.inventory, start: o.before.sim.state };
  const commands = await commandsOf(scene);
  const points = [0, ...commands.flatMap((c, i) => (o.mutating(c) ? [i + 1] : [])), commands.length];
  describe(o.title(points.length, commands.length), () => {
    let verdicts: FaultVerdicts;
    beforeAll(async () => {
      const clean = cloneOf(o.before);
      const run = await runOn(clean, o.host, o.upgrade, o.before.inventory);
      expect(run.statuses.filter(([, s]) => s === 'failed')).toEqual([]);
      expect(clean.run('jexec www freebsd-version -u').stdout).toBe(`${o.release}\n`);
      // The jails that ran before, and no transient jail of the upgrade (nor a process of one: jail(8) persist).
      expect(clean.run('jls -q name | sort').stdout).toBe(cloneOf(o.before).run('jls -q name | sort').stdout);
      verdicts = new FaultVerdicts({ ...scene, extraFiles: o.extraFiles, want: snapshot(clean, o.extraFiles), wantPaths: Object.keys(clean.state.fs).sort() });
    });

    for (const k of new Set(points)) {
      it(dropPointName(commands, k), async () => {
        expect(await verdicts.dropAt(k)).toEqual([]);
      });
    }
  });
}
