import { it } from "vitest";
import { loadPlaybook, parsePlaybook, readPlaybook } from '../../src/playbook/load-playbook.js';
import { fakeModules } from './fake-modules.js';
it("x", () => {
  const pb = loadPlaybook('test/fixtures/input/playbooks/rebind.yml', fakeModules);
  console.log(JSON.stringify(pb, null, 1).slice(0, 6000));
  const cases = [
    '- hosts: all\n  tasks:\n    - name: x\n      whenn: a\n      sysrc: {name: a}\n',
    '- hosts: all\n  tasks:\n    - sysrc: {name: a}\n      copy: {dest: /x, content: y}\n',
    '- hosts: all\n  tasks:\n    - name: nothing\n',
    '- hosts: all\n  tasks:\n    - name: x\n      shell: ls\n',
    '- hosts: all\n  serial: "abc"\n  tasks: []\n',
    '- hosts: all\n  serial: {a: 1}\n',
    '- name: x\n  tasks: []\n',
    '- hosts: all\n  pre_tasks: []\n',
    '- hosts: all\n  tasks:\n    - sysrc: {name: a}\n      tags: {a: 1}\n',
    '- hosts: all\n  tasks:\n    - copy:\n        dest: /x\n        content: y\n        mode: [1, 2]\n',
    '- hosts: all\n  tasks:\n    - sysrc:\n        value: "YES"\n',
    '- hosts: all\n  tasks:\n    - sysrc:\n        nmae: x\n        name: y\n',
    '- hosts: all\n  tasks:\n    - sysrc:\n        name: x\n        state: gone\n',
    '- hosts: all\n  tasks:\n    - copy:\n        dest: /x\n',
    '- hosts: all\n  tasks:\n    - copy:\n        dest: /x\n        content: "{{ c }}"\n        mode: "{{ m }}"\n        backup: "{{ b }}"\n',
    '- hosts: all\n  tasks:\n    - sysrc:\n        name: "{{ a | frob }}"\n',
    '- hosts: all\n  tasks:\n    - sysrc: {name: a}\n      when: x ==\n',
    '- hosts: all\n  tasks:\n    - sysrc: {name: a}\n      when: [a, "b c"]\n',
    '- hosts: all\n  tasks:\n    - sysrc: {name: a}\n      notify: [nope]\n  handlers:\n    - name: restart\n      service: {name: x}\n',
    '- hosts: all\n  tasks:\n    - sysrc: {name: a\n',
    'hosts: all\n',
    '- hosts: all\n  tasks:\n    - sysrc: name=a\n',
    '- hosts: all\n  tasks:\n    - sysrc:\n        name: a\n      register: 1x\n',
    '- hosts: all\n  tasks:\n    - sysrc:\n        name: a\n      loop: nope\n',
    '- hosts: all\n  tasks:\n    - foo: {}\n      bar: {}\n',
  ];
  for (const c of cases) { const r = readPlaybook(c, 'pb.yml', fakeModules); console.log('---\n' + c + '=> ' + r.problems.map(String).join('\n   ')); }
});
