/**
 * Playbooks whose tasks build on what earlier tasks made converge in one run
 * (issue 11), in one exec per host; the second run changes nothing in one
 * exec and one round, and sends the host no input. Each case below needed
 * two or three runs, or never converged, when every task was planned from
 * the facts read before anything changed.
 */
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/report/events.js';
import type { SimHost } from '../../src/sim/host.js';
import { SimTransport } from '../../src/sim/transport.js';
import type { Connector } from '../../src/engine/run.js';
import { fileOn, runEngine, simHost, taskEvents, tapTransport, runsSomething } from '../engine/engine-harness.js';

interface Run {
  events: RunEvent[];
  /** Non-empty inputs sent to a session (rounds with something to run). */
  inputs: number;
  statuses: Array<[string, string]>;
  end: { channels: number; rounds: number };
}

async function run(sim: SimHost, tasks: unknown[], check = false, strategy?: 'linear'): Promise<Run> {
  let inputs = 0;
  const connector: Connector = {
    connect: async () =>
      tapTransport(new SimTransport(sim), (text, kind) => {
        if (kind === 'input' && runsSomething(text)) inputs++;
      }),
  };
  const { events } = await runEngine([{ name: 'p', hosts: 'all', tasks }], { [sim.name]: {} }, connector, { check, ...(strategy ? { strategy } : {}) });
  const end = events.find((e): e is Extract<RunEvent, { type: 'host_end' }> => e.type === 'host_end')!;
  return { events, inputs, statuses: taskEvents(events).map((t) => [t.task, t.status]), end: { channels: end.channels, rounds: end.rounds } };
}

/** Run twice: the first converges, the second changes nothing in one exec and one round. */
async function converges(sim: SimHost, tasks: unknown[]): Promise<Run> {
  const first = await run(sim, tasks);
  expect(first.statuses.filter(([, s]) => s === 'failed')).toEqual([]);
  expect(first.end.channels).toBe(1);
  const second = await run(sim, tasks);
  expect(second.statuses.map(([, s]) => s).filter((s) => s !== 'ok' && s !== 'skipped')).toEqual([]);
  expect(second.end).toEqual({ channels: 1, rounds: 1 });
  expect(second.inputs).toBe(0);
  return first;
}

const jailTask = { name: 'web jail', jail: { name: 'web', ip4: 'em0|192.0.2.150/32', release: '14.2-RELEASE', mounts: ['devfs'] } };

describe('tasks that build on earlier tasks', () => {
  it('a command whose creates: the next command makes runs once; the play converges', async () => {
    const sim = simHost('h1');
    const tasks = [
      { name: 'append', command: { cmd: 'echo x >> /etc/motd', creates: '/var/db/done' } },
      { name: 'mark', command: { cmd: 'touch /var/db/done', creates: '/var/db/done' } },
    ];
    const before = fileOn(sim, '/etc/motd') ?? '';
    const first = await converges(sim, tasks);
    expect(first.statuses).toEqual([
      ['append', 'changed'],
      ['mark', 'changed'],
    ]);
    // The second run skipped both: motd has the line once.
    expect(fileOn(sim, '/etc/motd')).toBe(`${before}x\n`);
    expect(sim.fs.exists('/var/db/done')).toBe(true);
  });

  it('a line edit after a command that appended to the file keeps both changes', async () => {
    const sim = simHost('h1');
    sim.fs.writeFile('/usr/local/etc/app.conf', 'port=80\n');
    const tasks = [
      { name: 'append', command: { cmd: 'echo extra=1 >> /usr/local/etc/app.conf; touch /var/db/appended', creates: '/var/db/appended' } },
      { name: 'port', line: { path: '/usr/local/etc/app.conf', regexp: '^port=', line: 'port=8080' } },
    ];
    await converges(sim, tasks);
    expect(fileOn(sim, '/usr/local/etc/app.conf')).toBe('port=8080\nextra=1\n');
  });

  it('line with create: true on a file the jail build extracts edits that file instead of replacing it', async () => {
    const sim = simHost('h1');
    const tasks = [jailTask, { name: 'listen', line: { path: '/usr/jails/web/etc/ssh/sshd_config', regexp: '^#?ListenAddress ', line: 'ListenAddress 192.0.2.150', create: true } }];
    const first = await converges(sim, tasks);
    expect(first.statuses).toEqual([
      ['web jail', 'changed'],
      ['listen', 'changed'],
    ]);
    const config = fileOn(sim, '/usr/jails/web/etc/ssh/sshd_config')!;
    expect(config.split('\n').length).toBeGreaterThan(100);
    expect(config).toContain('\nListenAddress 192.0.2.150\n');
    expect(config).toContain('#PermitRootLogin no');
    expect(first.end.rounds).toBeGreaterThan(2);
  });

  it('jail-scoped pkg, sysrc and service after the jail task converge in one run', async () => {
    const sim = simHost('h1');
    const tasks = [
      jailTask,
      { name: 'nginx', pkg: { name: 'nginx', jail: 'web' } },
      { name: 'nginx enabled', sysrc: { name: 'nginx_enable', value: 'YES', jail: 'web' } },
      { name: 'nginx running', service: { name: 'nginx', state: 'started', jail: 'web' } },
      { name: 'workers', line: { path: '/usr/jails/web/usr/local/etc/nginx/nginx.conf', regexp: '^worker_processes', line: 'worker_processes  2;' } },
    ];
    const first = await converges(sim, tasks);
    expect(first.statuses.map(([, s]) => s)).toEqual(['changed', 'changed', 'changed', 'changed', 'changed']);
    expect(sim.run('jexec web service nginx status').stdout).toMatch(/^nginx is running as pid \d+\.\n$/);
    expect(fileOn(sim, '/usr/jails/web/usr/local/etc/nginx/nginx.conf')).toMatch(/^worker_processes {2}2;\n/);
  });

  it('a jail from an archive an earlier task put on the host', async () => {
    const sim = simHost('h1');
    const mirror = 'https://download.freebsd.org/ftp/releases/amd64/amd64/14.2-RELEASE/base.txz';
    const tasks = [
      { name: 'fetch base', command: { cmd: `fetch -q -o /var/tmp/base.txz ${mirror}`, creates: '/var/tmp/base.txz' } },
      { name: 'db jail', jail: { name: 'db', ip4: 'em0|192.0.2.151/32', archive: '/var/tmp/base.txz' } },
    ];
    const first = await converges(sim, tasks);
    expect(first.statuses).toEqual([
      ['fetch base', 'changed'],
      ['db jail', 'changed'],
    ]);
    expect(sim.run('jls -j db name').stdout).toBe('db\n');
  });

  it('a stopped jail: check exits 2 naming the jail task, apply converges in one run', async () => {
    const sim = simHost('h1');
    const tasks = [jailTask, { name: 'sshd in web', sysrc: { name: 'sshd_enable', value: 'YES', jail: 'web' } }];
    await converges(sim, tasks);
    expect(sim.run('service jail stop web').code).toBe(0);
    const check = await run(sim, tasks, true);
    expect(check.statuses).toEqual([
      ['web jail', 'changed'],
      ['sshd in web', 'changed'],
    ]);
    // Not failed, not guessed: it waits on the jail's start.
    expect(taskEvents(check.events)[1]).toMatchObject({ message: 'depends on the change made by task web jail', predicted: false });
    expect(sim.run('jls -j web').code).toBe(1);
    const apply = await converges(sim, tasks);
    expect(apply.statuses.map(([, s]) => s)).toEqual(['changed', 'ok']);
  });

  it('the linear strategy keeps the rule: the later task is planned after the earlier one was applied', async () => {
    const sim = simHost('h1');
    sim.fs.writeFile('/usr/local/etc/app.conf', 'port=80\n');
    const tasks = [
      { name: 'append', command: { cmd: 'echo x >> /etc/motd; echo extra=1 >> /usr/local/etc/app.conf', creates: '/var/db/done' } },
      { name: 'mark', command: { cmd: 'touch /var/db/done', creates: '/var/db/done' } },
      { name: 'port', line: { path: '/usr/local/etc/app.conf', regexp: '^port=', line: 'port=8080' } },
    ];
    const first = await run(sim, tasks, false, 'linear');
    expect(first.statuses).toEqual([
      ['append', 'changed'],
      ['mark', 'changed'],
      ['port', 'changed'],
    ]);
    expect(fileOn(sim, '/usr/local/etc/app.conf')).toBe('port=8080\nextra=1\n');
    const second = await run(sim, tasks, false, 'linear');
    expect(second.statuses.map(([, s]) => s)).toEqual(['ok', 'ok', 'ok']);
    expect(second.end.channels).toBe(1);
  });
});
