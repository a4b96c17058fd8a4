import { beforeEach, describe, expect, it } from 'vitest';
import { jailCommand } from '../../../src/sim/commands/jail/jail-cmd.js';
import { harness, makeJailRoot, type Harness } from './helpers.js';

const CONF = `
path = "/usr/jails/$name";
host.hostname = "$name.example.org";
mount.devfs;
exec.clean;
www {
  ip4.addr = "em0|192.0.2.10/32";
  exec.start = "sh /etc/rc";
  exec.stop = "sh /etc/rc.shutdown";
  exec.prestart = "echo pre";
  exec.poststop = "echo post";
  mount.procfs;
}
db { persist; ip4.addr = 192.0.2.11; }
bad { persist; path = /nonexistent; }
`;

let h: Harness;
beforeEach(() => {
  h = harness();
  h.fs.writeFile('/etc/jail.conf', CONF);
  makeJailRoot(h.state, '/usr/jails/www');
  makeJailRoot(h.state, '/usr/jails/db');
  // exec.start ("sh /etc/rc") leaves a daemon running in the jail, as the rc model would.
  h.answer = (script, options) => {
    if (/sh \/etc\/rc$/.test(script) && options?.jail) h.state.processes.push({ service: 'sshd', command: 'sshd', user: 'root', pid: h.state.nextPid++, jail: options.jail, listeners: [] });
    if (script.startsWith('echo ')) return { stdout: `${script.slice(5)}\n`, stderr: '', code: 0 };
    return { stdout: '', stderr: '', code: 0 };
  };
});

const jail = (...args: string[]) => h.call(jailCommand, ['jail', ...args]);

describe('jail -c', () => {
  it('creates a jail: alias, mounts, exec commands, state', () => {
    expect(jail('-c', 'www')).toEqual({ stdout: 'pre\nwww: created\n', stderr: '', code: 0 });
    expect(h.calls).toEqual([
      // exec.prestart runs outside the jail with JNAME and JPATH; no JID before the jail exists (jail-task.ts execEnv).
      { script: 'echo pre', options: { root: '/', cwd: '/', env: { JNAME: 'www', JPATH: '/usr/jails/www' } } },
      { script: 'sh /etc/rc', options: { root: '/usr/jails/www', jail: 'www', cwd: '/' } },
    ]);
    const j = h.state.jails[0]!;
    expect(j).toMatchObject({ name: 'www', jid: 1, path: '/usr/jails/www', hostname: 'www.example.org', ip4: ['192.0.2.10'], state: 'ACTIVE' });
    expect(j.params).toMatchObject({ persist: 'false', 'ip4.addr': '192.0.2.10', ip4: 'new', devfs_ruleset: '4', jid: '1', name: 'www' });
    expect(j.params).not.toHaveProperty('exec.start');
    expect(h.state.interfaces[0]!.inet).toContainEqual({ addr: '192.0.2.10', prefixLen: 32 });
    expect(h.state.mounts.slice(1)).toEqual([
      { from: 'devfs', on: '/usr/jails/www/dev', fstype: 'devfs', options: [] },
      { from: 'procfs', on: '/usr/jails/www/proc', fstype: 'procfs', options: ['local'] },
    ]);
    expect(h.state.nextJid).toBe(2);
  });

  it('prints only the JID with -i', () => {
    jail('-c', 'www');
    expect(jail('-i', '-c', 'db')).toEqual({ stdout: '2\n', stderr: '', code: 0 });
  });

  it.each([
    [['-c', 'nope'], 'jail: "nope" not found\n'],
    // jail.c startcommands[]: mount.devfs (check_path) comes before the path check in create_jail().
    [['-c', 'bad'], 'jail: bad: mount.devfs: /nonexistent/dev: No such file or directory\n'],
    [['-f', '/etc/missing.conf', '-c', 'www'], 'jail: /etc/missing.conf: No such file or directory\n'],
  ])('jail %j fails with %j', (args, stderr) => {
    expect(jail(...args)).toEqual({ stdout: '', stderr, code: 1 });
    expect(h.state.jails).toEqual([]);
  });

  it('refuses to create a running jail', () => {
    jail('-c', 'db');
    expect(jail('-c', 'db')).toEqual({ stdout: '', stderr: 'jail: "db" already exists\n', code: 1 });
    expect(h.state.jails).toHaveLength(1);
  });

  it('undoes the alias when a mount fails', () => {
    h.fs.remove('/usr/jails/www/proc');
    const r = jail('-c', 'www');
    expect(r.stderr).toBe('jail: www: mount.procfs: /usr/jails/www/proc: No such file or directory\n');
    expect(r.code).toBe(1);
    expect(h.state.interfaces[0]!.inet).toEqual([{ addr: '192.0.2.23', prefixLen: 24 }]);
    expect(h.state.mounts).toHaveLength(1);
  });

  it('tears the jail down when exec.start fails', () => {
    h.answer = () => ({ stdout: '', stderr: 'boom\n', code: 1 });
    const r = jail('-c', 'www');
    expect(r).toEqual({ stdout: '', stderr: 'boom\njail: www: echo pre: failed\n', code: 1 });
    expect(h.state.jails).toEqual([]);
    expect(h.state.mounts).toHaveLength(1);
  });

  it('lets a non-persistent jail with no processes die', () => {
    h.answer = () => ({ stdout: '', stderr: '', code: 0 });
    expect(jail('-c', 'www').stdout).toBe('www: created\n');
    expect(h.state.jails).toEqual([]);
  });

  it('creates every configured jail without names, failing on the bad one', () => {
    const r = jail('-c');
    expect(r.code).toBe(1);
    expect(h.state.jails.map((j) => j.name)).toEqual(['www', 'db']);
  });

  it('takes parameters from the command line', () => {
    // A command-line jail has no j->name, so no "created" note (command.c IP__OP; jail_basic_test.sh "nested": -o empty).
    expect(jail('-c', 'name=t', 'path=/usr/jails/db', 'persist', 'ip4.addr=192.0.2.50')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.state.jails[0]).toMatchObject({ name: 't', ip4: ['192.0.2.50'], path: '/usr/jails/db' });
  });

  it('runs the old form path hostname ip command', () => {
    const r = jail('/usr/jails/www', 'testhostname', '192.0.2.100', '/bin/sh', '/etc/rc');
    expect(r).toEqual({ stdout: '', stderr: '', code: 0 });
    // The command has jail(8)'s stdin (empty here): jail(8) "command".
    expect(h.calls.at(-1)).toEqual({ script: '/bin/sh /etc/rc', options: { root: '/usr/jails/www', jail: '1', cwd: '/', stdin: '' } });
    expect(h.state.jails[0]).toMatchObject({ name: '1', hostname: 'testhostname', ip4: ['192.0.2.100'] });
  });
});

describe('jail -r / -R / -m', () => {
  it('removes a jail: exec.stop inside, processes killed, mounts and alias undone', () => {
    jail('-c', 'www');
    h.calls.length = 0;
    // jail.c stopcommands[]: the removal (and its note) comes before exec.poststop.
    expect(jail('-r', 'www')).toEqual({ stdout: 'www: removed\npost\n', stderr: '', code: 0 });
    expect(h.calls.map((c) => c.script)).toEqual(['sh /etc/rc.shutdown', 'echo post']);
    expect(h.state.jails).toEqual([]);
    expect(h.state.processes).toEqual([]);
    expect(h.state.mounts).toHaveLength(1);
    expect(h.state.interfaces[0]!.inet).toEqual([{ addr: '192.0.2.23', prefixLen: 24 }]);
  });

  it.each([
    [['-r', 'db'], 'jail: "db" not found\n'],
    [['-q', '-r', 'db'], ''],
    [['-r', 'ghost'], 'jail: "ghost" not found\n'],
    [['-q', '-r', 'ghost'], 'jail: "ghost" not found\n'],
    [['-R', 'ghost'], 'jail: "ghost" not found\n'],
    [['-m', 'db'], 'jail: "db" not found\n'],
  ])('jail %j on a jail that is not running → %j, exit 1', (args, stderr) => {
    expect(jail(...args)).toEqual({ stdout: '', stderr, code: 1 });
  });

  it('removes with -R silently, leaving mounts alone', () => {
    jail('-c', 'www');
    expect(jail('-R', 'www')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(h.state.jails).toEqual([]);
    expect(h.state.mounts).toHaveLength(3);
  });

  it('updates a running jail and refuses a path change', () => {
    jail('-c', 'db');
    h.fs.writeFile('/etc/jail.conf', CONF.replace('db { persist; ip4.addr = 192.0.2.11; }', 'db { persist; ip4.addr = 192.0.2.12; }'));
    expect(jail('-m', 'db')).toEqual({ stdout: 'db: updated\n', stderr: '', code: 0 });
    expect(h.state.jails[0]!.ip4).toEqual(['192.0.2.12']);
    h.fs.writeFile('/etc/jail.conf', CONF.replace('db { persist;', 'db { persist; path = /usr/jails/www;'));
    expect(jail('-m', 'db')).toEqual({ stdout: '', stderr: 'jail: db: path cannot be changed after creation\n', code: 1 });
  });

  it('restarts with -rc and creates-or-modifies with -cm', () => {
    jail('-c', 'db');
    // note_remove is set only for a plain -r, so a restart notes only the creation (command.c IP__OP).
    expect(jail('-rc', 'db')).toEqual({ stdout: 'db: created\n', stderr: '', code: 0 });
    expect(h.state.jails[0]!.jid).toBe(2);
    expect(jail('-cm', 'db').stdout).toBe('db: updated\n');
    expect(jail('-cm', 'www').stdout).toBe('pre\nwww: created\n');
  });
});
