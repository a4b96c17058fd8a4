/**
 * README "debug, assert, set_fact": Ansible's controller-side modules
 * (docs.ansible.com ansible.builtin.debug, .assert, .set_fact). They send
 * nothing to the host; debug prints its result as Ansible's default callback
 * does (`ok: [host] => { "msg": ... }`, JSON with a 4-space indent, "VARIABLE
 * IS NOT DEFINED!" for an undefined `var`, skipped under its `verbosity`);
 * a false assertion fails the host; set_fact's variables are seen by the
 * later tasks of the host, in later plays too. Through the CLI on a
 * simulated host: the output, the recap, the exit code, files on the host.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cli, events } from '../helpers/cli.js';
import { simFleet, type Fleet } from './fleet-fixture.js';

describe('debug, assert and set_fact', () => {
  let fleet: Fleet | undefined;
  afterEach(() => fleet?.cleanup());

  it('debug prints msg or var as Ansible does; verbosity skips it below that -v', async () => {
    fleet = simFleet(1, () => ({ colour: 'blue' }));
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [
          { name: 'say', debug: { msg: 'hello {{ inventory_hostname }}' } },
          { name: 'show', 'ansible.builtin.debug': { var: 'colour' } },
          { name: 'missing', debug: 'var=nothing_here' },
          { name: 'list', debug: { msg: ['a', 1] } },
          { name: 'loud', debug: { msg: 'only with -v', verbosity: 1 } },
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'ok: [h01] say => {\n    "msg": "hello h01"\n}',
        'ok: [h01] show => {\n    "colour": "blue"\n}',
        'ok: [h01] missing => {\n    "nothing_here": "VARIABLE IS NOT DEFINED!"\n}',
        'ok: [h01] list => {\n    "msg": [\n        "a",\n        1\n    ]\n}',
        'skipped: [h01] loud => Verbosity threshold not met.',
      ].join('\n'),
    );
    expect(r.stdout).toMatch(/^h01 +: ok=4 +changed=0 +unreachable=0 +failed=0 +skipped=1 +not_run=0$/m);
    // Nothing to send: one exec, one round (the facts' round, with no fact to read).
    const json = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--json');
    expect(events(json.stdout).find((e) => e.type === 'host_end')).toMatchObject({ channels: 1, rounds: 1 });

    // Check mode plans them the same (there is nothing to apply either way): exit 0, the same output.
    const check = await cli(fleet.dir, 'check', 'site.yml', '-i', 'inventory.yml', '--diff');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('ok: [h01] say => {\n    "msg": "hello h01"\n}\n');

    const verbose = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '-v');
    expect(verbose.stdout).toContain('ok: [h01] loud => {\n    "msg": "only with -v"\n}');
  });

  it('assert: true conditions are ok; a false one fails the host with fail_msg and the condition, exit 1', async () => {
    fleet = simFleet(2, (_, i) => ({ port: i === 0 ? 80 : 8080 }));
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [
          { name: 'sane', 'ansible.builtin.assert': { that: ['port is number', 'port > 0'], success_msg: 'port ok' } },
          { name: 'hushed', assert: { that: 'port < 65536', quiet: true } },
          { name: 'standard port', assert: { that: 'port == 80', fail_msg: 'port {{ port }} is not 80' } },
          { name: 'after', copy: { dest: '/etc/after', content: 'x\n' } },
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '-v');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ok: [h01] sane => port ok\nok: [h01] hushed\n');
    expect(r.stdout).toContain('failed: [h02] standard port => port 8080 is not 80 (assertion: port == 80)\n');
    expect(fleet.file('h01', '/etc/after')).toBe('x\n');
    expect(fleet.file('h02', '/etc/after')).toBeUndefined();
    expect(r.stdout).toMatch(/^h02 +: ok=2 +changed=0 +unreachable=0 +failed=1 +skipped=0 +not_run=0/m);
  });

  it('set_fact: later tasks and later plays of the host see the values (cacheable is accepted, without effect)', async () => {
    fleet = simFleet(2, (_, i) => ({ tier: i === 0 ? 'gold' : 'silver' }));
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [
          { name: 'probe', command: { cmd: 'true' }, register: 'probe' },
          { name: 'facts', 'ansible.builtin.set_fact': { motd: 'tier {{ tier }}', ports: [80, 443], probed: '{{ probe is changed }}', cacheable: true } },
          { name: 'motd', copy: { dest: '/etc/motd', content: "{{ motd }} {{ ports | join(',') }} {{ probed }}\n" } },
          { name: 'short form', set_fact: 'greeting=hi' },
        ],
      },
      { name: 'second', hosts: 'all', tasks: [{ name: 'greet', copy: { dest: '/etc/greeting', content: '{{ greeting }} {{ motd }}\n' }, when: "tier == 'gold'" }] },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/etc/motd')).toBe('tier gold 80,443 true\n');
    expect(fleet.file('h02', '/etc/motd')).toBe('tier silver 80,443 true\n');
    expect(fleet.file('h01', '/etc/greeting')).toBe('hi tier gold\n');
    expect(fleet.file('h02', '/etc/greeting')).toBeUndefined();

    // Second run: the copies have nothing to change; set_fact and debug never count as changes.
    const again = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--json');
    const changed = events(again.stdout).filter((e) => e.type === 'task' && e.status === 'changed').map((e) => e.task);
    expect(changed).toEqual(['probe', 'probe']);
  });
});
