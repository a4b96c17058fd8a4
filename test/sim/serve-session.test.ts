/**
 * Sessions on the simulator served over SSH (sim serve, npm start): the
 * server starts an exec at once, sends what the command printed before it
 * first reads stdin while stdin is still open, and replays it with the whole
 * stdin at EOF. Driven with the real SshTransport and with a raw ssh2 client
 * (to see what arrives before stdin is closed).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import { servedSimHost } from '../../src/sim/serve-exec.js';
import { generateSshKeyPair, startSimSshServer, type SimSshServer } from '../../src/sim/ssh-server.js';
import { loadState, saveState } from '../../src/sim/state-file.js';
import type { SimTransportFaults } from '../../src/sim/transport.js';
import { quote } from '../../src/shell/quote.js';
import { knownHostsName } from '../../src/transport/known-hosts.js';
import { SshTransport } from '../../src/transport/ssh.js';
import type { SessionPrefix } from '../../src/transport/transport.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { isPrefix, rejection } from '../helpers/session-asserts.js';

const { Client } = ssh2;

const MARK = '@@jf:n0nce:ready';
const PICKER = 'if command -v lockf >/dev/null 2>&1; then lockf -k -t 5 /var/run/x.lock "$@"; fi';
const GATHER = 'echo "host $(hostname)"\necho gathering >&2';

function locked(script: string): string {
  return `/bin/sh -c ${quote(PICKER)} lock /bin/sh -c ${quote(script)}`;
}

function sessionScript(gather: string): string {
  return [gather, `printf '%s\\n' ${MARK}; printf '%s\\n' ${MARK} >&2`, 'jf_apply=$(cat)', '[ -n "$jf_apply" ] || exit 0', 'eval "$jf_apply"', ''].join('\n');
}

const SESSION = locked(sessionScript(GATHER));
const PREFIX: SessionPrefix = { stdout: `host sim1\n${MARK}\n`, stderr: `gathering\n${MARK}\n` };

let dir: string;
let server: SimSshServer;
let keyFile: string;
let clientKey: string;
let knownHostsFile: string;
/** Phase-1 commands of SESSION: a dropAfterCommands above it drops in phase 2. */
let phase1Commands = 0;

const statePath = (name: string): string => join(dir, `${name}.json`);

function fileHost(name: string, faults?: SimTransportFaults) {
  const path = statePath(name);
  return servedSimHost({
    name,
    statePath: path,
    open: () => {
      const sim = new SimHost(name, loadState(path) ?? freshHostState({ hostname: 'sim1', address: '192.0.2.50' }));
      return { sim, save: () => saveState(path, sim.state) };
    },
    ...(faults ? { faults } : {}),
  });
}

beforeAll(async () => {
  dir = await makeTempDir('jailfleet-serve-session-');
  for (let n = 1; n < 500; n++) {
    try {
      new SimHost('probe', freshHostState({ hostname: 'sim1', address: '192.0.2.50' })).startSession(SESSION, { faults: { dropAfterCommands: n } });
      phase1Commands = n;
      break;
    } catch {
      // dropped in phase 1: try a bigger budget
    }
  }
  const client = generateSshKeyPair('serve-session');
  clientKey = client.privateKey;
  keyFile = join(dir, 'id_ed25519');
  await writeFile(keyFile, client.privateKey, { mode: 0o600 });
  server = await startSimSshServer({
    authorizedKeys: [client.publicKey],
    hosts: [
      fileHost('plain'),
      fileHost('raw'),
      fileHost('bytes', { dropAfterBytes: PREFIX.stdout.length + 2 }),
      fileHost('cmds', { dropAfterCommands: phase1Commands + 3 }),
      fileHost('slow', { slowMs: 300 }),
    ],
  });
  await writeFile(join(dir, 'known_hosts'), server.hosts.map((h) => `${knownHostsName('127.0.0.1', h.port)} ${h.hostKey}\n`).join(''));
  knownHostsFile = join(dir, 'known_hosts');
});

afterAll(async () => {
  await server?.close();
  await removeDir(dir);
});

function portOf(name: string): number {
  return server.hosts.find((h) => h.name === name)!.port;
}

function connect(name: string): Promise<SshTransport> {
  return SshTransport.connect({ host: name, address: '127.0.0.1', port: portOf(name), user: 'root', keyFile, agent: '', knownHostsFile, hostKeyChecking: 'strict' });
}


/** Whether `p` has settled after the event loop had time to run everything that was ready. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  return done;
}

describe('sessions on the SSH-served simulator (SshTransport)', () => {
  it('reads the gather, applies the script sent on stdin and saves the state after each phase', async () => {
    const t = await connect('plain');
    try {
      const session = await t.openSession(SESSION);
      expect(await session.readUntil(MARK)).toEqual(PREFIX);
      // Phase 1 is saved: the lock file exists, nothing is applied yet.
      expect(loadState(statePath('plain'))!.fs['/var/run/x.lock']).toBeDefined();
      expect(loadState(statePath('plain'))!.fs['/tmp/f']).toBeUndefined();
      const result = await session.finish('printf applied > /tmp/f\necho done\n');
      expect(result).toEqual({ stdout: `${PREFIX.stdout}done\n`, stderr: PREFIX.stderr, code: 0 });
      expect(loadState(statePath('plain'))!.fs['/tmp/f']).toMatchObject({ kind: 'file', content: 'applied' });
      expect(t.channels()).toBe(1);

      // Empty input: the command reads EOF and exits 0.
      const idle = await t.openSession(SESSION);
      expect(await idle.readUntil(MARK)).toEqual(PREFIX);
      expect(await idle.finish('')).toEqual({ ...PREFIX, code: 0 });

      // A command that never reads stdin ends on its own.
      const busy = await t.openSession(locked('echo busy >&2; exit 75'));
      expect(await busy.readUntil(MARK)).toEqual({ ended: { stdout: '', stderr: 'busy\n', code: 75 } });
      expect(await busy.finish('')).toEqual({ stdout: '', stderr: 'busy\n', code: 75 });

      // Plain execs that read stdin first behave as before.
      expect(await t.exec("cat > /tmp/in; wc -l < /tmp/in | tr -d ' '", { stdin: 'a\nb\n' })).toEqual({ stdout: '2\n', stderr: '', code: 0 });
      expect(await t.exec('cat /tmp/f')).toEqual({ stdout: 'applied', stderr: '', code: 0 });
    } finally {
      await t.close();
    }
  });

  it('fails the session, instead of inventing output, when the state file changed between the phases', async () => {
    const t = await connect('plain');
    try {
      const session = await t.openSession(locked(sessionScript('cat /etc/motd 2>/dev/null; echo facts')));
      expect(isPrefix(await session.readUntil(MARK))).toBe(true);
      // `jailfleet sim exec` changing the host meanwhile: the server reloads the state file.
      const other = new SimHost('plain', loadState(statePath('plain'))!);
      other.exec("printf 'changed\\n' > /etc/motd");
      saveState(statePath('plain'), other.state);
      const result = await session.finish('touch /tmp/g');
      expect(result.code).toBe(255);
      expect(result.stderr).toMatch(/jailfleet sim: internal error: .*changed between reading its output and sending its input/);
    } finally {
      await t.close();
    }
  });

  it('cuts the connection after the prefix when the byte budget runs out (dropAfterBytes)', async () => {
    const t = await connect('bytes');
    try {
      const session = await t.openSession(SESSION);
      expect(await session.readUntil(MARK)).toEqual(PREFIX);
      const err = await rejection(session.finish('echo applied'));
      expect(err.reason).toBe('dropped');
      expect(err.partial).toEqual({ stdout: `${PREFIX.stdout}ap`, stderr: PREFIX.stderr });
      // The command ran to its end on the host.
      expect(loadState(statePath('bytes'))!.fs['/var/run/x.lock']).toBeDefined();
    } finally {
      await t.close();
    }
  });

  it('drops the connection during phase 2 (dropAfterCommands), after the prefix arrived', async () => {
    const t = await connect('cmds');
    try {
      const session = await t.openSession(SESSION);
      expect(await session.readUntil(MARK)).toEqual(PREFIX);
      const err = await rejection(session.finish('touch /tmp/a1\ntouch /tmp/a2\ntouch /tmp/a3\ntouch /tmp/a4\ntouch /tmp/a5'));
      expect(err.reason).toBe('dropped');
      // What ran before the drop was saved; the rest never ran.
      const fs = loadState(statePath('cmds'))!.fs;
      expect(fs['/tmp/a1']).toBeDefined();
      expect(fs['/tmp/a5']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('makes a second run wait for the lock a waiting session holds, and frees it when that connection closes', async () => {
    const [a, b] = [await connect('plain'), await connect('plain')];
    try {
      const script = locked(sessionScript('cat /var/log/order 2>/dev/null; echo gathered'));
      const first = await a.openSession(script);
      expect(isPrefix(await first.readUntil(MARK))).toBe(true);
      const second = await b.openSession(script);
      const reading = second.readUntil(MARK);
      expect(await settled(reading)).toBe(false);
      await first.finish('echo A >> /var/log/order');
      expect(await reading).toEqual({ stdout: `A\ngathered\n${MARK}\n`, stderr: `${MARK}\n` });

      // b's session waits holding the lock; a third run waits, until b's connection goes away.
      const c = await connect('plain');
      try {
        const third = await c.openSession(script);
        const waiting = third.readUntil(MARK);
        expect(await settled(waiting)).toBe(false);
        await b.close();
        expect(await waiting).toEqual({ stdout: `A\ngathered\n${MARK}\n`, stderr: `${MARK}\n` });
        await third.finish('');
      } finally {
        await c.close();
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('applies slowMs when the exec starts, then serves the session', async () => {
    const t = await connect('slow');
    try {
      const started = Date.now();
      const session = await t.openSession(SESSION);
      expect(await session.readUntil(MARK)).toEqual(PREFIX);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect((await session.finish('echo ok')).stdout).toBe(`${PREFIX.stdout}ok\n`);
    } finally {
      await t.close();
    }
  });
});

interface RawRun {
  /** Output that arrived before stdin was closed. */
  early: { stdout: string; stderr: string };
  stdout: string;
  stderr: string;
  code: number | undefined;
}

/** One exec with a raw ssh2 client: wait until `ready` says the output so far will do, then send `input` and close stdin. */
function rawExec(command: string, ready: (stdout: string, stderr: string) => boolean, input: string): Promise<RawRun> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    conn.on('error', reject);
    conn.on('ready', () => {
      conn.exec(command, (err, stream) => {
        if (err) return reject(err);
        let stdout = '';
        let stderr = '';
        let code: number | undefined;
        let early: RawRun['early'] | undefined;
        const check = (): void => {
          if (early || !ready(stdout, stderr)) return;
          early = { stdout, stderr };
          stream.end(input);
        };
        stream.on('data', (d: Buffer) => {
          stdout += d.toString('utf8');
          check();
        });
        stream.stderr.on('data', (d: Buffer) => {
          stderr += d.toString('utf8');
          check();
        });
        stream.on('exit', (c: number) => (code = c));
        stream.on('close', () => {
          conn.end();
          resolve({ early: early ?? { stdout, stderr }, stdout, stderr, code });
        });
        check();
      });
    });
    conn.connect({ host: '127.0.0.1', port: portOf('raw'), username: 'root', privateKey: clientKey, hostVerifier: () => true });
  });
}

describe('the sim SSH server with a raw ssh2 client', () => {
  it('sends the prefix while stdin is open, then the rest once stdin is closed', async () => {
    const hasMarker = (out: string, err: string): boolean => out.includes(`${MARK}\n`) && err.includes(`${MARK}\n`);
    const run = await rawExec(SESSION, hasMarker, 'echo applied; exit 3');
    expect(run.early).toEqual(PREFIX);
    expect(run).toMatchObject({ stdout: `${PREFIX.stdout}applied\n`, stderr: PREFIX.stderr, code: 3 });
  });

  it('answers a command that never reads stdin without waiting for EOF', async () => {
    // Never ready: stdin is closed only when the channel closes.
    const run = await rawExec(locked('echo hello'), () => false, '');
    expect(run).toMatchObject({ stdout: 'hello\n', stderr: '', code: 0 });
  });

  it('gives a command that reads stdin first the whole stdin, as before', async () => {
    const run = await rawExec("cat > /tmp/raw; echo \"got $(wc -c < /tmp/raw | tr -d ' ')\"", () => true, 'twelve bytes');
    expect(run).toMatchObject({ stdout: 'got 12\n', stderr: '', code: 0 });
  });
});
