import { describe, expect, it } from 'vitest';
import { runEngine, simConnector, simHost, taskEvents } from '../engine/engine-harness.js';
import { humanPrinter } from '../../src/report/human-printer.js';
import { Redactor } from '../../src/report/redact.js';
import type { RunEvent } from '../../src/report/events.js';
import { emitTask, foldLoopItems, type ReportContext } from '../../src/engine/host-report.js';
import type { TaskDef } from '../../src/playbook/types.js';

// Issue 15: a looped task counts once per host in the recap, as Ansible
// counts it (changed if an item changed, failed if one failed), and its task
// event carries each item's own result in `items`.
const play = (task: Record<string, unknown>) => [{ name: 'p', hosts: 'all', tasks: [task, { name: 'after', command: { cmd: 'true' } }] }];

async function run(task: Record<string, unknown>, strategy: 'free' | 'linear' = 'free') {
  const hosts = new Map([['h1', simHost('h1')]]);
  return runEngine(play(task), ['h1'], simConnector(hosts), { strategy });
}

describe('a looped task in the recap and the events', () => {
  for (const strategy of ['free', 'linear'] as const) {
    it(`counts once, changed if an item changed, items kept (${strategy})`, async () => {
      const { summary, events } = await run({ name: 'files', copy: { dest: '/tmp/{{ item }}', content: 'x', mode: '0644' }, loop: ['a', 'b'] }, strategy);
      expect(summary.hosts.h1).toMatchObject({ ok: 2, changed: 2, failed: 0, skipped: 0 });
      const [files] = taskEvents(events);
      expect(files).toEqual({
        type: 'task',
        play: 'p',
        host: 'h1',
        task: 'files',
        module: 'copy',
        status: 'changed',
        message: '2 items: 2 changed',
        diffs: [
          { label: '/tmp/a', before: '', after: 'x' },
          { label: '/tmp/b', before: '', after: 'x' },
        ],
        items: [
          { item: 'a', label: 'files (item=a)', status: 'changed', changed: true, failed: false, skipped: false, msg: '/tmp/a created', diffs: [{ label: '/tmp/a', before: '', after: 'x' }] },
          { item: 'b', label: 'files (item=b)', status: 'changed', changed: true, failed: false, skipped: false, msg: '/tmp/b created', diffs: [{ label: '/tmp/b', before: '', after: 'x' }] },
        ],
      });
    });
  }

  it('a failed item fails the task (once), with that item\'s failure on the event', async () => {
    const { summary, events } = await run({ name: 'probe', command: { cmd: '[ {{ item }} != b ]' }, loop: ['a', 'b', 'c'] });
    expect(summary.hosts.h1).toMatchObject({ ok: 0, changed: 0, failed: 1, skipped: 0 });
    const tasks = taskEvents(events);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      task: 'probe',
      status: 'failed',
      message: 'probe (item=b): step "command: [ b != b ]" failed (exit 1)',
      step: 'command: [ b != b ]',
      exitCode: 1,
    });
    expect(tasks[0]!.items!.map((i) => [i.item, i.status, i.changed, i.failed, i.msg])).toEqual([
      ['a', 'changed', true, false, 'run: [ a != b ]'],
      ['b', 'failed', false, true, 'step "command: [ b != b ]" failed (exit 1)'],
    ]);
  });

  it('some items skipped: ok or changed by the others; all skipped: skipped once', async () => {
    const some = await run({ name: 'some', command: { cmd: 'true' }, loop: ['a', 'b'], when: "item == 'a'" });
    expect(some.summary.hosts.h1).toMatchObject({ ok: 2, changed: 2, skipped: 0 });
    expect(taskEvents(some.events)[0]).toMatchObject({ status: 'changed', message: '2 items: 1 changed, 1 skipped' });
    const none = await run({ name: 'none', command: { cmd: 'true' }, loop: ['a', 'b'], when: 'false' });
    expect(none.summary.hosts.h1).toMatchObject({ ok: 1, changed: 1, skipped: 1 });
    expect(taskEvents(none.events)[0]).toMatchObject({ task: 'none', status: 'skipped', message: '2 items: 2 skipped' });
  });

  it('ignored failed items: the task failed but ignored, counted as ok; the host goes on', async () => {
    const { summary, events } = await run({ name: 'probe', command: { cmd: 'false' }, loop: ['a', 'b'], ignore_errors: true });
    expect(summary.hosts.h1).toMatchObject({ ok: 2, changed: 1, failed: 0 });
    expect(taskEvents(events).map((e) => [e.task, e.status, e.ignored ?? false, e.items?.length])).toEqual([
      ['probe', 'failed', true, 2],
      ['after', 'changed', false, undefined],
    ]);
  });

  it('the human output prints a line per item, as before', () => {
    let out = '';
    const printer = humanPrinter({ write: (t) => (out += t), diff: false, verbose: 0, redactor: new Redactor() });
    printer.emit({
      type: 'task', play: 'p', host: 'h1', task: 'probe', module: 'command', status: 'failed', message: 'probe (item=b): no',
      items: [
        { item: 'a', label: 'probe (item=a)', status: 'ok', changed: false, failed: false, skipped: false, msg: 'fine' },
        { item: 'b', label: 'probe (item=b)', status: 'failed', changed: false, failed: true, skipped: false, msg: 'no', stdout: 'out\n' },
      ],
    });
    expect(out).toBe('ok: [h1] probe (item=a)\nfailed: [h1] probe (item=b) => no\n  stdout:\n    out\n');
  });

  it('a loop cut short (interrupted, host lost) goes out with the items that ran when its host ends', () => {
    const seen: RunEvent[] = [];
    const sink = foldLoopItems({ emit: (e) => void seen.push(e) });
    const r = { ctx: { play: { name: 'p' }, host: { name: 'h1' }, sink }, notifiedRan: new Set() } as unknown as ReportContext;
    const task = { name: 'files', module: 'copy', loopVar: 'item' } as TaskDef;
    const item = (value: string, index: number) => ({ task, label: `files (item=${value})`, vars: {}, loop: { item: value, index, count: 3 } });
    emitTask(r, item('a', 0), 'changed', 'a done');
    sink.emit({ type: 'host_phase', play: 'p', host: 'h1', phase: 'apply' });
    emitTask(r, item('b', 1), 'ok', 'b fine');
    expect(seen.map((e) => e.type)).toEqual(['host_phase']);
    sink.emit({ type: 'host_end', play: 'p', host: 'h1', channels: 1, rounds: 2 });
    expect(seen.map((e) => (e.type === 'task' ? [e.type, e.status, e.message, e.items!.map((i) => i.item)] : e.type))).toEqual([
      'host_phase',
      ['task', 'changed', '2 items: 1 changed, 1 ok', ['a', 'b']],
      'host_end',
    ]);
    // The same task looped again (a handler run twice): a new event from its first item on.
    emitTask(r, item('a', 0), 'ok', 'a');
    emitTask(r, item('a', 0), 'ok', 'a');
    sink.emit({ type: 'recap', hosts: {}, run_id: 'R' });
    expect(seen.slice(3).map((e) => (e.type === 'task' ? e.items!.length : e.type))).toEqual([1, 1, 'recap']);
  });
});
