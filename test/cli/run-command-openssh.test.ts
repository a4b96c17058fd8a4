/**
 * `jailfleet run` over real OpenSSH (issue 15): the CLI in-process against
 * a Debian sshd started by the test on 127.0.0.x, through an inventory
 * file, with strict host-key checking. The command runs by /bin/sh -c in
 * one exec per host; a host whose key is not known is unreachable (exit 3);
 * --timeout and a non-zero exit are failures (exit 1); nothing of
 * jailfleet's (lock, session log) is left on the host. With a non-root
 * login user and `become: sudo`, the command runs as that user unless
 * --become is given.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownHostsName } from '../../src/transport/known-hosts.js';
import { cli, events } from '../helpers/cli.js';
import { skipUnless } from '../helpers/requires.js';
import { skipWithoutSshd, sshdInventoryHost, startSshd, type Sshd } from '../helpers/sshd.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';

const exec = promisify(execFile);

describe.skipIf(skipWithoutSshd())('jailfleet run against one OpenSSH host', () => {
  let sshd: Sshd;
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir();
    sshd = await startSshd({ extraConfig: [`SetEnv JAILFLEET_DB_DIR=${dir}/db`] });
    await writeFile(join(dir, 'known_hosts'), `${knownHostsName(sshd.address, sshd.port)} ${sshd.hostPublicKey}\n`);
    await writeFile(join(dir, 'empty_known_hosts'), '');
    const host = (name: string, knownHosts: string): string => sshdInventoryHost(sshd, name, join(dir, knownHosts));
    // stranger: the same sshd, but its key is in no known_hosts file of ours.
    await writeFile(join(dir, 'inventory.yml'), ['all:', '  hosts:', host('deb1', 'known_hosts'), host('stranger', 'empty_known_hosts'), ''].join('\n'));
  });

  afterAll(async () => {
    await sshd?.stop();
    await removeDir(dir);
  });

  it('runs the words by /bin/sh -c, as ssh would, and leaves no lock or session log', async () => {
    const r = await cli(dir, 'run', 'deb1', '-i', 'inventory.yml', '--', `printf '%s|' "$0" 'a b' "it's" $((6 * 7)); echo; uname -s`);
    expect(r).toEqual({ code: 0, stdout: "deb1 | rc=0 >>\n/bin/sh|a b|it's|42|\nLinux\n", stderr: '' });
    expect(existsSync(join(dir, 'db'))).toBe(false);
  });

  it('a host whose key is unknown is UNREACHABLE! (strict checking): exit 3', async () => {
    const r = await cli(dir, 'run', 'all', '-i', 'inventory.yml', '--', 'hostname >/dev/null; echo ok');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^deb1 \| rc=0 >>\nok\nstranger \| UNREACHABLE! => hostkey: .*SHA256:/);
    expect(r.stderr).toBe('run: 2 hosts: 1 ok, 1 unreachable (stranger)\n');
  });

  it('a non-zero exit and a command past --timeout are failures: exit 1', async () => {
    const r = await cli(dir, 'run', 'deb1', '-i', 'inventory.yml', '--json', '--', 'echo before; echo why >&2; exit 7');
    expect(r.code).toBe(1);
    expect(events(r.stdout)).toEqual([
      { type: 'run_result', host: 'deb1', rc: 7, stdout: 'before\n', stderr: 'why\n' },
      { type: 'run_summary', hosts: 1, ok: [], failed: ['deb1'], unreachable: [], not_run: [], interrupted: false, exit_code: 1 },
    ]);
    const slow = await cli(dir, 'run', 'deb1', '-i', 'inventory.yml', '--timeout', '1', '--', 'sleep 5');
    expect(slow.code).toBe(1);
    expect(slow.stdout).toMatch(/^deb1 \| FAILED! => timed out: no result within 1 s/);
  });
});

const canAddUser = ['/usr/bin/sudo', '/usr/sbin/useradd', '/usr/sbin/userdel', '/usr/sbin/chpasswd', '/usr/sbin/visudo'].every((f) => existsSync(f));
// Under CI (.ci/run installs sudo) a missing tool must fail, not skip.
const skipBecome = skipWithoutSshd() || skipUnless(canAddUser || process.env.CI === 'true', 'run --become tests: sudo, useradd, userdel and chpasswd are needed (apt-get install -y sudo passwd)');

describe.skipIf(skipBecome)('jailfleet run --become with a non-root login user and become: sudo', () => {
  const user = `jfrun${randomBytes(3).toString('hex')}`;
  const dropIn = `/etc/sudoers.d/jailfleet-run-test-${randomBytes(4).toString('hex')}`;
  let sshd: Sshd;
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir();
    sshd = await startSshd();
    // The user's home must be reachable inside our root-only temp dir; sshd reads authorized_keys as the user.
    await chmod(dir, 0o755);
    await exec('useradd', ['-m', '-d', join(dir, user), '-s', '/bin/sh', user]);
    // With UsePAM no, sshd refuses a locked ('!') account: give it a password.
    await exec('/bin/sh', ['-c', `printf '%s:%s\\n' "$1" "$2" | chpasswd`, 'sh', user, randomBytes(12).toString('hex')]);
    await chmod(sshd.dir, 0o755);
    await chmod(join(sshd.dir, 'authorized_keys'), 0o644);
    await writeFile(dropIn, `${user} ALL=(ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
    await exec('visudo', ['-c', '-q', '-f', dropIn]);
    await writeFile(join(dir, 'known_hosts'), `${knownHostsName(sshd.address, sshd.port)} ${sshd.hostPublicKey}\n`);
    await writeFile(join(dir, 'inventory.yml'), ['all:', '  hosts:', sshdInventoryHost(sshd, 'deb1', join(dir, 'known_hosts'), { user, become: 'sudo' }), ''].join('\n'));
  });

  afterAll(async () => {
    await rm(dropIn, { force: true });
    await exec('userdel', ['-f', user]).catch(() => undefined);
    await sshd?.stop();
    await removeDir(dir);
  });

  it('without --become the command runs as the login user; with it, as root through sudo', async () => {
    const cmd = 'echo "$(id -un) ${SUDO_USER:-no-sudo}"';
    expect(await cli(dir, 'run', 'all', '-i', 'inventory.yml', '--', cmd)).toEqual({ code: 0, stdout: `deb1 | rc=0 >>\n${user} no-sudo\n`, stderr: '' });
    expect(await cli(dir, 'run', 'all', '-i', 'inventory.yml', '--become', '--', cmd)).toEqual({ code: 0, stdout: `deb1 | rc=0 >>\nroot ${user}\n`, stderr: '' });
  });
});
