import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadPlaybook, parsePlaybook, readPlaybook } from '../../src/playbook/load-playbook.js';
import { FIXTURES, inputErrorOf } from '../inventory/helpers.js';
import { fakeModules } from './fake-modules.js';

const REBIND = `${FIXTURES}/playbooks/rebind.yml`;

/** The error for a playbook given as lines (line numbers in tests = index + 1). */
const err = (...lines: string[]): string => inputErrorOf(() => parsePlaybook(lines.join('\n'), 'pb.yml', fakeModules));

describe('loadPlaybook: a valid playbook', () => {
  const pb = loadPlaybook(REBIND, fakeModules);
  const [play, second] = pb.plays;

  it('reads play keys', () => {
    expect(pb.plays).toHaveLength(2);
    expect(play).toMatchObject({
      name: 'Rebind host daemons',
      hosts: 'web:!web3',
      serial: [1, '50%'],
      maxFailPercentage: 20,
      anyErrorsFatal: true,
      strategy: 'free',
      become: 'doas',
      vars: { jail_ip: '{{ ssh_host }}', daemons: ['syslogd', 'inetd'] },
      pos: { file: REBIND, line: 2, col: 3 },
    });
    expect(second).toMatchObject({ name: 'db', hosts: 'db', anyErrorsFatal: false, vars: {} });
    expect(second?.serial).toBeUndefined();
  });

  it('reads a task with its module, arguments and their positions', () => {
    expect(play?.tasks[0]).toMatchObject({
      name: 'syslogd listens nowhere',
      module: 'sysrc',
      args: { name: 'syslogd_flags', value: '-ss' },
      argPos: { name: { file: REBIND, line: 16, col: 15 }, value: { file: REBIND, line: 17, col: 16 } },
      notify: ['restart syslogd'],
      tags: ['rebind', 'syslog'],
      loopVar: 'item',
      ignoreErrors: false,
      pos: { file: REBIND, line: 14, col: 7 },
      path: 'tasks[0]',
    });
    expect(play?.tasks[0]?.keyPos?.sysrc).toEqual({ file: REBIND, line: 15, col: 7 });
  });

  it('reads loop, loop_control, when and register', () => {
    expect(play?.tasks[1]).toMatchObject({
      loop: '{{ daemons }}',
      loopVar: 'name',
      when: "role == 'web' and jail_ip is defined",
      register: 'enabled',
      extra: { loop_label: 'daemon' },
    });
  });

  it('names an unnamed task after its module and keeps the extra keys, booleans as words', () => {
    expect(play?.tasks[2]).toMatchObject({
      name: 'sysctl',
      ignoreErrors: true,
      vars: { note: 'set by test' },
      extra: {
        retries: 3,
        delay: 2,
        until: 'enabled is succeeded',
        changed_when: 'false',
        failed_when: ['enabled is failed', 'not enabled.changed'],
      },
    });
  });

  it('reads handlers with listen as a list', () => {
    expect(play?.handlers[0]).toMatchObject({ name: 'restart syslogd', module: 'service', extra: { listen: ['syslog changed'] }, path: 'handlers[0]' });
    expect(second?.tasks[0]?.notify).toEqual(['syslog changed']);
  });

  it('accepts templated values where the schema wants another type', () => {
    expect(() =>
      parsePlaybook(
        '- hosts: all\n  tasks:\n    - copy: {dest: /x, content: "{{ c }}", mode: "{{ m }}", backup: "{{ b }}"}\n    - service: {name: x, enabled: "{{ on }}"}\n',
        'pb.yml',
        fakeModules,
      ),
    ).not.toThrow();
  });

  it('accepts a list for hosts, a single serial, empty keys and when: true', () => {
    const pb2 = parsePlaybook('- hosts: [web, db]\n  serial: 30%\n  vars:\n  handlers:\n  tasks:\n    - sysrc: {name: a}\n      when: true\n      notify:\n', 'pb.yml', fakeModules);
    expect(pb2.plays[0]).toMatchObject({ hosts: 'web:db', serial: ['30%'], vars: {}, handlers: [] });
    expect(pb2.plays[0]?.tasks[0]).toMatchObject({ when: 'true', notify: [] });
  });
});

describe('playbook errors: file:line:col: message', () => {
  it('reports an unknown task key with the allowed keys', () => {
    expect(err('- hosts: all', '  tasks:', '    - name: x', '      whenn: a', '      sysrc: {name: a}')).toBe(
      'pb.yml:4:7: tasks[0]: unknown key "whenn"; expected one of name, when, notify, tags, register, loop, loop_control, vars, ignore_errors, retries, delay, until, changed_when, failed_when, and one module',
    );
  });

  it('reports two module keys at the second', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      copy: {dest: /x, content: y}')).toBe(
      'pb.yml:4:7: tasks[0]: more than one module in a task ("sysrc" and "copy"); use one task per module',
    );
  });

  it('reports a task without a module', () => {
    expect(err('- hosts: all', '  tasks:', '    - name: nothing')).toBe(
      'pb.yml:3:7: tasks[0]: no module in task (known: command, copy, service, sysctl, sysrc)',
    );
  });

  it('reports an unknown module at its key', () => {
    expect(err('- hosts: all', '  tasks:', '    - name: x', '      template: ls')).toBe(
      'pb.yml:4:7: tasks[0]: unknown module "template" (known: command, copy, service, sysctl, sysrc)',
    );
  });

  it('reports play-level schema problems', () => {
    expect(err('- hosts: all', '  serial: "abc"')).toBe('pb.yml:2:11: serial: expected a percentage like "30%", got "abc"');
    expect(err('- hosts: all', '  serial: {a: 1}')).toBe(
      'pb.yml:2:11: serial: expected a number, a percentage like "30%", or a list of those, got map',
    );
    expect(err('- hosts: all', '  serial: [1, 0]')).toBe('pb.yml:2:15: serial[1]: expected a number >= 1, got 0');
    expect(err('- hosts: all', '  max_fail_percentage: 120')).toBe('pb.yml:2:24: max_fail_percentage: expected a number <= 100, got 120');
    expect(err('- hosts: all', '  strategy: fast')).toBe('pb.yml:2:13: strategy: expected one of "linear", "free", got "fast"');
    expect(err('- name: x', '  tasks: []')).toBe('pb.yml:1:3: missing required key "hosts"');
    expect(err('- hosts: all', '  vars_prompt: []')).toBe(
      'pb.yml:2:3: unknown key "vars_prompt"; expected one of name, hosts, vars, serial, max_fail_percentage, any_errors_fatal, force_handlers, strategy, tasks, pre_tasks, post_tasks, handlers, roles, gather_facts, become',
    );
  });

  it('reports task-key type problems', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      tags: {a: 1}')).toBe('pb.yml:4:13: tasks[0].tags: expected string or list, got map');
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      register: 1x')).toBe(
      'pb.yml:4:17: tasks[0].register: expected a variable name (letters, digits and _), got "1x"',
    );
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      loop: nope')).toBe(
      'pb.yml:4:13: tasks[0].loop: expected a list or a "{{ }}" template, got "nope"',
    );
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      loop_control: {loop_vr: x}')).toBe(
      'pb.yml:4:22: tasks[0].loop_control: unknown key "loop_vr"; expected one of loop_var, label',
    );
  });

  it('reports a wrong argument type at the argument', () => {
    expect(err('- hosts: all', '  tasks:', '    - copy:', '        dest: /x', '        content: y', '        mode: [1, 2]')).toBe(
      'pb.yml:6:15: tasks[0].copy.mode: expected string or number, got list',
    );
  });

  it('reports a missing required argument at the module key', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc:', '        value: "YES"')).toBe('pb.yml:3:7: tasks[0].sysrc: missing required key "name"');
  });

  it('reports an unknown argument with the module\'s arguments, or the one it most likely meant', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc:', '        colour: x', '        name: y')).toBe(
      'pb.yml:4:9: tasks[0].sysrc: unknown key "colour"; expected one of name, value, state, path, jail, delim',
    );
    expect(err('- hosts: all', '  tasks:', '    - sysrc:', '        nmae: x', '        name: y')).toBe('pb.yml:4:9: tasks[0].sysrc: unknown key "nmae" (did you mean "name"?)');
  });

  it('reports a value outside an enum', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc:', '        name: x', '        state: gone')).toBe(
      'pb.yml:5:16: tasks[0].sysrc.state: expected one of "present", "absent", "value_present", "value_absent", got "gone"',
    );
  });

  it('reports a module rule about the whole argument map, unless a template could satisfy it', () => {
    expect(err('- hosts: all', '  tasks:', '    - copy:', '        dest: /x')).toBe('pb.yml:3:7: tasks[0].copy: copy needs exactly one of content or src');
    expect(() => parsePlaybook('- hosts: all\n  tasks:\n    - copy: {dest: "{{ d }}", content: "{{ c }}", src: "{{ s }}"}\n', 'pb.yml', fakeModules)).not.toThrow();
  });

  it('still reports a type error beside a templated value', () => {
    expect(err('- hosts: all', '  tasks:', '    - copy: {dest: "{{ d }}", content: x, backup: [1]}')).toBe(
      'pb.yml:3:51: tasks[0].copy.backup: expected boolean, got list',
    );
  });

  it('reports arguments that are not a map', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc: name=a')).toBe('pb.yml:3:14: tasks[0].sysrc: expected a map of arguments, got string');
  });

  it('reports template syntax errors at the string', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc:', '        name: "{{ a | frob }}"')).toMatch(
      /^pb\.yml:4:15: tasks\[0\]\.sysrc\.name: unknown filter "frob" \(known: abs, b64decode, .*, upper\)$/,
    );
    expect(err('- hosts: all', '  vars:', '    a: [x, "{{ b"]', '  tasks: []')).toBe('pb.yml:3:12: vars.a[1]: unclosed "{{" in "{{ b"');
  });

  it('reports condition syntax errors at the condition', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      when: x ==')).toBe(
      'pb.yml:4:13: tasks[0].when: expected a value but found end of expression in "x =="',
    );
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      changed_when: [a, "b c"]')).toBe(
      'pb.yml:4:25: tasks[0].changed_when[1]: expected an operator but found "c" in "b c"',
    );
  });

  it('reports a notify that names no handler', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      notify: [ok, nope]', '  handlers:', '    - name: ok', '      service: {name: x}')).toBe(
      'pb.yml:4:20: tasks[0].notify: no handler named "nope" (handlers: "ok")',
    );
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a}', '      notify: nope')).toBe(
      'pb.yml:4:15: tasks[0].notify: no handler named "nope" (this play has no handlers)',
    );
  });

  it('reports broken YAML with the parser position', () => {
    expect(err('- hosts: all', '  tasks:', '    - sysrc: {name: a', '')).toBe(
      'pb.yml:4:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
    );
  });

  it('reports a playbook that is not a list of plays', () => {
    expect(err('hosts: all')).toBe('pb.yml:1:1: a playbook must be a list of plays, got map');
    expect(err('- just a string')).toBe('pb.yml:1:3: play 1: expected a map with hosts and tasks, got string');
  });
});

describe('readPlaybook', () => {
  it('collects every problem, and keeps the plays that had none', () => {
    const { playbook, problems } = readPlaybook(
      ['- hosts: all', '  tasks:', '    - template: ls', '    - sysrc: {}', '- hosts: db', '  tasks: []'].join('\n'),
      'pb.yml',
      fakeModules,
    );
    expect(problems.every((p) => p instanceof InputError)).toBe(true);
    expect(problems.map((p) => p.message)).toEqual([
      'pb.yml:3:7: tasks[0]: unknown module "template" (known: command, copy, service, sysctl, sysrc)',
      'pb.yml:4:7: tasks[1].sysrc: missing required key "name"',
    ]);
    expect(playbook.plays.map((p) => p.hosts)).toEqual(['db']);
  });

  it('reports a missing file without a position', () => {
    expect(inputErrorOf(() => loadPlaybook('/nonexistent/pb.yml', fakeModules))).toBe('cannot read playbook /nonexistent/pb.yml: no such file');
  });
});
