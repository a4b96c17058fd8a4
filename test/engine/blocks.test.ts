/**
 * README "Blocks": `block:` / `rescue:` / `always:` with Ansible's semantics
 * (docs.ansible.com, playbook_guide/playbooks_blocks: "If any tasks in the
 * block return failed, the rescue section executes tasks to recover from
 * the error"; "the always section runs no matter what the task status of
 * the previous block is"; a rescued task counts as rescued, not failed, in
 * the recap). Observed on simulated hosts through the CLI: the order in
 * which the tasks ran (each appends a word to a file on the host), the
 * recap, the exit code, and what one exec per host costs in rounds.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, events } from '../helpers/cli.js';
import { simFleet, type Fleet } from './fleet-fixture.js';

const mark = (word: string): Record<string, unknown> => ({ name: word, command: { cmd: `echo ${word} >> /root/order` } });
const boom = { name: 'boom', command: { cmd: 'echo broken >&2; exit 3' } };

type HostEnd = { type: string; host: string; channels: number; rounds: number };

describe('block / rescue / always', () => {
  let fleet: Fleet | undefined;
  afterEach(() => fleet?.cleanup());

  it('a failed block task: the rest of the block is skipped, rescue then always run, the play goes on; recap rescued=1 failed=0, exit 0', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [
          mark('before'),
          {
            name: 'guarded',
            block: [mark('b1'), boom, mark('b3')],
            rescue: [mark('r1'), { name: 'which', debug: { msg: 'rescued {{ ansible_failed_task.name }}' } }],
            always: [mark('a1')],
          },
          mark('after'),
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/root/order')).toBe('before\nb1\nr1\na1\nafter\n');
    expect(r.stdout).toMatch(/^failed \(rescued\): \[h01\] boom => step "[^"]+" failed \(exit 3\): broken$/m);
    expect(r.stdout).toContain('ok: [h01] which => {\n    "msg": "rescued boom"\n}\n');
    expect(r.stdout).not.toContain('b3');
    expect(r.stdout).toMatch(/^h01 +: ok=6 +changed=5 +unreachable=0 +failed=0 +skipped=0 +not_run=0 +rescued=1$/m);
  });

  it('no failure: the rescue does not run (and is not reported), the always does', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([{ hosts: 'all', tasks: [{ block: [mark('b1'), mark('b2')], rescue: [mark('r1')], always: [mark('a1')] }, mark('after')] }]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--json');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/root/order')).toBe('b1\nb2\na1\nafter\n');
    const tasks = events(r.stdout).filter((e) => e.type === 'task');
    expect(tasks.map((e) => e.task)).toEqual(['b1', 'b2', 'a1', 'after']);
    // One exec; the block's steps go in a round of their own before its always is planned.
    const end = events(r.stdout).find((e) => e.type === 'host_end') as HostEnd | undefined;
    expect(end).toMatchObject({ channels: 1, rounds: 3 });
  });

  it('a failure no rescue catches: the always still runs, then the host stops; exit 1, failed=1', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([{ hosts: 'all', tasks: [{ block: [mark('b1'), boom, mark('b3')], always: [mark('a1')] }, mark('after')] }]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(1);
    expect(fleet.file('h01', '/root/order')).toBe('b1\na1\n');
    expect(r.stdout).toMatch(/^failed: \[h01\] boom => /m);
    expect(r.stdout).toMatch(/^h01 +: ok=2 +changed=2 +unreachable=0 +failed=1 +skipped=0 +not_run=0$/m);
  });

  it('a failed rescue fails the host after the always; a nested block without rescue hands its failure to the outer rescue', async () => {
    fleet = simFleet(2, (_, i) => ({ case: i }));
    fleet.writePlaybook([
      {
        hosts: 'h01',
        tasks: [{ block: [boom], rescue: [mark('r1'), { ...boom, name: 'boom again' }, mark('r3')], always: [mark('a1')] }, mark('after')],
      },
      {
        hosts: 'h02',
        tasks: [
          {
            block: [mark('o1'), { block: [boom, mark('i2')], always: [mark('ia')] }, mark('o3')],
            rescue: [mark('or')],
            always: [mark('oa')],
          },
          mark('after'),
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(1);
    expect(fleet.file('h01', '/root/order')).toBe('r1\na1\n');
    expect(r.stdout).toMatch(/^h01 +: ok=2 +changed=2 +unreachable=0 +failed=1 +skipped=0 +not_run=0 +rescued=1$/m);
    expect(fleet.file('h02', '/root/order')).toBe('o1\nia\nor\noa\nafter\n');
    expect(r.stdout).toMatch(/^h02 +: ok=5 +changed=5 +unreachable=0 +failed=0 +skipped=0 +not_run=0 +rescued=1$/m);
  });

  it("the block's when, tags and vars apply to each of its tasks (rescue and always included)", async () => {
    fleet = simFleet(2, (_, i) => ({ role: i === 0 ? 'web' : 'db' }));
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [
          {
            block: [{ name: 'w', command: { cmd: 'echo {{ word }} >> /root/order' } }, boom],
            rescue: [{ name: 'r', command: { cmd: 'echo rescue-{{ word }} >> /root/order' } }],
            when: "role == 'web'",
            tags: ['web'],
            vars: { word: 'hello' },
            become: true,
          },
          { ...mark('untagged') },
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml', '--tags', 'web');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/root/order')).toBe('hello\nrescue-hello\n');
    expect(fleet.file('h02', '/root/order')).toBeUndefined();
    expect(r.stdout).toMatch(/^h02 +: ok=0 +changed=0 +unreachable=0 +failed=0 +skipped=2 +not_run=0 +rescued=0$/m);
  });

  it('a block task that cannot be planned (a failed assert) goes to the rescue too; the steps before it ran first', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [
          {
            block: [mark('b1'), { name: 'check', assert: { that: ['1 == 2'], fail_msg: 'one is not two' } }, mark('b3')],
            rescue: [mark('r1')],
          },
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/root/order')).toBe('b1\nr1\n');
    expect(r.stdout).toContain('failed (rescued): [h01] check => one is not two (assertion: 1 == 2)\n');
  });

  it('registered results of tasks a failure skipped are not set; the linear strategy runs blocks the same way', async () => {
    for (const strategy of ['free', 'linear']) {
      fleet?.cleanup();
      fleet = simFleet(2);
      fleet.writePlaybook([
        {
          hosts: 'all',
          strategy,
          tasks: [
            { block: [mark('b1'), { ...boom, when: "inventory_hostname == 'h01'" }, { ...mark('b3'), register: 'b3' }], rescue: [mark('r1')], always: [mark('a1')] },
            { name: 'b3 ran', command: { cmd: 'echo b3-ran >> /root/order' }, when: 'b3 is defined' },
          ],
        },
      ]);
      const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
      expect(r.code, strategy).toBe(0);
      expect(fleet.file('h01', '/root/order'), strategy).toBe('b1\nr1\na1\n');
      expect(fleet.file('h02', '/root/order'), strategy).toBe('b1\nb3\na1\nb3-ran\n');
    }
  });

  it('check mode: nothing is applied, so no step fails; the rescue is not planned', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([{ hosts: 'all', tasks: [{ block: [boom], rescue: [mark('r1')], always: [mark('a1')] }] }]);
    const r = await cli(fleet.dir, 'check', 'site.yml', '-i', 'inventory.yml', '--json');
    expect(r.code).toBe(2);
    expect(events(r.stdout).filter((e) => e.type === 'task').map((e) => e.task)).toEqual(['boom', 'a1']);
    expect(fleet.file('h01', '/root/order')).toBeUndefined();
  });

  it('bad input inside a block of an imported file: exit 4 naming that file and line, nothing sent to the host', async () => {
    fleet = simFleet(1);
    writeFileSync(join(fleet.dir, 'inner.yml'), ['- block:', '    - debug: {msg: hi}', '  rescue:', '    - debug: {msg: x, colour: red}', ''].join('\n'));
    fleet.writePlaybook([{ hosts: 'all', tasks: [{ block: [{ import_tasks: 'inner.yml' }] }] }]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`${join(fleet.dir, 'inner.yml')}:4:23: [0].rescue[0].debug: unknown key "colour"; expected one of msg, var, verbosity\n`);
    expect(fleet.state('h01')).toBeUndefined();
  });

  it('a round that failed inside a block never ran its reads: the rescue reads the facts it needs again (no stale plan)', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [
          {
            block: [
              { name: 'write', copy: { dest: '/etc/jf-a', content: 'one\n' } },
              { name: 'touches everything', command: { cmd: 'echo broken >&2; exit 3' } },
              { name: 'never', line: { path: '/etc/jf-a', line: 'two' } },
            ],
            rescue: [{ name: 'mark', line: { path: '/etc/jf-a', line: 'rescued' } }],
          },
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/etc/jf-a')).toBe('one\nrescued\n');
  });

  it('the settle round before an always list may change what an earlier round read: the always task reads it again', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [
          { name: 'anything', command: { cmd: 'true' } },
          { name: 'x', line: { path: '/etc/jf-b', line: 'x', create: true } },
          { block: [{ name: 'y', command: { cmd: 'echo y >> /etc/jf-b' } }], always: [{ name: 'z', line: { path: '/etc/jf-b', line: 'z' } }] },
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/etc/jf-b')).toBe('x\ny\nz\n');
  });

  it('force_handlers: a host failed in a block (no rescue) still runs the handlers its tasks notified, after the always', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([
      {
        hosts: 'all',
        force_handlers: true,
        tasks: [{ block: [{ ...mark('b1'), notify: 'h' }, boom], always: [mark('a1')] }, mark('after')],
        handlers: [{ name: 'h', command: { cmd: 'echo h >> /root/order' } }],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(1);
    expect(fleet.file('h01', '/root/order')).toBe('b1\na1\nh\n');
  });

  it('notifications: a block task that ran before the failure notifies its handler; one the failure skipped does not', async () => {
    fleet = simFleet(1);
    fleet.writePlaybook([
      {
        hosts: 'all',
        tasks: [{ block: [{ ...mark('b1'), notify: 'h1' }, boom, { ...mark('b3'), notify: 'h2' }], rescue: [mark('r1')] }],
        handlers: [
          { name: 'h1', command: { cmd: 'echo h1 >> /root/order' } },
          { name: 'h2', command: { cmd: 'echo h2 >> /root/order' } },
        ],
      },
    ]);
    const r = await cli(fleet.dir, 'apply', 'site.yml', '-i', 'inventory.yml');
    expect(r.code).toBe(0);
    expect(fleet.file('h01', '/root/order')).toBe('b1\nr1\nh1\n');
  });
});
