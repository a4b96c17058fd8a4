/**
 * More bad input through the CLI (issue 15, "Errors, before anything is
 * sent (exit 4)"): connection settings, ssh_host, copy sources, unknown keys
 * beside missing ones, and documents built to exhaust resources. Each: exit
 * 4, the exact message naming file:line:col and what was expected, nothing
 * on stdout, no host touched (no .jailfleet/sim state).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

describe('more bad input through the CLI: exit 4 and the exact messages', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const write = (name: string, text: string): string => {
    writeFileSync(join(project.dir, name), text);
    return name;
  };
  const at = (name: string): string => join(project.dir, name);
  const refused = async (argv: string[], messages: string[]): Promise<void> => {
    const r = await cli(project.dir, ...argv);
    expect(r.stderr).toBe(`error: ${messages.join('\n')}\n`);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);
  };
  const FIXED = write('fixed.yml', '- name: p\n  hosts: all\n  tasks:\n    - name: t\n      sysrc:\n        name: x_enable\n        value: "YES"\n');

  describe('ssh_port', () => {
    for (const [given, shown] of [
      ['70000', '70000'],
      ['0', '0'],
      ['"22x"', '"22x"'],
    ] as const) {
      it(`ssh_port: ${given} names the inventory file and line, at validate and apply`, async () => {
        const inv = write('port.yml', `all:\n  hosts:\n    web1:\n      transport: sim\n      ssh_port: ${given}\n`);
        const message = `${at(inv)}:5:17: ssh_port: expected a port 1-65535, got ${shown}`;
        await refused(['validate', FIXED, '-i', inv], [message]);
        await refused(['apply', FIXED, '-i', inv], [message]);
      });
    }

    it("every inventory error is reported with the playbook's, each on its own line", async () => {
      const inv = write('two.yml', 'all:\n  hosts:\n    web1:\n      transport: sim\n      ssh_port: 70000\n    web2:\n      transport: sim\n      ansible_port: 0\n');
      const pb = write('undef.yml', '- name: p\n  hosts: all\n  tasks:\n    - name: t\n      sysrc:\n        name: x_enable\n        value: "{{ nope }}"\n');
      const r = await cli(project.dir, 'apply', pb, '-i', inv);
      expect(r.code).toBe(4);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.slice(0, 2)).toEqual([`error: ${at(inv)}:5:17: ssh_port: expected a port 1-65535, got 70000`, `${at(inv)}:8:21: ansible_port: expected a port 1-65535, got 0`]);
      expect(lines.slice(2).join('\n')).toMatch(new RegExp(`^${at(pb).replace(/[.]/g, '\\.')}:7:16: .*nope`));
      expect(r.stdout).toBe('');
      expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);
    });
  });

  it('run, facts, snapshots and inventory report every inventory problem, as validate does', async () => {
    const inv = write('two-ports.yml', 'all:\n  hosts:\n    web1:\n      transport: sim\n      ssh_port: 70000\n    web2:\n      transport: sim\n      ansible_port: 0\n');
    const both = [`${at(inv)}:5:17: ssh_port: expected a port 1-65535, got 70000`, `${at(inv)}:8:21: ansible_port: expected a port 1-65535, got 0`];
    await refused(['validate', FIXED, '-i', inv], both);
    await refused(['run', 'all', '-i', inv, '--', 'true'], both);
    await refused(['facts', 'web1', '-i', inv], both);
    await refused(['snapshots', '-i', inv], both);
    await refused(['inventory', '-i', inv], both);
  });

  it("an inventory's bad port is reported with every problem the playbook's reading finds", async () => {
    const inv = write('port2.yml', 'all:\n  hosts:\n    web1:\n      transport: sim\n      ssh_port: 70000\n');
    const pb = write('two-bad.yml', '- name: p\n  hosts: all\n  tasks:\n    - name: a\n      sysrc:\n        name: [x]\n        value: "YES"\n    - name: b\n      sysrc:\n        name: y\n        valeu: "YES"\n');
    await refused(['apply', pb, '-i', inv], [
      `${at(inv)}:5:17: ssh_port: expected a port 1-65535, got 70000`,
      `${at(pb)}:6:15: tasks[0].sysrc.name: expected string, got list`,
      `${at(pb)}:11:9: tasks[1].sysrc: unknown key "valeu" (did you mean "value"?)`,
      `${at(pb)}:10:9: tasks[1].sysrc.value: value is required with state: present`,
    ]);
  });

  describe('ssh_host', () => {
    it('refuses a value that is no host name, address or ssh_config alias', async () => {
      const inv = write('host.yml', 'all:\n  hosts:\n    web1:\n      transport: sim\n      ssh_host: "192.0.2.1;touch /tmp/x"\n');
      const message = `${at(inv)}:5:17: ssh_host: expected a host name, an IPv4 or IPv6 address, or a Host alias from ~/.ssh/config, got "192.0.2.1;touch /tmp/x"`;
      await refused(['validate', FIXED, '-i', inv], [message]);
      await refused(['apply', FIXED, '-i', inv], [message]);
    });

    it('accepts host names and IPv4 and IPv6 addresses', async () => {
      const inv = write('hosts-ok.yml', 'all:\n  vars:\n    transport: sim\n  hosts:\n    a:\n      ssh_host: web-1.example.org\n    b:\n      ssh_host: 192.0.2.1\n    c:\n      ansible_host: "2001:db8::1"\n');
      const r = await cli(project.dir, 'validate', FIXED, '-i', inv);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  });

  describe('copy src', () => {
    it('a missing controller file is refused at validate and at apply, with the task line and the path looked for', async () => {
      mkdirSync(join(project.dir, 'pbs'), { recursive: true });
      const pb = write('pbs/copy.yml', `- name: p\n  hosts: old1\n  tasks:\n    - name: motd\n      copy:\n        src: files/motd\n        dest: /etc/motd\n`);
      const message = `${at(pb)}:6:14: tasks[0].copy.src: no such file on the controller: ${at('pbs/files/motd')} (host old1)`;
      await refused(['validate', pb, '-i', 'inventory/sim.yml'], [message]);
      await refused(['apply', pb, '-i', 'inventory/sim.yml'], [message]);
      mkdirSync(join(project.dir, 'pbs', 'files'), { recursive: true });
      write('pbs/files/motd', 'hello\n');
      const r = await cli(project.dir, 'validate', pb, '-i', 'inventory/sim.yml');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  });

  describe('unknown keys', () => {
    it('a misspelt key gets a suggestion, reported together with the required key it leaves missing', async () => {
      const pb = write('nmae.yml', '- name: p\n  hosts: old1\n  tasks:\n    - name: t\n      sysrc:\n        nmae: sshd_enable\n        value: "YES"\n');
      await refused(['validate', pb, '-i', 'inventory/sim.yml'], [
        `${at(pb)}:5:7: tasks[0].sysrc: missing required key "name"`,
        `${at(pb)}:6:9: tasks[0].sysrc: unknown key "nmae" (did you mean "name"?)`,
      ]);
    });
  });

  describe('documents built to exhaust resources', () => {
    const BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]', 'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]'];
    const BOMB_MESSAGE = "aliases expand to too much data (an alias may stand for at most 100 times its anchor's size): yaml: Excessive alias count indicates a resource exhaustion attack";

    it('an alias bomb in a playbook is an input error at its first alias', async () => {
      const pb = write('bomb.yml', `- name: p\n  hosts: all\n  vars:\n${BOMB.map((l) => `    ${l}\n`).join('')}  tasks: []\n`);
      await refused(['validate', pb, '-i', 'inventory/sim.yml'], [`${at(pb)}:5:12: ${BOMB_MESSAGE}`]);
      await refused(['apply', pb, '-i', 'inventory/sim.yml'], [`${at(pb)}:5:12: ${BOMB_MESSAGE}`]);
    });

    it('an alias bomb in an inventory, and in a group_vars file', async () => {
      const inv = write('bomb-inv.yml', `all:\n  vars:\n${BOMB.map((l) => `    ${l}\n`).join('')}  hosts:\n    web1:\n      transport: sim\n`);
      await refused(['apply', FIXED, '-i', inv], [`${at(inv)}:4:12: ${BOMB_MESSAGE}`]);
      mkdirSync(join(project.dir, 'gv', 'group_vars'), { recursive: true });
      write('gv/hosts.yml', 'all:\n  hosts:\n    web1:\n      transport: sim\n');
      const vars = write('gv/group_vars/all.yml', `${BOMB.join('\n')}\n`);
      await refused(['apply', FIXED, '-i', 'gv/hosts.yml'], [`${at(vars)}:2:8: ${BOMB_MESSAGE}`]);
    });

    it('lists nested more than 100 deep, in a playbook and in an inventory', async () => {
      const deep = (n: number): string => `${'['.repeat(n)}1${']'.repeat(n)}`;
      const pb = write('deep.yml', `- name: p\n  hosts: all\n  vars:\n    d: ${deep(200)}\n  tasks: []\n`);
      await refused(['validate', pb, '-i', 'inventory/sim.yml'], [`${at(pb)}:4:105: lists and maps are nested more than 100 deep`]);
      const inv = write('deep-inv.yml', `all:\n  vars:\n    d: ${deep(20000)}\n  hosts:\n    web1:\n      transport: sim\n`);
      const r = await cli(project.dir, 'apply', FIXED, '-i', inv);
      expect(r.stderr).toMatch(new RegExp(`^error: ${at(inv).replace(/[.]/g, '\\.')}:\\d+:\\d+: lists and maps are nested more than 100 deep\n$`));
      expect(r.code).toBe(4);
      expect(existsSync(join(project.dir, '.jailfleet', 'sim'))).toBe(false);
      // 100 deep in all (the play list, the play, vars and 97 lists) is fine.
      const ok = write('deep-ok.yml', `- name: p\n  hosts: all\n  vars:\n    d: ${deep(97)}\n  tasks: []\n`);
      const fine = await cli(project.dir, 'validate', ok, '-i', 'inventory/sim.yml');
      expect(fine.stderr).toBe('');
      expect(fine.code).toBe(0);
    });

    it('a file over 10 MiB is refused unparsed', async () => {
      const pb = write('huge.yml', `# ${'x'.repeat(10 * 1024 * 1024)}\n- name: p\n  hosts: all\n  tasks: []\n`);
      await refused(['validate', pb, '-i', 'inventory/sim.yml'], [`${at(pb)}:1:1: file is ${10 * 1024 * 1024 + 38} bytes, more than the 10 MiB limit for YAML input`]);
    });
  });
});
