/**
 * Issue 12, the fault matrix, first half: a fresh host of inventory/sim.yml
 * (new1) converged by playbooks/site.yml, the connection dropped after each
 * command of that run — every one — then a clean rerun, which must end
 * where a clean converge ends (the drift matrix's comparison: files with
 * mode and owner, jls -v, sockstat -4l, ifconfig, mount, sysctl), with no
 * file the clean converge does not have (no temporary file, no .part
 * download), and a run after it that changes nothing in one round.
 *
 * The host runs a dropped session on to the end of its round (SIGHUP and
 * SIGPIPE ignored, src/shell/script.ts), so the host a drop leaves is one of
 * a few: before the run, or after round r. Each drop point is a case; the
 * rerun runs once per distinct host (fault-host.ts). A round can also be
 * cut while it is still on its way to the host (dropAfterInputBytes): the
 * host then runs none of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { simSettings } from '../../src/engine/sim-settings.js';
import { freshHostState } from '../../src/sim/seed.js';
import { HOST, SITE, templates } from './drift-cases.js';
import { SimHost } from '../../src/sim/host.js';
import { convergedTemplate, INVENTORY, playbookFrom, runOn } from './drift-host.js';
import { commandsOf, dropPointName, FaultVerdicts, type FaultScene } from './fault-host.js';

const inventory = loadInventory(INVENTORY);
const settings = simSettings(inventory.hosts.get(HOST)!);
const start = freshHostState(settings);
const spec = templates.site;
const playbook = playbookFrom(spec.plays(), spec.file);

// The uncut run's commands name the cases (top-level await: the cases are known before collection ends).
const commands = await commandsOf({ host: HOST, playbook, inventory, start });
// ... and its inputs: the rounds the controller sends (the last input is the end line).
const rounds = (await runOn(new SimHost(HOST, structuredClone(start)), HOST, playbook, inventory)).inputs.slice(0, -1);
const bytes = (text: string): number => Buffer.byteLength(text);

describe(`a fresh converge of ${SITE}, the connection dropped after each of its ${commands.length} commands`, () => {
  let verdicts: FaultVerdicts;
  beforeAll(async () => {
    const clean = await convergedTemplate(HOST, playbook, spec.extraFiles);
    const scene: FaultScene = { host: HOST, playbook, inventory, start, extraFiles: spec.extraFiles, want: clean.clean, wantPaths: Object.keys(clean.sim.state.fs).sort() };
    verdicts = new FaultVerdicts(scene);
  });

  // Sanity: the run is the whole jail build (fetch, extract, start), not a stub.
  it('cuts a run that builds the jail: the uncut run fetches the release, extracts it and starts the jail', () => {
    expect(commands.some((c) => c.startsWith('fetch '))).toBe(true);
    expect(commands.some((c) => c.startsWith('tar '))).toBe(true);
    expect(commands.some((c) => /^(service jail start|jail -c)/.test(c))).toBe(true);
  });

  for (let k = 0; k <= commands.length; k++) {
    it(dropPointName(commands, k), async () => {
      expect(await verdicts.dropAt(k)).toEqual([]);
    });
  }

  // A drop while a round is still on its way: the host runs none of that round (its length and cksum do
  // not match), wherever the cut falls in it, so the host is the one a cut just before the round leaves.
  rounds.forEach((input, i) => {
    const before = rounds.slice(0, i).reduce((n, r) => n + bytes(r), 0);
    const header = bytes(input.slice(0, input.indexOf('\n') + 1));
    const cuts: Array<[string, number]> = [
      ['in its header', 5],
      ['right after its header', header],
      ['half way', Math.floor(bytes(input) / 2)],
      ['one byte short', bytes(input) - 1],
    ];
    for (const [where, at] of cuts) {
      it(`round ${i + 1} of ${rounds.length} (${bytes(input)} bytes) cut in transit ${where}: none of it runs, and a rerun converges`, async () => {
        const whole = await verdicts.cut({ dropAfterInputBytes: before });
        const cut = await verdicts.cut({ dropAfterInputBytes: before + at });
        expect(cut.lost).toBe(true);
        expect(cut.host === whole.host, 'the host a cut just before the round leaves').toBe(true);
        expect(cut.problems).toEqual([]);
      });
    }
  });

  it('reran from each distinct host a drop left, and there were several (rounds)', () => {
    expect(verdicts.reruns).toBeGreaterThan(2);
  });
});
