/**
 * Notifications outlive failures (issue 12): a `line` change to sshd_config
 * notifies `reload sshd`, and the reload fails. The next run, where nothing
 * else changes, still reloads sshd (before: `ok`, changed=0, with sshd on
 * *:22 for good); `check` in between reports the handler as pending; once
 * the reload succeeded, a run changes nothing and sends no input.
 */
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/report/events.js';
import { SimTransport, type SimTransportFaults } from '../../src/sim/transport.js';
import { PENDING_DIR } from '../../src/engine/pending-handlers.js';
import { runEngine, simHost, taskEvents, tapTransport, runsSomething } from './engine-harness.js';

const play = {
  name: 'sshd on the host address',
  hosts: 'all',
  tasks: [{ name: 'listen', line: { path: '/etc/ssh/sshd_config', regexp: '^#?ListenAddress ', line: 'ListenAddress 192.0.2.10' }, notify: 'reload sshd' }],
  handlers: [{ name: 'reload sshd', service: { name: 'sshd', state: 'reloaded' } }],
};

describe('a handler that did not get to run', () => {
  const sim = simHost('h1');
  const run = async (faults: SimTransportFaults = {}, check = false) => {
    let inputs = 0;
    const connector = {
      connect: async () =>
        tapTransport(new SimTransport(sim, { faults }), (text, kind) => {
          if (kind === 'input' && runsSomething(text)) inputs++;
        }),
    };
    const { events } = await runEngine([play], ['h1'], connector, { check });
    const end = events.find((e): e is Extract<RunEvent, { type: 'host_end' }> => e.type === 'host_end')!;
    return { tasks: taskEvents(events), inputs, rounds: end.rounds };
  };
  const sshdListens = () => sim.run('sockstat -4l').stdout.match(/^root +sshd +\d+ +\d+ +tcp4 +(\S+) /m)?.[1];

  it('a failed reload leaves the notification recorded on the host', async () => {
    expect(sshdListens()).toBe('*:22');
    const first = await run({ failCommand: [{ match: 'service sshd onereload', code: 1, stderr: 'sshd not running?\n' }] });
    expect(first.tasks.map((t) => [t.task, t.status])).toEqual([
      ['listen', 'changed'],
      ['reload sshd', 'failed'],
    ]);
    expect(sshdListens()).toBe('*:22');
    expect(sim.run(`cat ${PENDING_DIR}/*`).stdout).toBe('reload sshd\n');
  });

  it('check reports the handler as pending', async () => {
    const check = await run({}, true);
    expect(check.tasks.map((t) => [t.task, t.status])).toEqual([
      ['listen', 'ok'],
      ['reload sshd', 'changed'],
    ]);
    expect(check.tasks[1]!.message).toContain('notified by an earlier run that did not get to run it');
  });

  it('the next run reloads sshd although nothing else changes, and clears the record', async () => {
    const second = await run();
    expect(second.tasks.map((t) => [t.task, t.status])).toEqual([
      ['listen', 'ok'],
      ['reload sshd', 'changed'],
    ]);
    expect(sshdListens()).toBe('192.0.2.10:22');
    expect(sim.run(`ls ${PENDING_DIR}`).stdout).toBe('');
  });

  it('then a run changes nothing, in one round, sending no input', async () => {
    const third = await run();
    expect(third.tasks.map((t) => t.status)).toEqual(['ok']);
    expect([third.rounds, third.inputs]).toEqual([1, 0]);
  });
});
