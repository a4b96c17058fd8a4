/**
 * Roles (Ansible's "Roles" guide): roles/NAME/{tasks,handlers,defaults,vars}/main.yml
 * beside the playbook; `roles:` on a play runs the roles' tasks before the
 * play's own; import_role/include_role as a task; tasks show as "ROLE : TASK".
 * Variable order (Ansible's precedence, lowest first): role defaults,
 * inventory, play vars, role vars, registered, task vars, role params, extra vars.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { playVars as planVars } from '../../src/engine/host-planner.js';
import type { PlannerContext } from '../../src/engine/host-planner.js';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import { inputErrorOf } from '../inventory/helpers.js';
import { fakeModules } from './fake-modules.js';
import { writeTree, type Tree } from './tree.js';

let tree: Tree | undefined;
afterEach(() => tree?.cleanup());

const WEB_ROLE = {
  'roles/web/tasks/main.yml': ['- name: set port', '  sysrc: {name: port, value: "{{ port }}"}', '  notify: restart web', '- import_tasks: extra.yml'].join('\n'),
  'roles/web/tasks/extra.yml': '- copy: {src: motd, dest: /etc/motd}\n',
  'roles/web/handlers/main.yml': '- name: restart web\n  service: {name: web, state: restarted}\n',
  'roles/web/defaults/main.yml': 'port: "80"\nlevel: default\nonly_default: d\n',
  'roles/web/vars/main.yml': 'level: role\n',
  'roles/web/files/motd': 'hi\n',
};

const load = (files: Record<string, string>) => {
  tree = writeTree(files);
  return loadPlaybook(tree.path('site.yml'), fakeModules);
};
const loadErr = (files: Record<string, string>): string => {
  tree = writeTree(files);
  const t = tree;
  return inputErrorOf(() => loadPlaybook(t.path('site.yml'), fakeModules));
};

describe('roles: on a play', () => {
  it('runs the role\'s tasks before the play\'s, named "ROLE : TASK", with its handlers, vars and dir', () => {
    const pb = load({
      ...WEB_ROLE,
      'site.yml': ['- hosts: all', '  vars: {level: play}', '  roles: [web]', '  tasks:', '    - name: own', '      sysrc: {name: own}', '      notify: restart web'].join('\n'),
    });
    const play = pb.plays[0]!;
    expect(play.tasks.map((t) => t.name)).toEqual(['web : set port', 'web : copy', 'own']);
    expect(play.tasks[0]!.roleDir).toBe(`${tree!.dir}/roles/web`);
    expect(play.tasks[1]!.roleDir).toBe(`${tree!.dir}/roles/web`);
    expect(play.tasks[2]!.roleDir).toBeUndefined();
    // The handler shows as "web : restart web" and still answers to its plain name.
    expect(play.handlers.map((h) => [h.name, h.extra.listen])).toEqual([['web : restart web', ['restart web']]]);
    expect(play.roleDefaults).toEqual({ port: '80', level: 'default', only_default: 'd' });
    expect(play.roleVars).toEqual({ level: 'role' });
    expect(play.tasks[0]!.pos).toEqual({ file: `${tree!.dir}/roles/web/tasks/main.yml`, line: 1, col: 3 });
  });

  it('role params ({role, vars}) go to each role task above its own vars; when and tags apply to each', () => {
    const pb = load({
      ...WEB_ROLE,
      'roles/web/tasks/main.yml': '- sysrc: {name: a}\n  vars: {port: "1", keep: k}\n',
      'site.yml': ['- hosts: all', '  roles:', '    - role: web', '      vars: {port: "8080"}', '      when: ok', '      tags: [web]'].join('\n'),
    });
    expect(pb.plays[0]!.tasks[0]).toMatchObject({ name: 'web : sysrc', vars: { port: '8080', keep: 'k' }, when: 'ok', tags: ['web'] });
  });

  it('ranks variables as Ansible does: defaults < inventory < play vars < role vars < registered < extra vars', () => {
    const pb = load({ ...WEB_ROLE, 'site.yml': '- hosts: all\n  vars: {level: play, port: "81"}\n  roles: [web]\n' });
    const play = pb.plays[0]!;
    const ctx = {
      host: { name: 'h1', vars: { level: 'inventory', only_default: 'inventory', port: '82' }, groups: ['all'] },
      play,
      registered: {},
      extraVars: {},
      magic: {},
    } as unknown as PlannerContext;
    expect(planVars(ctx)).toMatchObject({ level: 'role', port: '81', only_default: 'inventory' });
    const bare = { ...ctx, host: { name: 'h1', vars: {}, groups: ['all'] } } as unknown as PlannerContext;
    expect(planVars(bare)).toMatchObject({ only_default: 'd' });
    const extra = { ...ctx, registered: { level: 'registered' }, extraVars: { port: 'extra' } } as unknown as PlannerContext;
    expect(planVars(extra)).toMatchObject({ level: 'registered', port: 'extra' });
  });

  it('a role used twice adds its handlers once', () => {
    const pb = load({ ...WEB_ROLE, 'site.yml': '- hosts: all\n  roles: [web, web]\n' });
    expect(pb.plays[0]!.tasks).toHaveLength(4);
    expect(pb.plays[0]!.handlers).toHaveLength(1);
  });
});

describe('import_role / include_role as a task', () => {
  it('splices the role\'s tasks in place with the task\'s when, tags and vars (as role params)', () => {
    const pb = load({
      ...WEB_ROLE,
      'site.yml': ['- hosts: all', '  tasks:', '    - sysrc: {name: first}', '    - include_role: {name: web}', '      when: go', '      vars: {port: "9"}'].join('\n'),
    });
    const play = pb.plays[0]!;
    expect(play.tasks.map((t) => t.name)).toEqual(['sysrc', 'web : set port', 'web : copy']);
    expect(play.tasks[1]).toMatchObject({ when: 'go', vars: { port: '9' } });
    expect(play.handlers.map((h) => h.name)).toEqual(['web : restart web']);
  });
});

describe('role errors: file:line:col, exit 4', () => {
  it('a missing role names the line that uses it and the paths looked for', () => {
    const msg = loadErr({ 'site.yml': '- hosts: all\n  tasks:\n    - import_role: {name: nope}\n' });
    expect(msg).toBe(`${tree!.path('site.yml')}:3:7: role "nope" not found (looked for ${tree!.dir}/roles/nope)`);
  });

  it('a role without tasks/main.yml is an error naming the file looked for', () => {
    const msg = loadErr({ 'roles/empty/defaults/main.yml': 'a: 1\n', 'site.yml': '- hosts: all\n  roles: [empty]\n' });
    expect(msg).toBe(`${tree!.path('site.yml')}:2:11: role "empty": ${tree!.dir}/roles/empty/tasks/main.yml: no such file`);
  });

  it('an error inside a role file is placed in that file', () => {
    const msg = loadErr({ 'roles/r/tasks/main.yml': '- sysrc: {name: a}\n- nosuchmodule: {}\n', 'site.yml': '- hosts: all\n  roles: [r]\n' });
    expect(msg).toMatch(new RegExp(`^${tree!.dir}/roles/r/tasks/main\\.yml:2:3: \\[1\\]: unknown module "nosuchmodule"`));
  });

  it('a vars file that is not a map is an error at its root', () => {
    const msg = loadErr({ 'roles/r/tasks/main.yml': '[]\n', 'roles/r/vars/main.yml': '- a\n', 'site.yml': '- hosts: all\n  roles: [r]\n' });
    expect(msg).toBe(`${tree!.dir}/roles/r/vars/main.yml:1:1: a vars file must be a map of variables, got list`);
  });

  it('a role that imports itself is a cycle', () => {
    const msg = loadErr({ 'roles/r/tasks/main.yml': '- import_role: {name: r}\n', 'site.yml': '- hosts: all\n  roles: [r]\n' });
    expect(msg).toMatch(/roles\/r\/tasks\/main\.yml:1:3: role "r": .*: import cycle \(roles\/r\/tasks\/main\.yml -> roles\/r\/tasks\/main\.yml\)$/);
  });

  it('a bad roles: entry is a schema error at its position', () => {
    const msg = loadErr({ 'site.yml': '- hosts: all\n  roles:\n    - {role: web, params: 1}\n' });
    expect(msg).toMatch(/site\.yml:3:19: roles\[0\]: unknown key "params"$/);
  });
});
