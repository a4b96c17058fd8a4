/**
 * groups and hostvars, as Ansible's special variables documentation gives
 * them (https://docs.ansible.com/ansible/latest/reference_appendices/special_variables.html):
 * groups maps every group, "all" and "ungrouped" included, to its host
 * names; hostvars maps a host name to that host's variables.
 */
import { describe, expect, it } from 'vitest';
import { playVars as plannerVars } from '../../src/engine/host-planner.js';
import { InputError } from '../../src/errors.js';
import { parseInventory } from '../../src/inventory/load-inventory.js';
import { parsePlaybook } from '../../src/playbook/load-playbook.js';
import { magicVars } from '../../src/playbook/magic-vars.js';
import { evaluateWhen, render } from '../../src/playbook/template.js';
import { TemplateError } from '../../src/playbook/template-error.js';
import { playVars, validatePlaybook } from '../../src/playbook/validate.js';
import { fakeModules } from './fake-modules.js';

const INVENTORY = `
all:
  vars:
    net: 10.0.0
  hosts:
    bastion: {ip: "{{ net }}.1"}
  children:
    web:
      hosts:
        web1: {ip: "{{ net }}.11", port: 8080}
        web2: {ip: "{{ net }}.12"}
    db:
      hosts:
        db1: {ip: "{{ net }}.21", peer: "{{ hostvars['web1'].ip }}", broken: "{{ nope }}"}
    backend:
      children:
        db: {}
`;

const inv = parseInventory(INVENTORY, 'inv.yml');
const pb = parsePlaybook('- hosts: all\n  tasks: []\n', '/srv/pb.yml', fakeModules);
const magic = magicVars(inv);
const varsOf = (host: string): Record<string, unknown> => playVars(pb, pb.plays[0]!, inv.hosts.get(host)!, magic);
const r = (template: string, host = 'web1'): unknown => render(template, varsOf(host));

describe('groups', () => {
  it('maps every group, all and ungrouped included, to its hosts in inventory order', () => {
    expect(r('{{ groups }}')).toEqual({
      all: ['bastion', 'web1', 'web2', 'db1'],
      ungrouped: ['bastion'],
      web: ['web1', 'web2'],
      db: ['db1'],
      backend: ['db1'],
    });
    expect(r("{{ groups['web'] | join(',') }}")).toBe('web1,web2');
    expect(r('{{ groups.backend }}')).toEqual(['db1']);
    expect(r('{{ groups.all | length }}')).toBe(4);
  });

  it('is the same object for every host (built once)', () => {
    expect(varsOf('web1').groups).toBe(varsOf('db1').groups);
    expect(varsOf('web1').hostvars).toBe(varsOf('db1').hostvars);
  });
});

describe('hostvars', () => {
  it("gives another host's variables, rendered with that host's own", () => {
    expect(r("{{ hostvars['db1'].ip }}")).toBe('10.0.0.21');
    expect(r("{{ hostvars['web2']['ip'] }}")).toBe('10.0.0.12');
    expect(r("{{ hostvars['db1'].peer }}", 'web2')).toBe('10.0.0.11');
    expect(r("{{ hostvars['db1'].inventory_hostname }}")).toBe('db1');
    expect(r("{{ hostvars['db1'].group_names }}")).toEqual(['backend', 'db']);
    expect(r("{{ hostvars['web1'].port }}", 'db1')).toBe(8080);
  });

  it('works with the usual idioms: extract, dict2items, in', () => {
    expect(r("{{ groups['web'] | map('extract', hostvars, 'ip') | list }}")).toEqual(['10.0.0.11', '10.0.0.12']);
    expect(evaluateWhen("'web2' in hostvars and hostvars['web1'].port is defined", varsOf('bastion'))).toBe(true);
    expect(evaluateWhen("hostvars['web2'].port is undefined", varsOf('bastion'))).toBe(true);
    expect(r("{{ hostvars['web1'] | dict2items | selectattr('key', 'equalto', 'ip') | map(attribute='value') | first }}")).toBe('10.0.0.11');
  });

  it('reads out as plain data when a whole host is rendered', () => {
    const web1 = r("{{ hostvars['web1'] }}") as Record<string, unknown>;
    expect(web1).toEqual({ net: '10.0.0', ip: '10.0.0.11', port: 8080, inventory_hostname: 'web1', group_names: ['web'] });
    expect(Object.keys(web1)).not.toContain('hostvars');
  });

  it('renders nothing it is not asked for: a broken variable of another host matters only when read', () => {
    expect(r("{{ hostvars['db1'].ip }}")).toBe('10.0.0.21');
    let e: unknown;
    try {
      r("{{ hostvars['db1'].broken }}");
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(TemplateError);
    expect((e as TemplateError).message).toBe(`hostvars['db1'].broken: undefined variable "nope"`);
  });

  it('names an unknown host or variable as undefined', () => {
    expect(evaluateWhen("hostvars['nosuch'] is undefined", varsOf('web1'))).toBe(true);
    expect(() => r("{{ hostvars['nosuch'].ip }}")).toThrow(`undefined variable "hostvars['nosuch']"`);
    expect(() => r("{{ hostvars['web1'].nope }}")).toThrow(`undefined variable "hostvars['web1'].nope"`);
  });

  it('is read-only and reaches no prototype', () => {
    const hv = varsOf('web1').hostvars as Record<string, unknown>;
    expect(() => {
      hv.web1 = {};
    }).toThrow(TypeError);
    expect(() => r("{{ hostvars['constructor'] }}")).toThrow(`undefined variable "hostvars['constructor']"`);
    expect(() => r("{{ hostvars['web1'].constructor }}")).toThrow(`undefined variable "hostvars['web1'].constructor"`);
  });

  it('reports a host variable that reaches itself through hostvars', () => {
    const loop = parseInventory('all:\n  hosts:\n    a: {x: "{{ hostvars[\'a\'].x }}"}\n', 'i.yml');
    const vars = { ...loop.hosts.get('a')!.vars, ...magicVars(loop) };
    expect(() => render("{{ hostvars['a'].x }}", vars)).toThrow("hostvars['a'].x: hostvars['a'].x refers to itself");
  });

  it('costs nothing per host: a 1000-host inventory builds once and renders only what is read', () => {
    const lines = ['all:', '  vars: {net: "10.1"}', '  hosts:'];
    for (let i = 0; i < 1000; i++) lines.push(`    h${i}: {ip: "{{ net }}.${i}.1", broken: "{{ nope }}"}`);
    const big = parseInventory(lines.join('\n') + '\n', 'big.yml');
    const start = performance.now();
    const m = magicVars(big);
    const ips = [...big.hosts.values()].map((h) => render("{{ hostvars['h999'].ip }}", { ...h.vars, ...m }));
    expect(ips.every((ip) => ip === '10.1.999.1')).toBe(true);
    expect(m.groups.all).toHaveLength(1000);
    // Generous: it takes a few milliseconds; copying every host's variables per host would not.
    expect(performance.now() - start).toBeLessThan(250);
  });
});

describe('in planning and validation', () => {
  it('the planner gives every task groups and hostvars', () => {
    const host = inv.hosts.get('web1')!;
    const vars = plannerVars({ play: pb.plays[0]!, host, registered: {}, check: false, modules: { get: () => undefined }, extraVars: {}, magic });
    expect(render("{{ hostvars['db1'].ip }} {{ groups.web | length }}", vars)).toBe('10.0.0.21 2');
  });

  it('validate renders with them, and reports a bad use at the template with the hosts', () => {
    const ok = parsePlaybook(
      [
        '- hosts: web',
        '  tasks:',
        "    - sysrc: {name: db_ip, value: \"{{ hostvars[groups['db'][0]].ip }}\"}",
        "      when: inventory_hostname == groups['web'] | first",
      ].join('\n'),
      'pb.yml',
      fakeModules,
    );
    expect(validatePlaybook(ok, inv, fakeModules)).toEqual([]);
    const bad = parsePlaybook(
      ['- hosts: web', '  tasks:', "    - sysrc: {name: x, value: \"{{ groups['web'] | sort(reverse='no') | first }}\"}"].join('\n'),
      'pb.yml',
      fakeModules,
    );
    const errors = validatePlaybook(bad, inv, fakeModules);
    expect(errors.every((e) => e instanceof InputError)).toBe(true);
    expect(errors.map((e) => e.message)).toEqual([
      'pb.yml:3:31: tasks[0].sysrc.value: sort: argument "reverse" must be true or false, got string (hosts web1, web2)',
    ]);
  });

  it('an unknown filter or test is reported when the playbook is read, at its line and column', () => {
    const read = (yaml: string): string => {
      try {
        parsePlaybook(yaml, 'pb.yml', fakeModules);
      } catch (err) {
        if (err instanceof InputError) return err.message;
        throw err;
      }
      return 'no error';
    };
    expect(read('- hosts: all\n  tasks:\n    - sysrc: {name: "{{ groups.all | lenght }}"}\n')).toBe(
      'pb.yml:3:21: tasks[0].sysrc.name: unknown filter "lenght" (did you mean "length"?)',
    );
    expect(read("- hosts: all\n  tasks:\n    - sysrc: {name: x}\n      when: os is versoin('14.0', '>=')\n")).toBe(
      'pb.yml:4:13: tasks[0].when: unknown test "versoin" (did you mean "version"?)',
    );
  });
});
