/**
 * import_tasks / include_tasks / import_playbook, read statically when the
 * playbook is loaded (Ansible's "Re-using Ansible artifacts": import_* are
 * static, the keys on an import apply to every task it brings in).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import { inputErrorOf } from '../inventory/helpers.js';
import { fakeModules } from './fake-modules.js';
import { writeTree, type Tree } from './tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

const load = (files: Record<string, string>, main = 'site.yml') => {
  tree = writeTree(files);
  return loadPlaybook(tree.path(main), fakeModules);
};
const loadErr = (files: Record<string, string>, main = 'site.yml'): string => {
  tree = writeTree(files);
  const t = tree;
  return inputErrorOf(() => loadPlaybook(t.path(main), fakeModules));
};

describe('import_tasks and include_tasks', () => {
  it('splices the file\'s tasks in place, relative to the file that names it', () => {
    const pb = load({
      'site.yml': ['- hosts: all', '  tasks:', '    - sysrc: {name: first}', '    - import_tasks: tasks/more.yml', '    - sysrc: {name: last}'].join('\n'),
      'tasks/more.yml': ['- name: a', '  sysrc: {name: a}', '- include_tasks: deeper.yml'].join('\n'),
      'tasks/deeper.yml': '- name: b\n  sysrc: {name: b}\n',
    });
    const tasks = pb.plays[0]!.tasks;
    expect(tasks.map((t) => t.args.name)).toEqual(['first', 'a', 'b', 'last']);
    expect(tasks[1]!.pos).toEqual({ file: tree!.path('site.yml').replace(/site\.yml$/, 'tasks/more.yml'), line: 1, col: 3 });
    expect(tasks[2]!.pos.file).toBe(`${tree!.dir}/tasks/deeper.yml`);
  });

  it('applies the import\'s when, tags and vars to each imported task', () => {
    const pb = load({
      'site.yml': ['- hosts: all', '  tasks:', '    - import_tasks: t.yml', '      when: x is defined', '      tags: [web]', '      vars: {v: 1, w: 1}'].join('\n'),
      't.yml': ['- sysrc: {name: a}', '  when: y', '  tags: own', '  vars: {w: 2}', '- sysrc: {name: b}'].join('\n'),
    });
    const [a, b] = pb.plays[0]!.tasks;
    expect(a).toMatchObject({ when: ['x is defined', 'y'], tags: ['web', 'own'], vars: { v: 1, w: 2 } });
    expect(b).toMatchObject({ when: 'x is defined', tags: ['web'], vars: { v: 1, w: 1 } });
  });

  it('reads imports in handlers too, and notify reaches an imported handler', () => {
    const pb = load({
      'site.yml': ['- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      notify: restart x', '  handlers:', '    - import_tasks: h.yml'].join('\n'),
      'h.yml': '- name: restart x\n  service: {name: x, state: restarted}\n',
    });
    expect(pb.plays[0]!.handlers.map((h) => h.name)).toEqual(['restart x']);
  });

  it('reports an error inside the imported file at that file\'s line and column', () => {
    const msg = loadErr({
      'site.yml': '- hosts: all\n  tasks:\n    - import_tasks: t.yml\n',
      't.yml': '- sysrc: {name: a}\n- sysrc: {name: b, valeu: 1}\n',
    });
    expect(msg).toMatch(/\/t\.yml:2:20: \[1\]\.sysrc: unknown key "valeu"/);
  });

  it('reports a notify in an imported task at its own file\'s position', () => {
    const msg = loadErr({
      'site.yml': '- hosts: all\n  tasks:\n    - import_tasks: t.yml\n',
      't.yml': '- sysrc: {name: a}\n  notify: [nope]\n',
    });
    expect(msg).toMatch(/\/t\.yml:2:12: \[0\]\.notify: no handler named "nope" \(this play has no handlers\)$/);
  });

  it('a missing file names the import\'s line and the path looked for', () => {
    tree = writeTree({ 'site.yml': '- hosts: all\n  tasks:\n    - sysrc: {name: a}\n    - import_tasks: nope.yml\n' });
    const msg = inputErrorOf(() => loadPlaybook(tree!.path('site.yml'), fakeModules));
    expect(msg).toBe(`${tree.path('site.yml')}:4:7: import_tasks ${tree.dir}/nope.yml: no such file`);
  });

  it('refuses a templated include_tasks file name', () => {
    const msg = loadErr({ 'site.yml': '- hosts: all\n  tasks:\n    - include_tasks: "{{ os }}.yml"\n' });
    expect(msg).toMatch(/site\.yml:3:22: tasks\[0\]\.include_tasks: include_tasks with a templated file is not supported; use import_tasks$/);
  });

  it('reports an import cycle', () => {
    const msg = loadErr({
      'site.yml': '- hosts: all\n  tasks:\n    - import_tasks: a.yml\n',
      'a.yml': '- import_tasks: b.yml\n',
      'b.yml': '- import_tasks: a.yml\n',
    });
    expect(msg).toMatch(/\/b\.yml:1:3: import_tasks .*\/a\.yml: import cycle \(a\.yml -> b\.yml -> a\.yml\)$/);
  });

  it('refuses a tasks file that is not a list', () => {
    const msg = loadErr({ 'site.yml': '- hosts: all\n  tasks:\n    - import_tasks: t.yml\n', 't.yml': 'sysrc: {name: a}\n' });
    expect(msg).toMatch(/\/t\.yml:1:1: import_tasks .*t\.yml: a tasks file must be a list, got map$/);
  });
});

describe('import_playbook', () => {
  it('splices the imported playbook\'s plays in place', () => {
    const pb = load({
      'site.yml': ['- import_playbook: sub/web.yml', '- name: last', '  hosts: all', '  tasks: []'].join('\n'),
      'sub/web.yml': '- name: web\n  hosts: web\n  tasks:\n    - import_tasks: t.yml\n',
      'sub/t.yml': '- sysrc: {name: a}\n',
    });
    expect(pb.plays.map((p) => p.name)).toEqual(['web', 'last']);
    expect(pb.plays[0]!.tasks[0]!.args).toEqual({ name: 'a' });
  });

  it('a missing playbook and a cycle are input errors at the import', () => {
    expect(loadErr({ 'site.yml': '- import_playbook: gone.yml\n' })).toMatch(/site\.yml:1:3: import_playbook .*\/gone\.yml: no such file$/);
    expect(loadErr({ 'site.yml': '- import_playbook: b.yml\n', 'b.yml': '- import_playbook: site.yml\n' })).toMatch(
      /\/b\.yml:1:3: import_playbook .*: import cycle \(site\.yml -> b\.yml -> site\.yml\)$/,
    );
  });
});
