/**
 * Sessions on the simulator served over SSH (sim serve, npm start): the
 * server starts an exec at once, hands each chunk of stdin to the command as
 * it arrives and sends back what it prints as it prints it; EOF ends its
 * input. Driven with the real SshTransport (the engine's session script,
 * round by round) and with a raw ssh2 client (to see what arrives while
 * stdin is still open, and stdin split anywhere).
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
import { SimTransport } from '../../src/sim/transport.js';
import { LOCK, lockedSession, ready, round, roundOutput } from './session-script.js';
import { simHost } from '../helpers/sim-host.js';

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

/** The engine's session script, with a gather that appends one line per run of it. */
const ROUNDS = lockedSession(['hostname', 'echo gathered >> /tmp/gathers']);
const ROUND0 = roundOutput(0, [{ out: 'sim1\n' }, {}]);
const append = (text: string): string => `printf '%s\\n' '${text}' >> /tmp/log`;
/** A round, sent twice: the second time only a count that went on from the first can stop it. */
const TWIN = round([append('again')], ['cat /tmp/log']);
/** The dropAfterCommands budget that lets round 1 through and drops round 2 (found in process, beforeAll). */
let twinBudget = 0;

/** The smallest budget with which the engine session's round 1 completes, on SimTransport. */
async function budgetThroughRound1(): Promise<number> {
  for (let budget = 1; budget < 400; budget++) {
    const sim = simHost('probe', { hostname: 'sim1', address: '192.0.2.50' });
    const session = await new SimTransport(sim, { faults: { dropAfterCommands: budget } }).openSession(ROUNDS);
    const ok = await session
      .readUntil(ready(0))
      .then(() => session.send(TWIN))
      .then(() => session.readUntil(ready(1)))
      .then(() => true, () => false);
    if (ok) return budget;
  }
  throw new Error('no budget lets round 1 through');
}

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
  twinBudget = await budgetThroughRound1();
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
      fileHost('cmds', { dropAfterCommands: twinBudget }),
      // Round 1 (TWIN) through whole, round 2 (TWIN again) cut 5 bytes in.
      fileHost('input', { dropAfterInputBytes: Buffer.byteLength(TWIN) + 5 }),
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
  it('reads the gather, applies the script sent on stdin and saves the state after each stretch', async () => {
    const t = await connect('plain');
    try {
      const session = await t.openSession(SESSION);
      expect(await session.readUntil(MARK)).toEqual(PREFIX);
      // The gather is saved: the lock file exists, nothing is applied yet.
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

  it('runs the engine session round by round, each round once, saving the state after each', async () => {
    const t = await connect('plain');
    try {
      const session = await t.openSession(ROUNDS);
      expect(await session.readUntil(ready(0))).toEqual(ROUND0);
      expect(loadState(statePath('plain'))!.fs['/var/run/jailfleet.lock']).toBeDefined();

      await session.send(round([append('one')], ['cat /tmp/log']));
      const round1 = roundOutput(1, [{}, { out: 'one\n' }]);
      expect(await session.readUntil(ready(1))).toEqual(round1);
      expect(loadState(statePath('plain'))!.fs['/tmp/log']).toMatchObject({ content: 'one\n' });

      await session.send(round([append('two é✓')], ['cat /tmp/log']));
      const round2 = roundOutput(2, [{}, { out: 'one\ntwo é✓\n' }]);
      expect(await session.readUntil(ready(2))).toEqual(round2);

      const result = await session.finish(round([append('three')], ['cat /tmp/log']));
      const round3 = roundOutput(3, [{}, { out: 'one\ntwo é✓\nthree\n' }]);
      const all = [ROUND0, round1, round2, round3];
      expect(result).toEqual({ stdout: all.map((r) => r.stdout).join(''), stderr: all.map((r) => r.stderr).join(''), code: 0 });
      expect(t.channels()).toBe(1);
      const fs = loadState(statePath('plain'))!.fs;
      expect(fs['/tmp/log']).toMatchObject({ content: 'one\ntwo é✓\nthree\n' });
      expect(fs['/tmp/gathers']).toMatchObject({ content: 'gathered\n' });

      // A session with nothing to change runs its gather once too.
      const idle = await t.openSession(ROUNDS);
      expect(await idle.readUntil(ready(0))).toEqual(ROUND0);
      expect(await idle.finish('')).toEqual({ ...ROUND0, code: 0 });
      expect(loadState(statePath('plain'))!.fs['/tmp/gathers']).toMatchObject({ content: 'gathered\ngathered\n' });
    } finally {
      await t.close();
    }
  });

  it('runs nothing of a round cut off by the end of stdin, and ends with 96', async () => {
    const t = await connect('plain');
    try {
      const session = await t.openSession(ROUNDS);
      await session.readUntil(ready(0));
      const result = await session.finish(round(['touch /tmp/never']).slice(0, -4));
      expect(result.code).toBe(96);
      expect(result.stderr).toMatch(/the input of this round arrived incomplete; none of it was run\n$/);
      expect(loadState(statePath('plain'))!.fs['/tmp/never']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('goes on with the host as it is now when the state file changed while the session waited', async () => {
    const t = await connect('plain');
    try {
      const session = await t.openSession(locked(sessionScript('cat /etc/motd 2>/dev/null; echo facts')));
      expect(isPrefix(await session.readUntil(MARK))).toBe(true);
      // `jailfleet sim exec` changing the host meanwhile: the server reloads the state file.
      const other = new SimHost('plain', loadState(statePath('plain'))!);
      other.exec("printf 'changed\\n' > /etc/motd");
      saveState(statePath('plain'), other.state);
      const result = await session.finish('cat /etc/motd; touch /tmp/g');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/facts\n.*\nchanged\n$/s);
      const fs = loadState(statePath('plain'))!.fs;
      expect(fs['/tmp/g']).toBeDefined();
      expect(fs['/etc/motd']).toMatchObject({ content: 'changed\n' });
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

  it('counts dropAfterCommands over the whole exec: round 2, the twin of round 1, drops and runs on', async () => {
    const t = await connect('cmds');
    try {
      const session = await t.openSession(ROUNDS);
      expect(await session.readUntil(ready(0))).toEqual(ROUND0);
      await session.send(TWIN);
      const round1 = roundOutput(1, [{}, { out: 'again\n' }]);
      expect(await session.readUntil(ready(1))).toEqual(round1);
      await session.send(TWIN);
      const err = await rejection(session.readUntil(ready(2)));
      expect(err.reason).toBe('dropped');
      expect(err.partial).toEqual({ stdout: ROUND0.stdout + round1.stdout, stderr: ROUND0.stderr + round1.stderr });
      // Round 2 had arrived whole: it ran to its end without the controller, and that was saved.
      expect(loadState(statePath('cmds'))!.fs['/tmp/log']).toMatchObject({ content: 'again\nagain\n' });
    } finally {
      await t.close();
    }
  });

  it('cuts a round in transit (dropAfterInputBytes): the host runs none of it, the client loses the connection', async () => {
    const t = await connect('input');
    try {
      const session = await t.openSession(ROUNDS);
      expect(await session.readUntil(ready(0))).toEqual(ROUND0);
      await session.send(TWIN);
      expect(await session.readUntil(ready(1))).toEqual(roundOutput(1, [{}, { out: 'again\n' }]));
      await session.send(TWIN);
      const err = await rejection(session.readUntil(ready(2)));
      expect(err.reason).toBe('dropped');
      expect(loadState(statePath('input'))!.fs['/tmp/log']).toMatchObject({ content: 'again\n' });
    } finally {
      await t.close();
    }
  });

  it('holds the host lock across rounds and frees it when the connection closes', async () => {
    const [a, b] = [await connect('raw'), await connect('raw')];
    try {
      const first = await a.openSession(ROUNDS);
      await first.readUntil(ready(0));
      await first.send(round([append('a1')]));
      await first.readUntil(ready(1));
      // The lock is held between the rounds: a second session waits at lockf.
      const second = await b.openSession(ROUNDS);
      const reading = second.readUntil(ready(0));
      expect(await settled(reading)).toBe(false);
      await a.close();
      expect(await reading).toEqual(ROUND0);
      await second.finish('');
      expect(loadState(statePath('raw'))!.fs[LOCK]).toBeDefined();
    } finally {
      await a.close();
      await b.close();
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

/** A conversation with a raw ssh2 client: after each marker line arrived on both streams, write these chunks (a pause between them). */
interface RawStep {
  after: string;
  write: Buffer[];
  /** Close stdin after writing. */
  end?: boolean;
}

/** The output each step saw when its marker had arrived (stdin still open), then the whole exec. */
function rawRounds(command: string, steps: RawStep[]): Promise<{ seen: Array<{ stdout: string; stderr: string }>; stdout: string; stderr: string; code: number | undefined }> {
  return new Promise((resolve, reject) => {
    const conn = new Client();
    conn.on('error', reject);
    conn.on('ready', () => {
      conn.exec(command, (err, stream) => {
        if (err) return reject(err);
        const out: Buffer[] = [];
        const errs: Buffer[] = [];
        const seen: Array<{ stdout: string; stderr: string }> = [];
        let code: number | undefined;
        let at = 0;
        let writing = false;
        const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString('utf8');
        const check = (): void => {
          const step = steps[at];
          if (writing || !step) return;
          const line = `${step.after}\n`;
          if (!text(out).includes(line) || !text(errs).includes(line)) return;
          seen.push({ stdout: text(out), stderr: text(errs) });
          at++;
          writing = true;
          void (async () => {
            for (const chunk of step.write) {
              stream.write(chunk);
              // Separate packets: the server gets the round in pieces.
              await new Promise((r) => setTimeout(r, 30));
            }
            if (step.end) stream.end();
            writing = false;
            check();
          })();
        };
        stream.on('data', (d: Buffer) => {
          out.push(d);
          check();
        });
        stream.stderr.on('data', (d: Buffer) => {
          errs.push(d);
          check();
        });
        stream.on('exit', (c: number) => (code = c));
        stream.on('close', () => {
          conn.end();
          resolve({ seen, stdout: text(out), stderr: text(errs), code });
        });
      });
    });
    conn.connect({ host: '127.0.0.1', port: portOf('raw'), username: 'root', privateKey: clientKey, hostVerifier: () => true });
  });
}

/** `data` in pieces: cut at each of `at` (byte offsets), wherever they fall, UTF-8 characters included. */
function pieces(data: string, at: number[]): Buffer[] {
  const bytes = Buffer.from(data, 'utf8');
  const cuts = [0, ...at, bytes.length];
  return cuts.slice(1).map((end, i) => bytes.subarray(cuts[i], end));
}

describe('the sim SSH server with a raw ssh2 client', () => {
  it('streams each round while stdin stays open, the rounds arriving in pieces', async () => {
    const one = round(["printf 'é✓ one\\n' >> /tmp/rawlog"], ['cat /tmp/rawlog']);
    const two = round(["printf 'two\\n' >> /tmp/rawlog"], ['cat /tmp/rawlog']);
    // Cut inside the header line, and inside the two bytes of é.
    const split = Buffer.from(one, 'utf8').indexOf(Buffer.from('é', 'utf8')) + 1;
    const run = await rawRounds(ROUNDS, [
      { after: ready(0), write: pieces(one, [7, split]) },
      { after: ready(1), write: pieces(two, [3]) },
      { after: ready(2), write: [], end: true },
    ]);
    const round1 = roundOutput(1, [{}, { out: 'é✓ one\n' }]);
    const round2 = roundOutput(2, [{}, { out: 'é✓ one\ntwo\n' }]);
    expect(run.seen).toEqual([ROUND0, { stdout: ROUND0.stdout + round1.stdout, stderr: ROUND0.stderr + round1.stderr }, { stdout: ROUND0.stdout + round1.stdout + round2.stdout, stderr: ROUND0.stderr + round1.stderr + round2.stderr }]);
    expect(run).toMatchObject({ stdout: ROUND0.stdout + round1.stdout + round2.stdout, code: 0 });
    expect(loadState(statePath('raw'))!.fs['/tmp/rawlog']).toMatchObject({ content: 'é✓ one\ntwo\n' });
  });

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
