import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/errors.js';
import { loadInventory, parseInventory } from '../../src/inventory/load-inventory.js';
import { loadPlaybook, parsePlaybook } from '../../src/playbook/load-playbook.js';
import type { TaskDef } from '../../src/playbook/types.js';
import { renderTaskArgs, validatePlaybook } from '../../src/playbook/validate.js';
import { FIXTURES, inputErrorOf } from '../inventory/helpers.js';
import { fakeModules } from './fake-modules.js';

const PB = `${FIXTURES}/playbooks/validate-fleet.yml`;

describe('validatePlaybook', () => {
  const inv = loadInventory(`${FIXTURES}/inventory/fleet.yml`);
  const errors = validatePlaybook(loadPlaybook(PB, fakeModules), inv, fakeModules);

  it('renders each task for each matched host and reports problems once, in file order, naming the hosts', () => {
    expect(errors.every((e) => e instanceof InputError)).toBe(true);
    expect(errors.map((e) => e.message)).toEqual([
      `${PB}:14:16: tasks[1].sysrc.value: undefined variable "ssh_host" (hosts web2, web3)`,
      `${PB}:27:16: tasks[4].sysctl.value: expected string or number, got list in loop item 2 (hosts web1, web2, web3)`,
      `${PB}:34:18: tasks[5].service.enabled: expected boolean, got string (hosts web1, web2, web3)`,
      `${PB}:37:7: tasks[6].when: undefined variable "nope" (hosts web1, web2, web3)`,
      `${PB}:40:7: tasks[7].loop: expected a list, got string (hosts web1, web2, web3)`,
    ]);
  });

  it('shortens long host lists', () => {
    const inv2 = parseInventory('all:\n  hosts: {a: , b: , c: , d: , e: }\n', 'i.yml');
    const pb = parsePlaybook('- hosts: all\n  tasks:\n    - sysrc: {name: "{{ x }}"}\n', 'pb.yml', fakeModules);
    expect(validatePlaybook(pb, inv2, fakeModules).map((e) => e.message)).toEqual([
      'pb.yml:3:21: tasks[0].sysrc.name: undefined variable "x" (hosts a, b, c and 2 more)',
    ]);
  });

  it('lets task vars and play vars override inventory vars, and knows playbook_dir', () => {
    const inv2 = parseInventory('all:\n  hosts: {h: {v: [1]}}\n', 'i.yml');
    const pb = parsePlaybook(
      '- hosts: all\n  vars: {v: ok}\n  tasks:\n    - sysrc: {name: "{{ v }}", path: "{{ playbook_dir }}/rc.conf"}\n    - sysrc: {name: "{{ w }}"}\n      vars: {w: fine}\n',
      '/srv/pb.yml',
      fakeModules,
    );
    expect(validatePlaybook(pb, inv2, fakeModules)).toEqual([]);
  });

  it('treats registered results, their loops and run-time variables as known only at run time', () => {
    const inv2 = parseInventory('all:\n  hosts: {h: }\n', 'i.yml');
    const pb = parsePlaybook(
      [
        '- hosts: all',
        '  tasks:',
        '    - command: {cmd: ls}',
        '      register: listing',
        '    - sysrc: {name: "{{ item }}"}',
        '      loop: "{{ listing.lines }}"',
        '    - sysrc: {name: "{{ extra }}"}',
        '      when: listing is changed',
        '    - sysrc: {name: "x", value: "{{ jailfleet_check_mode }}"}',
      ].join('\n'),
      'pb.yml',
      fakeModules,
    );
    expect(validatePlaybook(pb, inv2, fakeModules)).toEqual([]);
  });

  it('still reports an undefined variable when the condition can be decided and holds', () => {
    const inv2 = parseInventory('all:\n  hosts: {h: {on: true}}\n', 'i.yml');
    const pb = parsePlaybook('- hosts: all\n  tasks:\n    - sysrc: {name: "{{ extra }}"}\n      when: on\n', 'pb.yml', fakeModules);
    expect(validatePlaybook(pb, inv2, fakeModules).map((e) => e.message)).toEqual([
      'pb.yml:3:21: tasks[0].sysrc.name: undefined variable "extra" (host h)',
    ]);
  });

  it('reports nothing for a play whose pattern matches no host', () => {
    const pb = parsePlaybook('- hosts: nosuch\n  tasks:\n    - sysrc: {name: "{{ x }}"}\n', 'pb.yml', fakeModules);
    expect(validatePlaybook(pb, inv, fakeModules)).toEqual([]);
  });
});

describe('renderTaskArgs', () => {
  const [play] = parsePlaybook(
    '- hosts: all\n  tasks:\n    - sysrc:\n        name: "{{ svc }}_enable"\n        value: "{{ on }}"\n',
    'pb.yml',
    fakeModules,
  ).plays;
  const task = play?.tasks[0] as TaskDef;
  const schema = fakeModules.get('sysrc')?.schema ?? z.never();

  it('returns the parsed arguments, with schema defaults', () => {
    expect(renderTaskArgs(task, { svc: 'sshd', on: 'YES' }, schema)).toEqual({
      name: 'sshd_enable',
      value: 'YES',
      state: 'present',
      path: '/etc/rc.conf',
    });
  });

  it('throws an undefined variable at the argument', () => {
    expect(inputErrorOf(() => renderTaskArgs(task, { on: 'YES' }, schema))).toBe(
      'pb.yml:4:15: tasks[0].sysrc.name: undefined variable "svc"',
    );
  });

  it('throws a schema problem of the rendered value at the argument', () => {
    expect(inputErrorOf(() => renderTaskArgs(task, { svc: 'sshd', on: true }, schema))).toBe(
      'pb.yml:5:16: tasks[0].sysrc.value: expected string, got boolean',
    );
  });
});

describe('omit', () => {
  // Ansible's special variable: an argument that renders to `omit` is left out.
  const task = (args: Record<string, unknown>): TaskDef => ({ name: 't', module: 'm', args, argPos: {}, notify: [], tags: [], loopVar: 'item', vars: {}, ignoreErrors: false, extra: {}, pos: { file: 'pb.yml', line: 1, col: 1 } });
  const schema = z.strictObject({ name: z.string(), dataset: z.string().optional() });

  it('leaves out an argument that renders to omit, and keeps it when it has a value', () => {
    const args = { name: 'www', dataset: '{{ jail_dataset | default(omit) }}' };
    expect(renderTaskArgs(task(args), {}, schema)).toEqual({ name: 'www' });
    expect(renderTaskArgs(task(args), { jail_dataset: 'zroot/jails/www' }, schema)).toEqual({ name: 'www', dataset: 'zroot/jails/www' });
  });

  it('is an ordinary variable when the play defines one named omit', () => {
    expect(renderTaskArgs(task({ name: '{{ omit }}' }), { omit: 'mine' }, schema)).toEqual({ name: 'mine' });
  });
});
