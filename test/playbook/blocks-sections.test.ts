/**
 * Reading blocks, pre_tasks/post_tasks and role dependencies (Ansible's
 * "Blocks" guide, its play keyword list, and "Using role dependencies":
 * "Ansible always executes role dependencies before the role that includes
 * them", "Ansible only executes each role dependency once, even if defined
 * multiple times ... unless allow_duplicates: true" in the dependency's
 * meta/main.yml). Errors inside blocks and imported files name that file
 * and line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import { FLUSH_HANDLERS } from '../../src/playbook/types.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import { inputErrorOf } from '../inventory/helpers.js';
import { writeTree, type Tree } from './tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

const load = (files: Record<string, string>) => {
  tree = writeTree(files);
  return loadPlaybook(tree.path('site.yml'), moduleRegistry);
};
const loadErr = (files: Record<string, string>): string => {
  tree = writeTree(files);
  const t = tree;
  return inputErrorOf(() => loadPlaybook(t.path('site.yml'), moduleRegistry));
};
const lines = (...l: string[]): string => l.join('\n') + '\n';

describe('block', () => {
  it("splices its tasks in, each with the block's when before its own, its tags added and its vars below its own", () => {
    const pb = load({
      'site.yml': lines(
        '- hosts: all',
        '  tasks:',
        '    - name: guarded',
        '      when: ready',
        '      tags: [web]',
        '      vars: {a: block, b: block}',
        '      become: true',
        '      block:',
        '        - {name: one, debug: {msg: x}, when: other, vars: {b: task}}',
        '        - import_tasks: more.yml',
        '      rescue:',
        '        - {name: two, debug: {msg: y}, tags: [r]}',
        '      always:',
        '        - {name: three, debug: {msg: z}}',
      ),
      'more.yml': '- {name: imported, set_fact: {x: 1}}\n',
    });
    const tasks = pb.plays[0]!.tasks;
    expect(tasks.map((t) => [t.name, t.when, t.tags, t.vars, t.blocks?.map((b) => b.section)])).toEqual([
      ['one', ['ready', 'other'], ['web'], { a: 'block', b: 'task' }, ['block']],
      ['imported', 'ready', ['web'], { a: 'block', b: 'block' }, ['block']],
      ['two', 'ready', ['web', 'r'], { a: 'block', b: 'block' }, ['rescue']],
      ['three', 'ready', ['web'], { a: 'block', b: 'block' }, ['always']],
    ]);
    const block = tasks[0]!.blocks![0]!.block;
    expect(block).toMatchObject({ name: 'guarded', hasRescue: true, hasAlways: true });
    expect(tasks.every((t) => t.blocks![0]!.block === block)).toBe(true);
  });

  it('nests: a task knows its blocks outermost first', () => {
    const pb = load({
      'site.yml': lines('- hosts: all', '  tasks:', '    - block:', '        - block: [{name: inner, debug: {}}]', '          always: [{name: cleanup, debug: {}}]'),
    });
    const [inner, cleanup] = pb.plays[0]!.tasks;
    expect(inner!.blocks!.map((b) => b.section)).toEqual(['block', 'block']);
    expect(cleanup!.blocks!.map((b) => b.section)).toEqual(['block', 'always']);
    expect(inner!.blocks![0]!.block).toMatchObject({ hasRescue: false, hasAlways: false });
  });

  it('errors inside a block, and inside a file a block imports, name that file and line (exit 4 input errors)', () => {
    expect(loadErr({ 'site.yml': lines('- hosts: all', '  tasks:', '    - block:', '        - debug: {msg: x}', '          colour: red') })).toBe(
      `${tree!.path('site.yml')}:5:11: tasks[0].block[0]: unknown key "colour"; expected one of name, when, notify, tags, register, loop, loop_control, vars, ignore_errors, retries, delay, until, changed_when, failed_when, and one module`,
    );
    expect(
      loadErr({
        'site.yml': lines('- hosts: all', '  tasks:', '    - block:', '        - import_tasks: inner.yml'),
        'inner.yml': lines('- debug: {msg: ok}', '- block:', '    - assert: {that: ["x =="]}'),
      }),
    ).toMatch(new RegExp(`^${tree!.path('inner.yml')}:3:23: \\[1\\]\\.block\\[0\\]\\.assert\\.that\\[0\\]: `));
    expect(loadErr({ 'site.yml': lines('- hosts: all', '  tasks:', '    - block: []', '      resuce: []') })).toBe(
      `${tree!.path('site.yml')}:4:7: tasks[0]: unknown key "resuce"; expected one of name, block, rescue, always, when, tags, vars, become`,
    );
    expect(loadErr({ 'site.yml': lines('- hosts: all', '  tasks: []', '  handlers:', '    - block: []') })).toBe(
      `${tree!.path('site.yml')}:4:7: handlers[0]: a handler cannot be a block; list the handlers one by one`,
    );
  });
});

describe('pre_tasks and post_tasks', () => {
  it("run in Ansible's order: pre_tasks, a handler flush, roles, tasks, a handler flush, post_tasks (the play's end flushes again)", () => {
    const pb = load({
      'site.yml': lines(
        '- hosts: all',
        '  roles: [web]',
        '  pre_tasks: [{name: pre, debug: {}}]',
        '  tasks: [{name: main, debug: {}}]',
        '  post_tasks: [{name: post, debug: {}}]',
      ),
      'roles/web/tasks/main.yml': '- {name: role task, debug: {}}\n',
    });
    expect(pb.plays[0]!.tasks.map((t) => (t.module === FLUSH_HANDLERS ? 'flush' : t.name))).toEqual(['pre', 'flush', 'web : role task', 'main', 'flush', 'post']);
  });

  it('a problem in post_tasks is named there', () => {
    expect(loadErr({ 'site.yml': lines('- hosts: all', '  post_tasks:', '    - debug: {msg: x, verbosity: -1}') })).toBe(
      `${tree!.path('site.yml')}:3:34: post_tasks[0].debug.verbosity: expected a number >= 0, got -1`,
    );
  });
});

describe('role dependencies (meta/main.yml)', () => {
  const roles = {
    'roles/common/tasks/main.yml': '- {name: base, debug: {msg: "{{ level | default(0) }}"}}\n',
    'roles/web/meta/main.yml': lines('galaxy_info: {author: someone}', 'dependencies:', '  - common', '  - {role: common, vars: {level: 2}}'),
    'roles/web/tasks/main.yml': '- {name: serve, debug: {}}\n',
    'roles/db/meta/main.yml': lines('dependencies: [common]'),
    'roles/db/tasks/main.yml': '- {name: store, debug: {}}\n',
  };

  it('run before the role, once per parameters unless the dependency allows duplicates', () => {
    const pb = load({ ...roles, 'site.yml': lines('- hosts: all', '  roles: [web, db]') });
    expect(pb.plays[0]!.tasks.map((t) => [t.name, t.vars.level])).toEqual([
      ['common : base', undefined],
      ['common : base', 2],
      ['web : serve', undefined],
      ['db : store', undefined],
    ]);
    const again = load({ ...roles, 'roles/common/meta/main.yml': 'allow_duplicates: true\n', 'site.yml': lines('- hosts: all', '  roles: [web, db]') });
    expect(again.plays[0]!.tasks.map((t) => t.name)).toEqual(['common : base', 'common : base', 'web : serve', 'common : base', 'db : store']);
  });

  it("a missing dependency, a bad entry or a cycle is an input error at the meta file's line", () => {
    expect(loadErr({ 'site.yml': lines('- hosts: all', '  roles: [web]'), 'roles/web/tasks/main.yml': '[]\n', 'roles/web/meta/main.yml': lines('dependencies:', '  - nope') })).toMatch(
      new RegExp(`^${tree!.path('roles/web/meta/main.yml')}:2:5: role "nope" not found`),
    );
    expect(loadErr({ 'site.yml': lines('- hosts: all', '  roles: [web]'), 'roles/web/tasks/main.yml': '[]\n', 'roles/web/meta/main.yml': lines('dependencies:', '  - {name: x}') })).toMatch(
      new RegExp(`^${tree!.path('roles/web/meta/main.yml')}:2:5: dependencies\\[0\\]`),
    );
    expect(
      loadErr({
        'site.yml': lines('- hosts: all', '  roles: [a]'),
        'roles/a/tasks/main.yml': '[]\n',
        'roles/a/meta/main.yml': 'dependencies: [b]\n',
        'roles/b/tasks/main.yml': '[]\n',
        'roles/b/meta/main.yml': 'dependencies: [a]\n',
      }),
    ).toMatch(/import cycle \(roles\/a\/meta\/main\.yml -> roles\/b\/meta\/main\.yml -> roles\/a\/meta\/main\.yml\)/);
  });
});
