import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/inventory/types.js';
import { BECOME_PASSWORD_ENV, becomeExec, becomeFailure, becomePasswordFromEnv } from '../../src/transport/become.js';
import { knownHostsLine, knownHostsName } from '../../src/transport/known-hosts.js';
import { buildSshOptions } from '../../src/transport/ssh-config.js';
import { SshTransport, type SshOptions } from '../../src/transport/ssh.js';
import { generateEd25519, startSsh2Server, type Ssh2TestServer } from '../helpers/ssh2-server.js';
import { skipWithoutSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { skipUnless } from '../helpers/requires.js';
import { rejection } from '../helpers/session-asserts.js';

const run = promisify(execFile);
const PASSWORD = `pw-${randomBytes(6).toString('hex')}'"$ x`;

describe('becomeExec', () => {
  it('wraps for sudo without a password: non-interactive, through /bin/sh, stdin untouched', () => {
    expect(becomeExec(`printf '%s' "it's"`, 'in', { method: 'sudo' })).toEqual({
      commandLine: `sudo -n -- /bin/sh -c 'printf '\\''%s'\\'' "it'\\''s"'`,
      stdin: 'in',
    });
  });

  it('wraps for sudo with a password: the password is the first stdin line, never in the command line; the command skips to the mark', () => {
    const wrapped = becomeExec('cat', 'data\n', { method: 'sudo', password: PASSWORD });
    // Whether sudo read the password line or not (NOPASSWD, root), the command drops everything up to the mark line.
    expect(wrapped.commandLine).toBe(
      `sudo -S -k -p '' -- /bin/sh -c 'while IFS= read -r jf_become_line; do [ "$jf_become_line" = jailfleet-become:stdin-follows ] && break; done; cat'`,
    );
    expect(wrapped.commandLine).not.toContain(PASSWORD);
    expect(wrapped.stdin?.toString()).toBe(`${PASSWORD}\njailfleet-become:stdin-follows\ndata\n`);
    expect(becomeExec('id -u', undefined, { method: 'sudo', password: PASSWORD }).stdin?.toString()).toBe(`${PASSWORD}\njailfleet-become:stdin-follows\n`);
  });

  it('wraps for doas, which never gets the password', () => {
    expect(becomeExec('id -u', undefined, { method: 'doas', password: PASSWORD })).toEqual({ commandLine: "doas -n /bin/sh -c 'id -u'" });
  });

  it('tells escalation failures from the command failing', () => {
    expect(becomeFailure('sudo', 1, 'Sorry, try again.\nsudo: 1 incorrect password attempt\n', true)).toMatch(/incorrect password/);
    expect(becomeFailure('sudo', 1, 'sudo: a password is required\n', false)).toMatch(new RegExp(BECOME_PASSWORD_ENV));
    expect(becomeFailure('doas', 1, 'doas: Authorization required\n', false)).toMatch(/nopass/);
    expect(becomeFailure('sudo', 1, 'grep: sudo: a password is required\n', false)).toBeUndefined();
    expect(becomeFailure('sudo', 2, 'sudo: a password is required\n', false)).toBeUndefined();
  });

  it('reads the password from the environment only', () => {
    expect(becomePasswordFromEnv({ [BECOME_PASSWORD_ENV]: 'pw' })).toBe('pw');
    expect(becomePasswordFromEnv({ [BECOME_PASSWORD_ENV]: '' })).toBeUndefined();
  });
});

describe('buildSshOptions become', () => {
  const conn = (become?: 'sudo' | 'doas'): Connection => ({ transport: 'ssh', address: 'h', hostKeyChecking: 'strict', ...(become ? { become } : {}) });

  it('passes the inventory become method and the password to SshOptions', () => {
    expect(buildSshOptions(conn('sudo'), 'h', { configText: '', becomePassword: 'pw' }).become).toEqual({ method: 'sudo', password: 'pw' });
    expect(buildSshOptions(conn('doas'), 'h', { configText: '', becomePassword: 'pw' }).become).toEqual({ method: 'doas' });
    expect(buildSshOptions(conn(), 'h', { configText: '', becomePassword: 'pw' }).become).toBeUndefined();
  });
});

describe('become over the ssh2 test server (exact command line received)', () => {
  let server: Ssh2TestServer;
  let dir: string;
  let base: SshOptions;
  const received: Array<{ command: string; stdin: string }> = [];
  let reply = { stdout: '0\n', stderr: '', code: 0 };

  beforeAll(async () => {
    dir = await makeTempDir();
    const client = generateEd25519();
    const keyFile = join(dir, 'id');
    await writeFile(keyFile, client.privateKey, { mode: 0o600 });
    server = await startSsh2Server({
      authorizedKey: client.publicKey,
      handler: async (command, stdin) => {
        received.push({ command, stdin: stdin.toString() });
        return reply;
      },
    });
    const knownHostsFile = join(dir, 'known_hosts');
    await writeFile(knownHostsFile, knownHostsLine(knownHostsName(server.address, server.port), server.hostKeyBlob));
    base = { host: 'fake', address: server.address, port: server.port, user: 'jail', keyFile, agent: '', knownHostsFile, hostKeyChecking: 'strict', retries: 0 };
  });

  afterAll(async () => {
    await server.close();
    await removeDir(dir);
  });

  it('sends the sudo -S wrapper and the password on stdin, and a doas refusal is an auth error', async () => {
    const sudo = await SshTransport.connect({ ...base, become: { method: 'sudo', password: PASSWORD } });
    reply = { stdout: '0\n', stderr: '', code: 0 };
    expect(await sudo.exec("printf '%s' x", { stdin: 'body' })).toEqual(reply);
    expect(received.at(-1)).toEqual({
      command: `sudo -S -k -p '' -- /bin/sh -c 'while IFS= read -r jf_become_line; do [ "$jf_become_line" = jailfleet-become:stdin-follows ] && break; done; printf '\\''%s'\\'' x'`,
      stdin: `${PASSWORD}\njailfleet-become:stdin-follows\nbody`,
    });
    await sudo.close();

    const doas = await SshTransport.connect({ ...base, become: { method: 'doas' } });
    reply = { stdout: '', stderr: 'doas: Authorization required\n', code: 1 };
    const err = await rejection(doas.exec('id -u'));
    expect(received.at(-1)).toEqual({ command: "doas -n /bin/sh -c 'id -u'", stdin: '' });
    expect(err.reason).toBe('auth');
    expect(err.message).toMatch(/permit nopass/);
    await doas.close();
  });
});

const canManageUsers = ['/usr/bin/sudo', '/usr/bin/doas', '/usr/sbin/useradd', '/usr/sbin/userdel', '/usr/sbin/chpasswd'].every((f) => existsSync(f));
// Under CI (.ci/run installs sudo and doas) a missing tool must fail, not skip.
const skipReal =
  skipWithoutSshd() || skipUnless(canManageUsers || process.env.CI === 'true', 'become tests: sudo, doas, useradd, userdel and chpasswd are needed (apt-get install -y sudo opendoas passwd)');
/** opendoas's configuration (doas.conf(5)); none exists on Debian until written. */
const DOAS_CONF = '/etc/doas.conf';

describe.skipIf(skipReal)('become against OpenSSH sshd with a temporary non-root user, sudo and doas', () => {
  const user = `jftest${randomBytes(3).toString('hex')}`;
  const dropIn = `/etc/sudoers.d/jailfleet-test-${randomBytes(4).toString('hex')}`;
  let sshd: Sshd;
  let home: string;
  let knownHostsFile: string;

  const sudoers = async (rule: string): Promise<void> => {
    await writeFile(dropIn, `${user} ALL=(ALL) ${rule}\n`, { mode: 0o440 });
    await run('visudo', ['-c', '-q', '-f', dropIn]);
  };

  /** The machine's doas.conf as it was (restored after), or undefined when it had none. */
  let doasConfBefore: string | undefined;
  const doasConf = async (rule: string): Promise<void> => {
    await writeFile(DOAS_CONF, `${rule}\n`, { mode: 0o600 });
    // doas -C: check the file's syntax (doas(1)), as visudo -c does for sudoers.
    await run('doas', ['-C', DOAS_CONF]);
  };

  const connect = (password?: string, method: 'sudo' | 'doas' = 'sudo'): Promise<SshTransport> =>
    SshTransport.connect({
      host: 'become-test',
      address: sshd.address,
      port: sshd.port,
      user,
      keyFile: sshd.clientKeyFile,
      agent: '',
      knownHostsFile,
      hostKeyChecking: 'strict',
      retries: 0,
      become: { method, ...(password !== undefined ? { password } : {}) },
    });

  beforeAll(async () => {
    doasConfBefore = existsSync(DOAS_CONF) ? await readFile(DOAS_CONF, 'utf8') : undefined;
    sshd = await startSshd();
    home = await makeTempDir('jailfleet-become-home-');
    // The user must reach its home dir (sshd chdirs there) inside our root-only temp dir.
    await chmod(home, 0o755);
    await run('useradd', ['-m', '-d', join(home, user), '-s', '/bin/sh', user]);
    // With UsePAM no, sshd refuses a locked ('!') account: give it a password.
    await run('/bin/sh', ['-c', `printf '%s:%s\\n' "$1" "$2" | chpasswd`, 'sh', user, PASSWORD]);
    // sshd reads authorized_keys as the user; the helper's dir is root-only.
    await chmod(sshd.dir, 0o755);
    await chmod(join(sshd.dir, 'authorized_keys'), 0o644);
    knownHostsFile = join(home, 'known_hosts');
    await writeFile(knownHostsFile, `${knownHostsName(sshd.address, sshd.port)} ${sshd.hostPublicKey}\n`);
  });

  afterAll(async () => {
    await rm(dropIn, { force: true });
    if (doasConfBefore === undefined) await rm(DOAS_CONF, { force: true });
    else await writeFile(DOAS_CONF, doasConfBefore, { mode: 0o600 });
    await run('userdel', ['-f', user]).catch(() => undefined);
    await sshd?.stop();
    await removeDir(home);
  });

  it('logs in as the user, who is not root without become', async () => {
    const plain = await SshTransport.connect({
      host: 'plain',
      address: sshd.address,
      port: sshd.port,
      user,
      keyFile: sshd.clientKeyFile,
      agent: '',
      knownHostsFile,
      hostKeyChecking: 'strict',
      retries: 0,
    });
    expect((await plain.exec('id -u')).stdout).not.toBe('0\n');
    expect(await plain.exec('id -un')).toEqual({ stdout: `${user}\n`, stderr: '', code: 0 });
    await plain.close();
  });

  it('NOPASSWD: id -u is 0 and stdin reaches the command', async () => {
    await sudoers('NOPASSWD: ALL');
    const t = await connect();
    expect(await t.exec('id -u')).toEqual({ stdout: '0\n', stderr: '', code: 0 });
    expect(await t.exec(`cat; printf '%s\\n' "it's $(id -un)"`, { stdin: 'body\n' })).toEqual({ stdout: "body\nit's root\n", stderr: '', code: 0 });
    expect((await t.exec('exit 42')).code).toBe(42);
    await t.close();
  });

  it('NOPASSWD with a password set: sudo asks for nothing, and the password line still never reaches the command', async () => {
    await sudoers('NOPASSWD: ALL');
    const t = await connect(PASSWORD);
    expect(await t.exec('cat', { stdin: 'payload\n' })).toEqual({ stdout: 'payload\n', stderr: '', code: 0 });
    expect(await t.exec('id -u')).toEqual({ stdout: '0\n', stderr: '', code: 0 });
    const session = await t.openSession(`id -u; printf 'M\\n'; printf 'M\\n' >&2; x=$(cat); printf '%s\\n' "$x"`);
    expect(await session.readUntil('M')).toEqual({ stdout: '0\nM\n', stderr: 'M\n' });
    expect(await session.finish('apply')).toEqual({ stdout: '0\nM\napply\n', stderr: 'M\n', code: 0 });
    await t.close();
  });

  it('password: id -u is 0 on every exec of one connection, and the password never reaches the command', async () => {
    await sudoers('ALL');
    const t = await connect(PASSWORD);
    for (let i = 0; i < 3; i++) {
      expect(await t.exec('id -u')).toEqual({ stdout: '0\n', stderr: '', code: 0 });
      expect(await t.exec('cat', { stdin: 'payload\n' })).toEqual({ stdout: 'payload\n', stderr: '', code: 0 });
    }
    await t.close();
  });

  it('password, session: sudo takes the password line, the rest of stdin reaches the command, the password never shows', async () => {
    await sudoers('ALL');
    const t = await connect(PASSWORD);
    const session = await t.openSession(`id -u; printf 'M\\n'; printf 'M\\n' >&2; x=$(cat); printf '%s\\n' "$x"`);
    expect(await session.readUntil('M')).toEqual({ stdout: '0\nM\n', stderr: 'M\n' });
    // Exact output: had the password line reached the command, it would show here (redacted to ***).
    expect(await session.finish('apply')).toEqual({ stdout: '0\nM\napply\n', stderr: 'M\n', code: 0 });
    await t.close();
  });

  it('a wrong password, session: an auth error as soon as sudo asks again, not a wait for the timeout', async () => {
    await sudoers('ALL');
    const wrong = `${PASSWORD}-wrong`;
    const t = await connect(wrong);
    const session = await t.openSession(`printf 'M\\n'; printf 'M\\n' >&2; cat`, { timeoutMs: 15_000 });
    const err = await rejection(session.readUntil('M'));
    expect(err.reason).toBe('auth');
    expect(err.message).toMatch(/become \(sudo\) failed: .*incorrect password/);
    expect(err.message).not.toContain(wrong);
    await t.close();
  }, 20_000);

  it('password required but none given: a clear auth error naming the variable', async () => {
    await sudoers('ALL');
    const t = await connect();
    const err = await rejection(t.exec('id -u'));
    expect(err.reason).toBe('auth');
    expect(err.message).toContain(BECOME_PASSWORD_ENV);
    await t.close();
  });

  it('a wrong password: a clear auth error that does not contain the password', async () => {
    await sudoers('ALL');
    const wrong = `${PASSWORD}-wrong`;
    const t = await connect(wrong);
    const err = await rejection(t.exec('id -u', { stdin: 'more lines\nthat sudo may read\n' }));
    expect(err.reason).toBe('auth');
    expect(err.message).toMatch(/become \(sudo\) failed: .*incorrect password/);
    expect(err.message).not.toContain(wrong);
    expect(err.message).not.toContain(PASSWORD);
    await t.close();
  }, 20_000);

  it('doas with a "permit nopass" rule: id -u is 0, stdin reaches the command, exit codes come through', async () => {
    await doasConf(`permit nopass ${user} as root`);
    const t = await connect(undefined, 'doas');
    expect(await t.exec('id -u')).toEqual({ stdout: '0\n', stderr: '', code: 0 });
    expect(await t.exec(`cat; printf '%s\\n' "it's $(id -un)"`, { stdin: 'body\n' })).toEqual({ stdout: "body\nit's root\n", stderr: '', code: 0 });
    expect((await t.exec('exit 42')).code).toBe(42);
    await t.close();
  });

  it('doas with a rule that wants a password: an auth error that says to add "permit nopass"', async () => {
    // doas -n cannot prompt: opendoas answers "doas: Authentication required" (doas.c, -n with a rule without nopass).
    await doasConf(`permit ${user} as root`);
    const t = await connect(undefined, 'doas');
    const err = await rejection(t.exec('id -u'));
    expect(err.reason).toBe('auth');
    expect(err.message).toContain('add a "permit nopass" rule for this user in doas.conf');
    await t.close();
  });

  it('doas with no rule for the user: the same auth error, not a command failure', async () => {
    // No matching rule: "doas: Operation not permitted" (doas.c permit() fails).
    await doasConf('permit nopass root as root');
    const t = await connect(undefined, 'doas');
    const err = await rejection(t.exec('id -u'));
    expect(err.reason).toBe('auth');
    expect(err.message).toContain('permit nopass');
    await t.close();
  });
});
