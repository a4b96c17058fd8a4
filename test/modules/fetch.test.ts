/**
 * The fetch module (Ansible's ansible.builtin.fetch) applied by the engine
 * to a simulated FreeBSD host, judged by the files that appear on the
 * controller. Layouts are the ones Ansible's fetch documentation gives in
 * its examples: `src: /tmp/somefile, dest: /tmp/fetched` stores
 * /tmp/fetched/HOST/tmp/somefile; `dest: /tmp/special/, flat: yes` stores
 * /tmp/special/somefile; `dest: /tmp/prefix-{{ inventory_hostname }},
 * flat: yes` stores /tmp/prefix-HOST. The host reads its file with sha1(1)
 * -q and b64encode(1) (FreeBSD 14 usr.bin/bintrans).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchModule } from '../../src/modules/fetch/index.js';
import { simHost } from '../helpers/sim-host.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { ok, planOne } from './harness.js';
import { applyTasks } from './module-run.js';

let dir = '';
beforeEach(async () => {
  dir = await makeTempDir('jailfleet-fetch-');
});
afterEach(async () => {
  await removeDir(dir);
});

const host = () => simHost('h1', { address: '192.0.2.32' });
const run = (h: ReturnType<typeof host>, tasks: unknown[], check = false) => applyTasks(h, tasks, { check, extraVars: { playbook_dir: dir } });
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('fetch', () => {
  it('stores DEST/HOST/SRC relative to the playbook, and a second run sends nothing and reads only the digest', async () => {
    const h = host();
    h.exec("printf 'hostname=\"h1\"\\n' > /etc/rc.conf.local");
    const task = { fetch: { src: '/etc/rc.conf.local', dest: 'fetched' } };
    const first = await run(h, [task]);
    const local = join(dir, 'fetched', 'h1', 'etc', 'rc.conf.local');
    expect(first.tasks.map((t) => [t.status, t.message])).toEqual([['changed', `/etc/rc.conf.local fetched to ${local}`]]);
    expect(readFileSync(local, 'utf8')).toBe('hostname="h1"\n');
    expect(first.received).toContain('begin-base64 644 src\n');
    const again = await run(h, [task]);
    expect(again.tasks.map((t) => [t.status, t.message])).toEqual([['ok', `${local} is up to date`]]);
    expect(again.sent).toEqual([]);
    expect(again.received).not.toContain('begin-base64');
    // No temp file is left beside the copy.
    expect(readdirSync(join(dir, 'fetched', 'h1', 'etc'))).toEqual(['rc.conf.local']);
  });

  it('carries every byte value unchanged', async () => {
    const h = host();
    h.fs.writeFile('/var/db/blob', ALL_BYTES.toString('base64'), { binary: true });
    const first = await run(h, [{ 'ansible.builtin.fetch': { src: '/var/db/blob', dest: `${dir}/blob`, flat: true } }]);
    expect(first.tasks[0]).toMatchObject({ status: 'changed', diffs: [{ label: `${dir}/blob`, before: '', after: '(binary, 256 bytes)\n' }] });
    expect(readFileSync(join(dir, 'blob'))).toEqual(ALL_BYTES);
    expect((await run(h, [{ fetch: { src: '/var/db/blob', dest: `${dir}/blob`, flat: true } }])).tasks[0]!.status).toBe('ok');
  });

  it('flat: a dest ending in / takes the file name; a dest that is a directory without / is refused', async () => {
    const h = host();
    h.exec("printf 'x\\n' > /tmp/somefile");
    mkdirSync(join(dir, 'special'));
    const r = await run(h, [
      { fetch: { src: '/tmp/somefile', dest: 'special/', flat: true } },
      { fetch: { src: '/tmp/somefile', dest: 'prefix-{{ inventory_hostname }}', flat: 'yes' } },
      { fetch: { src: '/tmp/somefile', dest: 'special', flat: true }, ignore_errors: true },
    ]);
    expect(r.tasks.map((t) => t.status)).toEqual(['changed', 'changed', 'failed']);
    expect(r.tasks[2]!.message).toBe(`dest is an existing directory, use a trailing slash if you want to fetch src into that directory: ${dir}/special`);
    expect(readFileSync(join(dir, 'special', 'somefile'), 'utf8')).toBe('x\n');
    expect(readFileSync(join(dir, 'prefix-h1'), 'utf8')).toBe('x\n');
  });

  it('a missing file fails unless fail_on_missing is false; a directory always fails', async () => {
    const h = host();
    const r = await run(h, [
      { fetch: { src: '/nonexistent', dest: 'f' }, ignore_errors: true },
      { fetch: { src: '/nonexistent', dest: 'f', fail_on_missing: false } },
      { fetch: { src: '/etc', dest: 'f' }, ignore_errors: true },
    ]);
    expect(r.tasks.map((t) => [t.status, t.message])).toEqual([
      ['failed', 'the remote file does not exist: /nonexistent'],
      ['ok', 'the remote file does not exist, not transferring, ignored: /nonexistent'],
      ['failed', 'remote file is a directory, fetch cannot work on directories: /etc'],
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('check mode reports the change with its diff and writes nothing; a copy changed on the controller is fetched again', async () => {
    const h = host();
    h.exec("printf 'new\\n' > /etc/motd");
    const task = { fetch: { src: '/etc/motd', dest: `${dir}/motd`, flat: true } };
    writeFileSync(join(dir, 'motd'), 'old\n');
    const check = await run(h, [task], true);
    expect(check.tasks[0]).toMatchObject({ status: 'changed', diffs: [{ label: `${dir}/motd`, before: 'old\n', after: 'new\n' }] });
    expect(readFileSync(join(dir, 'motd'), 'utf8')).toBe('old\n');
    expect((await run(h, [task])).tasks[0]!.status).toBe('changed');
    expect(readFileSync(join(dir, 'motd'), 'utf8')).toBe('new\n');
  });

  it('fetches what an earlier task of the play wrote, not what the host had before', async () => {
    const h = host();
    h.exec("printf 'before\\n' > /etc/motd");
    const r = await run(h, [{ copy: { dest: '/etc/motd', content: 'after\n' } }, { fetch: { src: '/etc/motd', dest: `${dir}/motd`, flat: true } }]);
    expect(r.tasks.map((t) => t.status)).toEqual(['changed', 'changed']);
    expect(readFileSync(join(dir, 'motd'), 'utf8')).toBe('after\n');
  });

  it('validate_checksum: content whose digest is not the one the host printed is refused', () => {
    const command =
      "if [ -d /tmp/f ]; then echo directory; elif [ ! -e /tmp/f ]; then echo absent; elif [ ! -f /tmp/f ]; then echo other; " +
      "else s=$(sha1 -q /tmp/f) && printf 'sha1 %s\\n' \"$s\" && if [ \"$s\" != - ]; then b64encode /tmp/f src; fi; fi";
    // The digest printed is not that of the content sent ("y\n", eQo=): the file changed between sha1 and b64encode.
    const host = { [command]: ok('sha1 6fcf9dbbd3e8b9ebfa4b8e8fa4a7c9f2d2f9f1d2\nbegin-base64 644 src\neQo=\n====\n') };
    const local = { path: '/c/f', kind: 'absent' };
    expect(() => planOne(host, [fetchModule, { src: '/tmp/f', dest: '/c/f', flat: true, local }])).toThrow('checksum mismatch: /tmp/f changed while it was read');
    expect(planOne(host, [fetchModule, { src: '/tmp/f', dest: '/c/f', flat: true, local, validate_checksum: false }]).controllerWrites).toEqual([{ path: '/c/f', content: 'eQo=' }]);
  });
});
