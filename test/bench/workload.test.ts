/**
 * Smoke test of the benchmark's reference workload (bench/README.md) on two
 * in-process simulated hosts: it converges, leaves the expected files, and a
 * second run changes nothing in one exec and one round per host; a recorded
 * transcript replays both runs round by round. No timings here.
 */
import { describe, expect, it } from 'vitest';
import { workloadInventory } from '../../bench/fleet-inventory.js';
import { simFleet } from '../../bench/sim-fleet.js';
import { TranscriptBook, RecordingTransport, ReplayTransport } from '../../bench/transcript-transport.js';
import { loadWorkload, runWorkload } from '../../bench/workload.js';

describe('bench reference workload', () => {
  it('converges two simulated hosts, then changes nothing', async () => {
    const playbook = loadWorkload();
    const inventory = workloadInventory(2);
    const fleet = simFleet();

    const first = await runWorkload(playbook, inventory, fleet.connector, 2);
    for (const stats of Object.values(first.hosts)) {
      expect(stats).toMatchObject({ failed: 0, unreachable: 0, changed: 10 });
      expect(stats.channels).toBe(1);
    }
    // The facts' round, then one round with every step: the session's last input.
    expect(first.rounds).toEqual({ h00001: 2, h00002: 2 });

    const fs = fleet.hosts.get('h00001')!.fs;
    const root = '/tmp/jailfleet-bench/h00001';
    expect(fs.readFile(`${root}/etc/rc.conf`)).toBe(
      'syslogd_flags="-ss"\ninetd_flags="-wW -C 60 -a 10.0.0.11"\njail_enable="YES"\njail_list="web"\n',
    );
    expect(fs.readFile(`${root}/etc/ssh/sshd_config`)).toBe('ListenAddress 10.0.0.11\n');
    expect(fs.readFile(`${root}/etc/sysctl.conf`)).toBe('security.jail.set_hostname_allowed=0\n');
    expect(fs.readFile(`${root}/usr/jails/web/etc/rc.conf`)).toBe('sshd_enable="YES"\n');
    expect(fs.readFile(`${root}/etc/jail.conf`)).toContain('ip4.addr = "10.0.0.111";');
    expect(fs.readFile(`${root}/etc/jail.conf`)).toContain(`path = "${root}/usr/jails/web";`);

    const second = await runWorkload(playbook, inventory, fleet.connector, 2);
    for (const stats of Object.values(second.hosts)) {
      expect(stats).toMatchObject({ failed: 0, changed: 0, ok: 10 });
      expect(stats.channels).toBe(1);
    }
    expect(second.rounds).toEqual({ h00001: 1, h00002: 1 });
  });

  it('replays a recorded transcript with fresh nonces, round by round', async () => {
    const playbook = loadWorkload();
    const inventory = workloadInventory(2);
    const book = new TranscriptBook();
    const fleet = simFleet({ wrap: (t) => new RecordingTransport(t, book) });
    const recorded = [await runWorkload(playbook, inventory, fleet.connector, 2), await runWorkload(playbook, inventory, fleet.connector, 2)];

    const replayed = TranscriptBook.fromJSON(JSON.parse(JSON.stringify(book)) as Parameters<typeof TranscriptBook.fromJSON>[0]);
    const connector = { connect: async (h: { name: string }) => new ReplayTransport(h.name, replayed) };
    const converge = await runWorkload(playbook, inventory, connector, 2);
    for (const stats of Object.values(converge.hosts)) expect(stats).toMatchObject({ failed: 0, unreachable: 0, changed: 10, channels: 1 });
    expect(converge.rounds).toEqual(recorded[0]!.rounds);
    const noChange = await runWorkload(playbook, inventory, connector, 2);
    for (const stats of Object.values(noChange.hosts)) expect(stats).toMatchObject({ failed: 0, changed: 0, ok: 10, channels: 1 });
    expect(noChange.rounds).toEqual(recorded[1]!.rounds);
  });
});
