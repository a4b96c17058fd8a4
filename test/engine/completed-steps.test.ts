/**
 * A failed task lists the steps that completed before the failing one (issue
 * 12): their changes are on the host (jail_enable=YES, the jail's conf file)
 * even though the task failed, in its message and in JSON completed_steps,
 * and --diff shows the diffs of the files those steps wrote.
 */
import { describe, expect, it } from 'vitest';
import { SimTransport } from '../../src/sim/transport.js';
import { fileOn, runEngine, simHost, taskEvents } from './engine-harness.js';

describe('a task that fails part-way', () => {
  it('names the steps it completed, and those changes are on the host', async () => {
    const sim = simHost('h1');
    const tasks = [{ name: 'www', jail: { name: 'www', ip4: 'em9|192.0.2.121/32', release: '14.2-RELEASE' } }];
    const { events } = await runEngine([{ hosts: 'all', tasks }], ['h1'], { connect: async () => new SimTransport(sim) });
    const [failed] = taskEvents(events);
    expect(failed).toMatchObject({ status: 'failed', step: 'start jail www' });
    const completed = failed!.completed_steps!;
    expect(completed.length).toBeGreaterThan(1);
    expect(completed).not.toContain('start jail www');
    expect(failed!.message).toContain(`; completed before it: ${completed.join(', ')}`);
    // What the listed steps did is there: the conf file and jail_enable.
    expect(completed.some((t) => t.includes('/etc/jail.conf.d/www.conf'))).toBe(true);
    expect(fileOn(sim, '/etc/jail.conf.d/www.conf')).toContain('em9|192.0.2.121/32');
    expect(sim.run('sysrc -n jail_enable').stdout).toBe('YES\n');
    // --diff shows what they changed: the diffs of the files the completed steps wrote, not the jail's start.
    const labels = failed!.diffs!.map((d) => d.label);
    expect(labels).toContain('/etc/jail.conf.d/www.conf');
    expect(labels).not.toContain('jail www');
    expect(failed!.diffs!.find((d) => d.label === '/etc/jail.conf.d/www.conf')).toMatchObject({ before: '', after: fileOn(sim, '/etc/jail.conf.d/www.conf') });
  });

  it('a task whose first step fails completed nothing', async () => {
    const sim = simHost('h1');
    const tasks = [{ name: 'boom', command: { cmd: 'exit 3' } }];
    const { events } = await runEngine([{ hosts: 'all', tasks }], ['h1'], { connect: async () => new SimTransport(sim) });
    const [failed] = taskEvents(events);
    expect(failed).toMatchObject({ status: 'failed', exitCode: 3, completed_steps: [], message: 'step "command: exit 3" failed (exit 3)' });
  });
});
