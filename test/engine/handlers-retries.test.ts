import { describe, expect, it } from 'vitest';
import type { SimHost } from '../../src/sim/host.js';
import { fileOn, runEngine, simConnector, simHost, taskEvents } from './engine-harness.js';

const LOG = '/var/log/jailfleet-order.log';
const write = (name: string, notify?: string[]) => ({ name, line: { path: LOG, line: name, create: true }, ...(notify ? { notify } : {}) });
const handlers = ['A', 'B', 'C', 'D'].map((h) => ({ name: h, line: { path: LOG, line: `handler ${h}`, create: true } }));
const failing = { name: 'broken', copy: { dest: '/nonexistent/file', content: 'x' } };

function fleet(n: number): { sims: Map<string, SimHost>; names: string[] } {
  const names = Array.from({ length: n }, (_, i) => `web${i + 1}`);
  return { names, sims: new Map(names.map((name, i) => [name, simHost(name, i)])) };
}

const order = (sim: SimHost): string[] => (fileOn(sim, LOG) ?? '').trimEnd().split('\n').filter(Boolean);

describe.each(['free', 'linear'] as const)('handlers (%s)', (strategy) => {
  it('run once, in the order defined, at flush_handlers and at the end of the play', async () => {
    const { sims, names } = fleet(2);
    const play = { hosts: 'all', strategy, tasks: [write('t1', ['B', 'A']), { meta: 'flush_handlers' }, write('t2', ['C']), write('t3', ['C'])], handlers };
    const run = await runEngine([play], names, simConnector(sims));
    expect(run.summary.hosts.web1!.failed).toBe(0);
    for (const sim of sims.values()) expect(order(sim)).toEqual(['t1', 'handler A', 'handler B', 't2', 't3', 'handler C']);
  });

  it('do not run on a host whose task failed, unless force_handlers', async () => {
    const tasks = [write('t1', ['A']), failing, write('t2', ['B'])];
    const plain = fleet(1);
    await runEngine([{ hosts: 'all', strategy, tasks, handlers }], plain.names, simConnector(plain.sims));
    expect(order(plain.sims.get('web1')!)).toEqual(['t1']);

    const forced = fleet(1);
    const run = await runEngine([{ hosts: 'all', strategy, force_handlers: true, tasks, handlers }], forced.names, simConnector(forced.sims));
    expect(order(forced.sims.get('web1')!)).toEqual(['t1', 'handler A']);
    expect(run.summary.hosts.web1!.failed).toBe(1);
  });
});

describe('retries', () => {
  it('re-runs a failing step on the host until it succeeds, within one apply exec', async () => {
    const { sims, names } = fleet(1);
    const task = { name: 'poke', flaky: { marker: '/tmp/poked' }, register: 'r', retries: 3, delay: 0, until: 'r is succeeded' };
    const run = await runEngine([{ hosts: 'all', tasks: [task] }], names, simConnector(sims));
    expect(taskEvents(run.events).map((e) => e.status)).toEqual(['changed']);
    expect(run.summary.hosts.web1!.channels).toBe(1); // no facts to read: the apply exec only
  });

  it('gives up after retries + 1 attempts with the step\'s exit code and every attempt on stderr', async () => {
    const { sims, names } = fleet(1);
    const task = { ...failing, retries: 2, delay: 0 };
    const run = await runEngine([{ hosts: 'all', tasks: [task] }], names, simConnector(sims));
    const [e] = taskEvents(run.events);
    expect(e).toMatchObject({ status: 'failed', exitCode: 1 });
    expect(e!.stderr).toMatch(/attempt 1\/3 failed \(exit 1\), retrying in 0s\n[\s\S]*attempt 2\/3 failed \(exit 1\), retrying in 0s\n/);
    expect(e!.stderr).not.toMatch(/attempt 3\/3/);
  });

  it('without retries the flaky step fails at once', async () => {
    const { sims, names } = fleet(1);
    const run = await runEngine([{ hosts: 'all', tasks: [{ name: 'poke', flaky: { marker: '/tmp/poked' } }] }], names, simConnector(sims));
    expect(taskEvents(run.events)[0]).toMatchObject({ status: 'failed', exitCode: 3, stderr: 'not yet\n' });
  });
});

describe('strategies', () => {
  const tasks = [write('t1', ['A']), write('t2'), { name: 'skipped', when: 'false', line: { path: LOG, line: 'never' } }, write('t3', ['A'])];

  it('linear and free reach the same end state; free is one exec, linear pays one apply exec per changing task', async () => {
    const free = fleet(3);
    const linear = fleet(3);
    const a = await runEngine([{ hosts: 'all', strategy: 'free', tasks, handlers }], free.names, simConnector(free.sims));
    const b = await runEngine([{ hosts: 'all', strategy: 'linear', tasks, handlers }], linear.names, simConnector(linear.sims));
    for (const name of free.names) {
      expect(order(linear.sims.get(name)!)).toEqual(order(free.sims.get(name)!));
      expect(order(free.sims.get(name)!)).toEqual(['t1', 't2', 't3', 'handler A']);
      expect(a.summary.hosts[name]).toMatchObject({ changed: 4, skipped: 1, channels: 1 });
      expect(b.summary.hosts[name]).toMatchObject({ changed: 4, skipped: 1, channels: 5 });
    }
  });

  it('linear keeps lockstep: no host starts a task before every host finished the previous one', async () => {
    const { sims, names } = fleet(3);
    const run = await runEngine([{ hosts: 'all', strategy: 'linear', tasks, handlers }], names, simConnector(sims));
    const seq = run.events.filter((e) => e.type === 'task' || e.type === 'task_start').map((e) => (e.type === 'task' ? e.task : `>${e.task}`));
    expect(seq).toEqual([
      '>t1', 't1', 't1', 't1',
      '>t2', 't2', 't2', 't2',
      '>skipped', 'skipped', 'skipped', 'skipped',
      '>t3', 't3', 't3', 't3',
      '>handler: A', 'A', 'A', 'A',
    ]);
  });

  it('linear with any_errors_fatal: after a task fails on one host, no host runs the next task', async () => {
    const { sims, names } = fleet(3);
    const broken = { name: 'maybe broken', copy: { dest: '{{ dir }}/f', content: 'x' } };
    const vars = Object.fromEntries(names.map((n) => [n, { dir: n === 'web2' ? '/nonexistent' : '/tmp' }]));
    const run = await runEngine([{ hosts: 'all', strategy: 'linear', any_errors_fatal: true, tasks: [write('t1'), broken, write('t2')] }], vars, simConnector(sims));
    expect(fileOn(sims.get('web1')!, '/tmp/f')).toBe('x');
    for (const sim of sims.values()) expect(order(sim)).toEqual(['t1']);
    expect(run.summary.stopped).toMatch(/^any_errors_fatal: 1 host\(s\) failed in batch 1\/1 \(web2\)$/);
  });
});
