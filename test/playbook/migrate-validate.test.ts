/**
 * A play of migrate tasks is run by the engine as moves (issue 13): a play
 * mixing migrate with other tasks, or naming a source host the inventory
 * does not have, is bad input — named by file and line, before anything is
 * sent to a host.
 */
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../src/inventory/load-inventory.js';
import { parsePlaybook } from '../../src/playbook/load-playbook.js';
import { validatePlaybook } from '../../src/playbook/validate.js';
import { moduleRegistry } from '../../src/modules/registry.js';

const inv = parseInventory('all:\n  hosts: {old1: , new1: }\n', 'i.yml');
const check = (yaml: string): string[] => validatePlaybook(parsePlaybook(yaml, 'pb.yml', moduleRegistry), inv, moduleRegistry).map((e) => e.message);

describe('plays with migrate tasks', () => {
  it('accepts a play of migrate tasks', () => {
    expect(check('- hosts: new1\n  tasks:\n    - migrate: {jail: www, from: old1, name: www-old1}\n')).toEqual([]);
  });

  it('refuses another task in the same play, naming it and its line', () => {
    expect(check('- hosts: new1\n  tasks:\n    - migrate: {jail: www, from: old1, name: w2}\n    - name: motd\n      copy: {dest: /etc/motd, content: hi}\n')).toEqual([
      'pb.yml:4:7: a play with migrate tasks may hold nothing else: put "motd" in a play of its own (host new1)',
    ]);
  });

  it('refuses a source host the inventory does not have, and bad arguments', () => {
    expect(check('- hosts: new1\n  tasks:\n    - migrate: {jail: www, from: old9}\n')).toEqual(['pb.yml:3:34: migrate from: no host "old9" in the inventory (host new1)']);
    // Literal arguments are checked as the playbook is read.
    expect(() => check('- hosts: new1\n  tasks:\n    - migrate: {jail: www, from: old1, ip: "10.0.0.1/33"}\n')).toThrow(
      'pb.yml:3:44: tasks[0].migrate.ip: expected "keep", "takeover" or "iface|a.b.c.d/len", got "10.0.0.1/33"',
    );
  });

  it('a machine move needs its name, release and paths, and takes no jail', () => {
    expect(check('- hosts: new1\n  tasks:\n    - migrate: {machine: true, from: old1, name: old1, release: 14.2-RELEASE, paths: [/home]}\n')).toEqual([]);
    expect(() => check('- hosts: new1\n  tasks:\n    - migrate: {machine: true, from: old1}\n')).toThrow(
      /tasks\[0\]\.migrate\.name: expected the name of the jail the machine becomes \(name:\)/,
    );
    expect(() => check('- hosts: new1\n  tasks:\n    - migrate: {machine: true, from: old1, name: o, release: 14.2-RELEASE, paths: []}\n')).toThrow(
      /tasks\[0\]\.migrate\.paths: expected the directories of the source to copy into the jail \(paths:\)/,
    );
    expect(() => check('- hosts: new1\n  tasks:\n    - migrate: {from: old1}\n')).toThrow(/tasks\[0\]\.migrate\.jail: expected the name of the jail to move \(jail:\), or machine: true/);
    expect(() => check('- hosts: new1\n  tasks:\n    - migrate: {jail: www, from: old1, ip: takeover}\n')).toThrow(/migrate\.ip: "takeover" is for a machine move/);
  });
});
