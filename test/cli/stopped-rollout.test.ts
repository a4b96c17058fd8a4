/**
 * README "Rolling out": a stopped rollout "says why (`ROLLOUT STOPPED …`,
 * a `rollout_stopped` event) and starts nothing else, later plays
 * included. Hosts never started are shown as `not_run` in the recap, not as
 * failed. Exit code 1." The existing rollout tests have one play; here a
 * second play follows the one that stops (any_errors_fatal,
 * max_fail_percentage, a serial batch in which every host failed), and no
 * host may see it: no file of it on any simulated host, no play_start for it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cli, events } from '../helpers/cli.js';
import { simFleet, type Fleet } from '../engine/fleet-fixture.js';

const FIRST = '/etc/jailfleet-first';
const SECOND = '/etc/jailfleet-second';

// A host whose release_dir does not exist fails its copy (mktemp cannot create the temp file there).
const twoPlays = (stop: Record<string, unknown>) => [
  { name: 'first', hosts: 'all', ...stop, tasks: [{ name: 'first file', copy: { dest: '{{ release_dir }}/jailfleet-first', content: '1\n' } }] },
  { name: 'second', hosts: 'all', tasks: [{ name: 'second file', copy: { dest: SECOND, content: '2\n' } }] },
];

describe('a stopped rollout starts no later play', () => {
  let fleet: Fleet | undefined;
  afterEach(() => fleet?.cleanup());

  const cases: Array<[string, Record<string, unknown>, Set<string>]> = [
    ['any_errors_fatal', { serial: 2, any_errors_fatal: true }, new Set(['h02'])],
    ['max_fail_percentage', { serial: 2, max_fail_percentage: 0 }, new Set(['h01'])],
    ['a serial batch in which every host failed', { serial: 2 }, new Set(['h01', 'h02'])],
  ];

  for (const [why, stop, failing] of cases) {
    it(`${why}: the second play runs on no host; the recap shows not_run; exit 1`, async () => {
      fleet = simFleet(4, (n) => ({ release_dir: failing.has(n) ? '/nonexistent' : '/etc' }));
      fleet.writePlaybook(twoPlays(stop));
      const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--json');
      expect(r.code).toBe(1);
      const evs = events(r.stdout);
      expect(evs.filter((e) => e.type === 'rollout_stopped')).toHaveLength(1);
      // README "Rolling out" (Output): batch_start/batch_end; only the batch that ran ended, with its failed hosts.
      const ends = evs.filter((e) => e.type === 'batch_end').map(({ play, batch, batches, failed }) => ({ play, batch, batches, failed }));
      expect(ends).toEqual([{ play: 'first', batch: 1, batches: 2, failed: [...failing].sort() }]);
      expect(evs.filter((e) => e.type === 'play_start').map((e) => e.play)).toEqual(['first']);
      expect(evs.filter((e) => e.type === 'task').every((e) => e.task === 'first file')).toBe(true);
      for (const h of fleet.names) expect(fleet.file(h, SECOND)).toBeUndefined();
      // The first batch ran; the second batch of the first play never started.
      for (const h of ['h01', 'h02']) expect(fleet.file(h, FIRST)).toBe(failing.has(h) ? undefined : '1\n');
      for (const h of ['h03', 'h04']) expect(fleet.state(h)).toBeUndefined();
      const recap = evs.find((e) => e.type === 'recap')! as { hosts: Record<string, { failed: number; notRun: number; channels: number }>; stopped?: string };
      expect(recap.stopped).toBeDefined();
      for (const h of fleet.names) {
        // not_run counts the plays a host was selected for and never started: both for the
        // second batch (never contacted), the second play for a host that converged the first;
        // a failed host is failed, and out of the later plays as in Ansible.
        const started = h === 'h01' || h === 'h02';
        expect(recap.hosts[h]).toMatchObject({ failed: failing.has(h) ? 1 : 0, notRun: !started ? 2 : failing.has(h) ? 0 : 1, channels: started ? 1 : 0 });
      }
    });
  }

  it('the human output: ROLLOUT STOPPED once, no PLAY [second]', async () => {
    fleet = simFleet(4, (n) => ({ release_dir: n === 'h01' ? '/nonexistent' : '/etc' }));
    fleet.writePlaybook(twoPlays({ serial: 2, any_errors_fatal: true }));
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^ROLLOUT STOPPED /gm)).toHaveLength(1);
    expect(r.stdout).toContain('PLAY [first]');
    expect(r.stdout).not.toContain('PLAY [second]');
    expect(r.stdout).toMatch(/^h03 +: ok=0 +changed=0 +unreachable=0 +failed=0 +skipped=0 +not_run=2$/m);
  });
});
