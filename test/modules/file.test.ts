/**
 * The file module (Ansible's ansible.builtin.file) applied by the engine to
 * a simulated FreeBSD host, judged by the host's files. FreeBSD facts the
 * expectations rest on: rm -rf removes a symbolic link, not what it points
 * at (rm(1): fts with FTS_PHYSICAL); a symbolic link stores its target as
 * written (symlink(2), ln(1)); touch(1) creates a missing file empty.
 */
import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../src/playbook/load-playbook.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import { simHost } from '../helpers/sim-host.js';
import { inputErrorOf } from '../helpers/input-error.js';
import { applyTasks } from './module-run.js';
import { parseHardLinkFact } from '../../src/modules/file/hard-fact.js';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';

const host = () => simHost('h1', { address: '192.0.2.31' });

describe('file state: link', () => {
  it('makes a symbolic link, retargets it, and a second run sends nothing', async () => {
    const h = host();
    h.exec('mkdir -p /usr/local/www/v1 /usr/local/www/v2');
    const first = await applyTasks(h, [{ file: { path: '/usr/local/www/current', src: 'v1', state: 'link' } }]);
    expect(first.tasks.map((t) => [t.status, t.message])).toEqual([['changed', '/usr/local/www/current -> v1 created']]);
    expect(h.fs.lstat('/usr/local/www/current')).toMatchObject({ kind: 'link', target: 'v1' });
    const again = await applyTasks(h, [{ file: { path: '/usr/local/www/current', src: 'v1', state: 'link' } }]);
    expect(again.tasks.map((t) => t.status)).toEqual(['ok']);
    expect(again.sent).toEqual([]);
    // A link to a directory is replaced, not followed into (mv -h).
    const moved = await applyTasks(h, [{ 'ansible.builtin.file': { dest: '/usr/local/www/current', src: '/usr/local/www/v2', state: 'link' } }]);
    expect(moved.tasks[0]).toMatchObject({ status: 'changed', message: '/usr/local/www/current now links to /usr/local/www/v2 (was v1)' });
    expect(h.fs.lstat('/usr/local/www/current')).toMatchObject({ kind: 'link', target: '/usr/local/www/v2' });
    expect(h.exec('ls -a /usr/local/www/v1 /usr/local/www').stdout).toBe('/usr/local/www:\n.\n..\ncurrent\nv1\nv2\n\n/usr/local/www/v1:\n.\n..\n');
  });

  it('refuses to replace a file without force, a directory always, and a missing src without force', async () => {
    const h = host();
    h.exec("mkdir -p /srv/dir && printf 'keep\\n' > /srv/file");
    const run = await applyTasks(h, [{ file: { path: '/srv/file', src: '/srv/dir', state: 'link' }, ignore_errors: true }, { file: { path: '/srv/dir', src: '/srv/file', state: 'link' }, ignore_errors: true }, { file: { path: '/srv/l', src: '/srv/nothing', state: 'link' }, ignore_errors: true }]);
    expect(run.tasks.map((t) => t.message)).toEqual([
      'refusing to convert from file to symlink for /srv/file (force: true replaces it)',
      'refusing to convert from directory to symlink for /srv/dir',
      'src file does not exist, use "force: true" if you really want to create the link: /srv/nothing',
    ]);
    expect(h.exec('cat /srv/file').stdout).toBe('keep\n');
    const forced = await applyTasks(h, [{ file: { path: '/srv/file', src: '/srv/dir', state: 'link', force: true } }, { file: { path: '/srv/l', src: '/srv/nothing', state: 'link', force: 'yes' } }]);
    expect(forced.tasks.map((t) => t.status)).toEqual(['changed', 'changed']);
    expect(h.fs.lstat('/srv/file')).toMatchObject({ kind: 'link', target: '/srv/dir' });
    expect(h.fs.lstat('/srv/l')).toMatchObject({ kind: 'link', target: '/srv/nothing' });
    // No temp link is left beside them.
    expect(h.exec('ls -a /srv').stdout).toBe('.\n..\ndir\nfile\nl\n');
  });
});

describe('file state: hard', () => {
  // link(2): the new name is the same file, so a write through either name is read through the other;
  // test(1) -ef: "file1 and file2 exist and refer to the same file".
  const task = { file: { path: '/etc/app.conf', src: '/usr/local/etc/app.conf', state: 'hard' } };

  it('makes path a hard link to src: a write through one is read through the other; a second run sends nothing', async () => {
    const h = host();
    h.exec("mkdir -p /usr/local/etc && printf 'a=1\\n' > /usr/local/etc/app.conf");
    const first = await applyTasks(h, [task]);
    expect(first.tasks.map((t) => [t.status, t.message])).toEqual([['changed', '/etc/app.conf => /usr/local/etc/app.conf created']]);
    expect(h.exec("printf 'b=2\\n' >> /etc/app.conf; cat /usr/local/etc/app.conf; chmod 600 /usr/local/etc/app.conf; stat -f '%Lp %l' /etc/app.conf")).toMatchObject({ stdout: 'a=1\nb=2\n600 2\n', code: 0 });
    const again = await applyTasks(h, [task]);
    expect(again.tasks.map((t) => [t.status, t.message])).toEqual([['ok', '/etc/app.conf is already a hard link to /usr/local/etc/app.conf']]);
    expect(again.sent).toEqual([]);
    // No temp name is left beside it.
    expect(h.exec('ls -a /etc | grep -c jailfleet').stdout).toBe('0\n');
  });

  it('replaces a symbolic link; needs force for another file; refuses a directory, a missing src and a directory src', async () => {
    const h = host();
    h.exec("mkdir -p /srv/dir /usr/local/etc && printf 'new\\n' > /usr/local/etc/app.conf && printf 'old\\n' > /srv/file && ln -s /srv/file /srv/sym");
    const src = '/usr/local/etc/app.conf';
    const tasks = [
      { file: { path: '/srv/file', src, state: 'hard' }, ignore_errors: true },
      { file: { path: '/srv/dir', src, state: 'hard', force: true }, ignore_errors: true },
      { file: { path: '/srv/x', src: '/srv/nothing', state: 'hard' }, ignore_errors: true },
      { file: { path: '/srv/x', src: '/srv/dir', state: 'hard' }, ignore_errors: true },
      { file: { path: '/srv/sym', src, state: 'hard' } },
    ];
    const run = await applyTasks(h, tasks);
    expect(run.tasks.map((t) => [t.status, t.message])).toEqual([
      ['failed', 'cannot link, a different file exists at /srv/file (force: true replaces it)'],
      ['failed', 'refusing to convert from directory to hard link for /srv/dir'],
      ['failed', 'src does not exist: /srv/nothing'],
      ['failed', 'src is a directory, which cannot be hard-linked: /srv/dir'],
      ['changed', '/srv/sym is now a hard link to /usr/local/etc/app.conf (was a link)'],
    ]);
    expect(h.exec('cat /srv/file; [ -L /srv/sym ] || cat /srv/sym; [ /srv/sym -ef /usr/local/etc/app.conf ] && echo same; ls -a /srv/dir').stdout).toBe('old\nnew\nsame\n.\n..\n');
    const forced = await applyTasks(h, [{ file: { path: '/srv/file', src, state: 'hard', force: 'yes' } }]);
    expect(forced.tasks.map((t) => [t.status, t.message])).toEqual([['changed', '/srv/file is now a hard link to /usr/local/etc/app.conf (was a file)']]);
    expect(h.exec("echo more >> /usr/local/etc/app.conf; cat /srv/file; ls -l /srv/file | awk '{ print $2 }'").stdout).toBe('new\nmore\n3\n');
    expect(h.exec('ls -a /srv').stdout).toBe('.\n..\ndir\nfile\nsym\n');
  });

  it('a later task plans against the predicted link: one fact round, one apply round, no re-read', async () => {
    const h = host();
    h.exec("mkdir -p /usr/local/etc && printf 'a=1\\n' > /usr/local/etc/app.conf");
    const run = await applyTasks(h, [task, task]);
    expect(run.tasks.map((t) => t.status)).toEqual(['changed', 'ok']);
    expect(run.rounds).toBe(2);
    // The apply script does not read the fact (`[ PATH -ef SRC ]`) again for the second task.
    expect(run.sent.some((script) => String(script).includes(' -ef '))).toBe(false);
    expect(h.exec('[ /etc/app.conf -ef /usr/local/etc/app.conf ]; echo $?').stdout).toBe('0\n');
  });

  it('in check mode reports the diff and changes nothing', async () => {
    const h = host();
    h.exec("mkdir -p /usr/local/etc && printf 'a=1\\n' > /usr/local/etc/app.conf && printf 'x\\n' > /etc/app.conf");
    const run = await applyTasks(h, [{ file: { ...task.file, force: true } }], { check: true });
    expect(run.tasks.map((t) => [t.status, t.diffs])).toEqual([['changed', [{ label: '/etc/app.conf: hard link', before: 'file\n', after: 'hard link to /usr/local/etc/app.conf\n' }]]]);
    expect(h.exec('cat /etc/app.conf; [ /etc/app.conf -ef /usr/local/etc/app.conf ]; echo $?').stdout).toBe('x\n1\n');
  });
});

describe('the state: hard fact', () => {
  it('takes the two kinds it asked for, a line each, and nothing else', () => {
    const out = (stdout: string, code = 0) => ({ stdout, stderr: '', code });
    expect(parseHardLinkFact('k', out('same\npresent\n'))).toEqual({ path: 'same', src: 'present' });
    expect(() => parseHardLinkFact('k', out('same\n'))).toThrow(FactParseError);
    expect(() => parseHardLinkFact('k', out('hard\npresent\n'))).toThrow(FactParseError);
    expect(() => parseHardLinkFact('k', out('', 2))).toThrow(FactParseError);
  });
});

describe('file with a hostile path', () => {
  it('quotes every value: the link, its target and the removal act on exactly those names', async () => {
    const h = host();
    const nasty = "/tmp/it's \"q\" $(touch pwned) `touch pwned2`; x";
    const r = await applyTasks(h, [{ file: { path: nasty, src: '$(touch pwned3)', state: 'link', force: true } }]);
    expect(r.tasks[0]!.status).toBe('changed');
    expect(h.fs.lstat(nasty)).toMatchObject({ kind: 'link', target: '$(touch pwned3)' });
    await applyTasks(h, [{ file: { path: nasty, state: 'absent' } }]);
    expect(h.exec('ls -a /tmp').stdout).toBe('.\n..\n');
    expect(h.exec("find / -name 'pwned*'").stdout).toBe('');
  });
});

describe('file state: absent', () => {
  it('removes a tree, a link (not its target) and a file; then changes nothing', async () => {
    const h = host();
    h.exec("mkdir -p /srv/tree/a/b && printf x > /srv/tree/a/b/f && printf y > /srv/target && ln -s /srv/target /srv/link && printf z > /srv/plain");
    const tasks = ['/srv/tree', '/srv/link', '/srv/plain'].map((path) => ({ file: { path, state: 'absent' } }));
    const first = await applyTasks(h, tasks);
    expect(first.tasks.map((t) => t.message)).toEqual(['/srv/tree removed', '/srv/link removed', '/srv/plain removed']);
    expect(h.exec('ls -a /srv').stdout).toBe('.\n..\ntarget\n');
    const again = await applyTasks(h, tasks);
    expect(again.tasks.map((t) => t.message)).toEqual(['/srv/tree is already absent', '/srv/link is already absent', '/srv/plain is already absent']);
    expect(again.sent).toEqual([]);
  });
});

describe('file state: touch and file', () => {
  it('touch creates an empty file with its mode; an existing file keeps its times, so a second run changes nothing', async () => {
    const h = host();
    const task = { file: { path: '/var/run/app.ready', state: 'touch', mode: '0640', owner: 'root', group: 'wheel' } };
    const first = await applyTasks(h, [task]);
    expect(first.tasks[0]).toMatchObject({ status: 'changed', message: '/var/run/app.ready created' });
    expect(h.fs.stat('/var/run/app.ready')).toMatchObject({ kind: 'file', content: '', mode: 0o640, uid: 0, gid: 0 });
    const mtime = h.fs.stat('/var/run/app.ready')!.mtime;
    const again = await applyTasks(h, [task]);
    expect(again.tasks[0]).toMatchObject({ status: 'ok', message: '/var/run/app.ready exists; its times are kept' });
    expect(again.sent).toEqual([]);
    expect(h.fs.stat('/var/run/app.ready')!.mtime).toBe(mtime);
  });

  it('state: file never creates; it sets the attributes of an existing file (through a link)', async () => {
    const h = host();
    h.exec("printf 'x\\n' > /etc/app.conf && chmod 644 /etc/app.conf && ln -s /etc/app.conf /etc/app.link");
    const run = await applyTasks(h, [{ file: { path: '/etc/missing.conf', state: 'file' }, ignore_errors: true }, { file: { path: '/etc/app.link', mode: '0600' } }]);
    expect(run.tasks.map((t) => [t.status, t.message])).toEqual([
      ['failed', 'file (/etc/missing.conf) is absent, cannot continue'],
      ['changed', 'mode 0644 -> 0600'],
    ]);
    expect(h.fs.stat('/etc/missing.conf')).toBeUndefined();
    expect(h.fs.stat('/etc/app.conf')).toMatchObject({ mode: 0o600, content: 'x\n' });
  });

  it('a later task plans against what touch will have made: one apply round, no re-read', async () => {
    const h = host();
    const run = await applyTasks(h, [{ file: { path: '/tmp/flag', state: 'touch' } }, { file: { path: '/tmp/flag', state: 'file', mode: '0600' } }]);
    expect(run.tasks.map((t) => [t.status, t.message])).toEqual([
      ['changed', '/tmp/flag created'],
      ['changed', 'mode (unknown) -> 0600'],
    ]);
    expect(run.rounds).toBe(2);
    expect(h.fs.stat('/tmp/flag')).toMatchObject({ mode: 0o600 });
  });
});

describe('file state: directory', () => {
  it('is the directory module: mkdir with mode, recursively with recurse (no state: a directory); a second run sends nothing', async () => {
    const h = host();
    const tasks = [
      { file: { path: '/var/db/app/cache', state: 'directory', mode: '0750' } },
      { file: { path: '/var/db/app', recurse: true, owner: 'www' } },
      { file: { path: '/var/db/app', group: 'www' } },
    ];
    const first = await applyTasks(h, tasks);
    expect(first.tasks.map((t) => t.status)).toEqual(['changed', 'changed', 'changed']);
    expect(h.fs.stat('/var/db/app/cache')).toMatchObject({ kind: 'dir', mode: 0o750, uid: 80, gid: 0 });
    expect(h.fs.stat('/var/db/app')).toMatchObject({ kind: 'dir', uid: 80, gid: 80 });
    const again = await applyTasks(h, tasks);
    expect(again.tasks.map((t) => t.status)).toEqual(['ok', 'ok', 'ok']);
    expect(again.sent).toEqual([]);
  });
});

describe('file in check and diff mode', () => {
  it('reports the changes with their diffs and changes nothing', async () => {
    const h = host();
    h.exec('mkdir /srv && printf x > /srv/old');
    const run = await applyTasks(h, [{ file: { path: '/srv/old', state: 'absent' } }, { file: { path: '/srv/new', state: 'link', src: '/srv/old', force: true } }, { file: { path: '/srv/t', state: 'touch' } }], { check: true });
    expect(run.tasks.map((t) => [t.status, t.diffs])).toEqual([
      ['changed', [{ label: '/srv/old', before: 'file\n', after: 'absent\n' }]],
      ['changed', [{ label: '/srv/new: link', before: '', after: '/srv/old\n' }]],
      ['changed', [{ label: '/srv/t', before: 'absent\n', after: 'file\n' }]],
    ]);
    expect(h.exec('ls -a /srv').stdout).toBe('.\n..\nold\n');
  });
});

describe('file arguments', () => {
  const problem = (args: string): string => inputErrorOf(() => parsePlaybook(`- hosts: all\n  tasks:\n    - file: ${args}\n`, 'pb.yml', moduleRegistry));

  it('are checked where written', () => {
    expect(problem('{ path: /x, state: hard, src: y }')).toMatch(/^pb\.yml:3:\d+: tasks\[0\]\.file\.src: src must be an absolute path with state: hard/);
    expect(problem('{ path: /x, state: hard }')).toMatch(/tasks\[0\]\.file\.src: src is required with state: hard/);
    expect(problem('{ path: /x, state: hard, src: /y, mode: "0600" }')).toMatch(/tasks\[0\]\.file\.state: mode, owner and group are not set with state: hard; set them on src/);
    expect(problem('{ path: /x, state: link }')).toMatch(/tasks\[0\]\.file\.src: src is required with state: link/);
    expect(problem('{ path: /x, recurse: true, state: touch }')).toMatch(/tasks\[0\]\.file\.recurse: recurse requires state: directory/);
    expect(problem('{ path: /x, dest: /y }')).toMatch(/give one of path, dest and name \(their aliases\), not path and dest/);
    expect(problem('{ state: touch }')).toMatch(/path is required \(or its aliases dest, name\)/);
    expect(problem('{ path: /x, stat: touch }')).toMatch(/unknown key "stat" \(did you mean "state"\?\)/);
  });
});
