/**
 * Issue 12, the fault matrix, second half: each repair of the drift matrix
 * (drift-cases.ts) with the connection dropped after each of its commands —
 * every one — then a clean rerun, which must end where the drift matrix's
 * repair ends, with no file left behind, and a run after it that changes
 * nothing (fault-host.ts). A drift listed for several playbooks is one
 * repair: it is cut on the first playbook it is listed for, the smallest
 * that holds the drifted task (drift-cases.ts: every cut run pays for the
 * whole playbook's facts, and there is one cut per command).
 *
 * The repairs are split over a few test files (fault-matrix-repairs-N) so
 * that vitest runs them side by side; each file takes its share by index.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimHost } from '../../src/sim/host.js';
import { drifts, HOST, templateOf, templates } from './drift-cases.js';
import { cloneOf, sh, snapshot } from './drift-host.js';
import { commandsOf, dropPointName, FaultVerdicts } from './fault-host.js';

function inject(sim: SimHost, script: string): void {
  const r = sh(sim, script);
  if (r.code !== 0) throw new Error(`${script}: ${r.stdout}${r.stderr}`);
}

/** The repairs of share `part` (0-based) of `parts`, each drop point a test. */
export async function describeRepairFaults(part: number, parts: number): Promise<void> {
  const mine = drifts.filter((_, i) => i % parts === part);
  for (const drift of mine) {
    const template = await templateOf(drift.on[0]!);
    const start = cloneOf(template);
    inject(start, drift.inject);
    const commands = await commandsOf({ host: HOST, playbook: template.playbook, inventory: template.inventory, start: start.state });

    describe(`repair of "${drift.name}" (${templates[drift.on[0]!].title}), the connection dropped after each of its ${commands.length} commands`, () => {
      let verdicts: FaultVerdicts;
      beforeAll(() => {
        let want = template.clean;
        const toReference = drift.also ?? drift.repairedAs;
        if (toReference) {
          const reference = cloneOf(template);
          inject(reference, toReference);
          want = snapshot(reference, template.extraFiles);
        }
        const wantPaths = Object.keys(template.sim.state.fs).sort();
        verdicts = new FaultVerdicts({ host: HOST, playbook: template.playbook, inventory: template.inventory, start: start.state, extraFiles: template.extraFiles, want, wantPaths });
      });

      for (let k = 0; k <= commands.length; k++) {
        it(dropPointName(commands, k), async () => {
          expect(await verdicts.dropAt(k)).toEqual([]);
        });
      }
    });
  }
}
