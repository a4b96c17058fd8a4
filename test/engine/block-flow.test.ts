/**
 * The block flow's rules, task by task (Ansible's PlayIterator: a failure
 * in a block's tasks goes to its rescue, else its always and then up; a
 * failure in an always list ends that block and goes up; an uncaught
 * failure leaves only the always lists it passed). The end-to-end
 * behaviour on hosts is in blocks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { BlockFlow } from '../../src/engine/block-flow.js';
import { flushHandlersTask } from '../../src/playbook/read-task.js';
import type { BlockDef, BlockPlace, TaskDef } from '../../src/playbook/types.js';

const block = (name: string, hasRescue: boolean, hasAlways: boolean): BlockDef => ({ name, pos: { file: 'x.yml', line: 1, col: 1 }, hasRescue, hasAlways });
// Only a task's blocks matter here: any task will do.
const task = (name: string, ...blocks: BlockPlace[]): TaskDef => flushHandlersTask(name, { file: 'x.yml', line: 1, col: 1 }, blocks.length ? { blocks } : {});

describe('BlockFlow', () => {
  it('a failure in an always list ends the block: its later always tasks do not run, an outer rescue takes over', () => {
    const outer = block('outer', true, false);
    const inner = block('inner', false, true);
    const a1 = task('a1', { block: outer, section: 'block' }, { block: inner, section: 'always' });
    const a2 = task('a2', { block: outer, section: 'block' }, { block: inner, section: 'always' });
    const rescue = task('r', { block: outer, section: 'rescue' });
    const flow = new BlockFlow();
    expect(BlockFlow.recoverable(a1)).toBe(true);
    expect(BlockFlow.rescued(a1)).toBe(true);
    flow.fail(a1);
    expect([flow.runs(a2), flow.runs(rescue), flow.hostFailed]).toEqual([false, true, false]);
  });

  it('without a rescue anywhere: only the always lists the failure passed run, and the host is failed', () => {
    const b = block('b', false, true);
    const t1 = task('t1', { block: b, section: 'block' });
    const t2 = task('t2', { block: b, section: 'block' });
    const always = task('a', { block: b, section: 'always' });
    const after = task('after');
    const flow = new BlockFlow();
    expect(BlockFlow.rescued(t1)).toBe(false);
    flow.fail(t1);
    expect([flow.runs(t2), flow.runs(always), flow.runs(after), flow.hostFailed]).toEqual([false, true, false, true]);
  });

  it('a block with neither rescue nor always is only grouping: a failure in it stops the host as any failure does', () => {
    const b = block('b', false, false);
    expect(BlockFlow.recoverable(task('t', { block: b, section: 'block' }))).toBe(false);
  });

  it('rescue lists stay out while their block has not failed; settling waits on the rescue and always tasks only', () => {
    const b = block('b', true, true);
    const flow = new BlockFlow();
    expect(flow.runs(task('r', { block: b, section: 'rescue' }))).toBe(false);
    expect(flow.runs(task('a', { block: b, section: 'always' }))).toBe(true);
    expect(BlockFlow.settlesOn(task('t', { block: b, section: 'block' }))).toEqual([]);
    expect(BlockFlow.settlesOn(task('a', { block: b, section: 'always' }))).toEqual([b]);
  });
});
