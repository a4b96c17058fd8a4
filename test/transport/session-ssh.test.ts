/**
 * SshTransport sessions beyond the shared contract: the one timer and the
 * channel slot that last the whole session, a drop while readUntil waits,
 * and become (sudo -S with a password, doas) against the ssh2 test server,
 * where a small shell function stands in for sudo.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { quote } from '../../src/shell/quote.js';
import type { BecomeOptions } from '../../src/transport/become.js';
import { knownHostsLine, knownHostsName } from '../../src/transport/known-hosts.js';
import { SshTransport, type SshOptions } from '../../src/transport/ssh.js';
import { runLocalShell } from '../helpers/local-shell.js';
import { generateEd25519, startSsh2Server, type Ssh2TestServer, type StreamingExecHandler } from '../helpers/ssh2-server.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { rejection } from '../helpers/session-asserts.js';

const PASSWORD = `pw-${randomBytes(6).toString('hex')}'"$ x`;
const SUDO = "sudo -S -k -p '' -- ";
const BOTH_MARKS = "printf 'M\\n'; printf 'M\\n' >&2";

/**
 * sudo -S as seen from its stdin: reads password lines (byte by byte, as
 * sudo does, leaving the rest to the command), says "Sorry, try again." to
 * each wrong one, and at EOF gives up as sudo does.
 */
const fakeSudo =
  'jf_sudo() { n=0; while IFS= read -r pw; do ' +
  `[ "$pw" = ${quote(PASSWORD)} ] && exec "$@"; n=$((n + 1)); printf 'Sorry, try again.\\n' >&2; done; ` +
  `printf '\\nsudo: no password was provided\\nsudo: %s incorrect password attempt\\n' "$n" >&2; exit 1; }; jf_sudo`;

const handler: StreamingExecHandler = {
  stream(command, io) {
    if (command.startsWith(SUDO)) return runLocalShell.stream(`${fakeSudo} ${command.slice(SUDO.length)}`, io);
    if (command.startsWith('doas -n ')) return runLocalShell.stream("printf 'doas: Authorization required\\n' >&2; exit 1", io);
    return runLocalShell.stream(command, io);
  },
};

let server: Ssh2TestServer;
let dir: string;
let base: SshOptions;
const open: SshTransport[] = [];

beforeAll(async () => {
  dir = await makeTempDir();
  const client = generateEd25519();
  const keyFile = join(dir, 'id_ed25519');
  await writeFile(keyFile, client.privateKey, { mode: 0o600 });
  server = await startSsh2Server({ authorizedKey: client.publicKey, handler });
  const knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, knownHostsLine(knownHostsName(server.address, server.port), server.hostKeyBlob));
  base = { host: 'session-test', address: server.address, port: server.port, user: 'jail', keyFile, agent: '', knownHostsFile, hostKeyChecking: 'strict', retries: 0 };
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

afterAll(async () => {
  await server.close();
  await removeDir(dir);
});

async function connect(overrides: Partial<SshOptions> = {}): Promise<SshTransport> {
  const transport = await SshTransport.connect({ ...base, ...overrides });
  open.push(transport);
  return transport;
}

describe('SshTransport sessions', () => {
  it('one timer covers the whole session: finish times out too, and the connection stays usable', async () => {
    const t = await connect();
    const session = await t.openSession(`${BOTH_MARKS}; cat >/dev/null; sleep 60`, { timeoutMs: 1_000 });
    expect(await session.readUntil('M')).toEqual({ stdout: 'M\n', stderr: 'M\n' });
    // No clock: sleep 60 outlasts the test's own timeout, so 'timeout' means the session's timer fired.
    expect((await rejection(session.finish('x'))).reason).toBe('timeout');
    expect(await t.exec('printf ok')).toEqual({ stdout: 'ok', stderr: '', code: 0 });
  });

  it('commandTimeoutMs applies when the session gives no timeout', async () => {
    const t = await connect({ commandTimeoutMs: 500 });
    const session = await t.openSession('sleep 5');
    expect((await rejection(session.readUntil('M'))).reason).toBe('timeout');
  });

  it('holds its channel slot until the channel closes', async () => {
    const t = await connect({ maxChannels: 1 });
    const order: string[] = [];
    const session = await t.openSession(`${BOTH_MARKS}; cat`);
    const exec = t.exec('printf e').then((r) => order.push(`exec ${r.stdout}`));
    await session.readUntil('M');
    const result = await session.finish('s');
    order.push(`session ${result.stdout}`);
    await exec;
    expect(order).toEqual(['session M\ns', 'exec e']);
    expect(t.channels()).toBe(2);
  });

  it('a drop while readUntil waits rejects it with dropped and the output so far', async () => {
    const t = await connect();
    const session = await t.openSession("printf 'before\\n'; printf 'before\\n' >&2; sleep 5");
    expect(await session.readUntil('before')).toEqual({ stdout: 'before\n', stderr: 'before\n' });
    const reading = rejection(session.readUntil('M'));
    server.dropAll();
    const err = await reading;
    expect(err.reason).toBe('dropped');
    expect(err.partial).toEqual({ stdout: 'before\n', stderr: 'before\n' });
    expect((await rejection(session.finish('x'))).reason).toBe('dropped');
  });
});

describe('SshTransport sessions with become', () => {
  const become = (b: BecomeOptions): Promise<SshTransport> => connect({ become: b });

  it('sudo -S: the password line goes first, the rest of stdin reaches the command, the password is redacted', async () => {
    const t = await become({ method: 'sudo', password: PASSWORD });
    // The command prints the password itself: what the caller sees must not carry it.
    const session = await t.openSession(`printf '%s\\n' ${quote(PASSWORD)} M; printf 'M\\n' >&2; x=$(cat); printf 'got %s\\n' "$x"`);
    expect(await session.readUntil('M')).toEqual({ stdout: '***\nM\n', stderr: 'M\n' });
    expect(await session.finish('apply')).toEqual({ stdout: '***\nM\ngot apply\n', stderr: 'M\n', code: 0 });
  });

  it('a wrong sudo password: an auth error at once, the apply script never sent as a second password', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const t = await become({ method: 'sudo', password: wrong });
    const session = await t.openSession(`${BOTH_MARKS}; cat`, { timeoutMs: 10_000 });
    // 'auth', not 'timeout' (10 s): sudo's refusal ended the session at once.
    const err = await rejection(session.readUntil('M'));
    expect(err.reason).toBe('auth');
    // Had stdin stayed open, sudo would wait for another password until the timeout (and read the apply script as one).
    expect(err.message).toMatch(/become \(sudo\) failed: .*incorrect password/);
    expect(err.message).not.toContain(wrong);
    expect((await rejection(session.finish('apply'))).reason).toBe('auth');
  });

  it('a refused doas: readUntil and finish reject with auth', async () => {
    const t = await become({ method: 'doas' });
    const session = await t.openSession(`${BOTH_MARKS}; cat`);
    const err = await rejection(session.readUntil('M'));
    expect(err.reason).toBe('auth');
    expect(err.message).toMatch(/permit nopass/);
    expect((await rejection(session.finish(''))).reason).toBe('auth');
  });
});
