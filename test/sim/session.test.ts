/**
 * Sessions on the simulator in process: SimTransport.openSession running the
 * engine's shape of command (a lock picker running `/bin/sh -c SESSION` under
 * lockf; the session gathers, prints a ready marker on both streams, reads
 * the apply script from stdin and evals it). The command stops where it
 * waits for stdin and goes on from there when the input comes: nothing runs
 * twice. The engine's own round-by-round script: session-rounds.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { writeCommandFiles } from '../../src/sim/command-files.js';
import { SimHost } from '../../src/sim/host.js';
import { SimSuspendError } from '../../src/sim/shell/index.js';
import { SimTransport, type SimTransportFaults } from '../../src/sim/transport.js';
import { quote } from '../../src/shell/quote.js';
import { isPrefix, rejection } from '../helpers/session-asserts.js';
import { simHost } from '../helpers/sim-host.js';

const MARK = '@@jf:n0nce:ready';
const LOCK = '/var/run/x.lock';
const PICKER = `if command -v lockf >/dev/null 2>&1; then lockf -k -t 5 ${LOCK} "$@"; fi`;

/** The engine's command line shape: the lock picker, then /bin/sh -c SCRIPT as its "$@". */
function locked(script: string): string {
  return `/bin/sh -c ${quote(PICKER)} lock /bin/sh -c ${quote(script)}`;
}

/** A session script: `gather`, the marker on stdout and stderr, then `reader` takes stdin. */
function sessionScript(gather: string, reader = 'jf_apply=$(cat)\n[ -n "$jf_apply" ] || exit 0\neval "$jf_apply"'): string {
  return [gather, `printf '%s\\n' ${MARK}; printf '%s\\n' ${MARK} >&2`, reader, ''].join('\n');
}

const GATHER = ['echo "host $(hostname)"', 'echo gathering >&2', "printf 'a\\nb\\n' | head -n 1", "printf 'rc:%s\\n' \"$(sysrc -n hostname)\""].join('\n');
/** What GATHER prints on sim1 (hostname(1), head(1), sysrc(8) -n), written out rather than taken from a run. */
const GATHERED = { stdout: 'host sim1\na\nrc:sim1\n', stderr: 'gathering\n' };

function newSim(): SimHost {
  return simHost('sim1', { hostname: 'sim1', address: '192.0.2.50' });
}

function transportFor(sim: SimHost, faults: SimTransportFaults = {}, onAfterExec?: () => void): SimTransport {
  return new SimTransport(sim, { faults, ...(onAfterExec ? { onAfterExec } : {}) });
}


describe('SimTransport.openSession', () => {
  it('reads the gather up to the marker, then applies the script sent on stdin', async () => {
    const sim = newSim();
    const expected = GATHERED;
    const t = transportFor(sim);
    const session = await t.openSession(locked(sessionScript(`${GATHER}\n`)));
    const got = await session.readUntil(MARK);
    expect(got).toEqual({ stdout: `${expected.stdout}${MARK}\n`, stderr: `${expected.stderr}${MARK}\n` });
    // Nothing has been applied yet.
    expect(sim.fs.lstat('/tmp/f')).toBeUndefined();

    const result = await session.finish("printf applied > /tmp/f\necho done\necho warn >&2\n");
    expect(result).toEqual({ stdout: `${expected.stdout}${MARK}\ndone\n`, stderr: `${expected.stderr}${MARK}\nwarn\n`, code: 0 });
    expect(sim.fs.readFile('/tmp/f')).toBe('applied');
    expect(sim.exec('cat /tmp/f').stdout).toBe('applied');
    expect(sim.fs.lstat(LOCK)).toBeDefined();
    expect(t.channels()).toBe(1);
  });

  it('returns nothing printed after the marker from readUntil; finish has it', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(locked(sessionScript(`echo facts\n`, `echo after-marker\necho err-after >&2\njf_apply=$(cat)\neval "$jf_apply"`)));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `facts\n${MARK}\n`, stderr: `${MARK}\n` });
    const result = await session.finish('echo applied');
    expect(result.stdout).toBe(`facts\n${MARK}\nafter-marker\napplied\n`);
    expect(result.stderr).toBe(`${MARK}\nerr-after\n`);
  });

  it("finish('') exits 0 and changes nothing on the host", async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(locked(sessionScript(GATHER)));
    const prefix = await session.readUntil(MARK);
    expect(isPrefix(prefix)).toBe(true);
    const files = JSON.stringify(sim.state.fs);
    const result = await session.finish('');
    expect(result.code).toBe(0);
    if (isPrefix(prefix)) expect(result).toEqual({ stdout: prefix.stdout, stderr: prefix.stderr, code: 0 });
    expect(JSON.stringify(sim.state.fs)).toBe(files);
    expect(t.channels()).toBe(1);
  });

  it('resolves readUntil with { ended } when the command never reads stdin', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(locked('echo busy >&2; exit 75'));
    const got = await session.readUntil(MARK);
    expect(got).toEqual({ ended: { stdout: '', stderr: 'busy\n', code: 75 } });
    // finish returns that result and runs nothing.
    expect(await session.finish('touch /tmp/never')).toEqual({ stdout: '', stderr: 'busy\n', code: 75 });
    expect(sim.fs.lstat('/tmp/never')).toBeUndefined();
    expect(t.channels()).toBe(1);
  });

  it('rejects readUntil when the command waits for stdin before printing the marker', async () => {
    const t = transportFor(newSim());
    const session = await t.openSession(locked(`echo early\nread -r line\nprintf '%s\\n' ${MARK}; printf '%s\\n' ${MARK} >&2\n`));
    const err = await rejection(session.readUntil(MARK));
    expect(err.reason).toBe('timeout');
    expect(err.detail).toContain('waiting for input before printing the marker');
    // The channel is spent: finish fails the same way.
    expect(await rejection(session.finish(''))).toBe(err);
  });

  it('rejects when the marker reached only one stream before the command blocked', async () => {
    const t = transportFor(newSim());
    const session = await t.openSession(locked(`printf '%s\\n' ${MARK}\ncat >/dev/null\n`));
    const err = await rejection(session.readUntil(MARK));
    expect(err.reason).toBe('timeout');
    expect(err.detail).toContain('on stderr');
  });

  it('runs what comes before the stdin read once (an append), and keeps the lock file', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(locked(sessionScript("printf 'x\\n' >> /tmp/before\nls /tmp/before")));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `/tmp/before\n${MARK}\n`, stderr: `${MARK}\n` });
    expect(sim.fs.readFile('/tmp/before')).toBe('x\n');
    expect(sim.fs.lstat(LOCK)).toBeDefined();
    await session.finish('echo more >> /tmp/before');
    expect(sim.fs.readFile('/tmp/before')).toBe('x\nmore\n');
  });

  it('runs the whole session in one shell: the same $$ and variables before and after the wait', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(locked(sessionScript('kept=yes; echo "pid $$"; sh -c \'echo "child $$"\'; date +%s')));
    const prefix = await session.readUntil(MARK);
    const result = await session.finish('echo "apply $$ $kept"');
    expect(isPrefix(prefix) && result.stdout.startsWith(prefix.stdout)).toBe(true);
    expect(result.stdout).toMatch(/^pid (\d+)\nchild \d+\n\d+\n.*\napply \1 yes\n$/s);
  });

  it('sees what changed on the host while it waited, as a real command would', async () => {
    const sim = newSim();
    sim.exec("printf 'one\\n' > /etc/motd");
    const t = transportFor(sim);
    const session = await t.openSession(locked(sessionScript('cat /etc/motd')));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `one\n${MARK}\n`, stderr: `${MARK}\n` });
    // Someone else ran on the host meanwhile.
    sim.exec("printf 'two\\n' > /etc/motd");
    expect((await session.finish('cat /etc/motd')).stdout).toBe(`one\n${MARK}\ntwo\n`);
  });

  it('feeds the session stdin to the read builtin and to a pipeline', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const reader = ["while IFS= read -r l; do printf '<%s>\\n' \"$l\"; [ \"$l\" = stop ] && break; done", 'cat | tr a-z A-Z'].join('\n');
    const session = await t.openSession(locked(sessionScript('echo facts', reader)));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `facts\n${MARK}\n`, stderr: `${MARK}\n` });
    const result = await session.finish('a b\nstop\nrest of it\nand more\n');
    expect(result).toEqual({ stdout: `facts\n${MARK}\n<a b>\n<stop>\nREST OF IT\nAND MORE\n`, stderr: `${MARK}\n`, code: 0 });
  });

  it('does not run an EXIT trap while the command waits for input', async () => {
    const sim = newSim();
    const session = await transportFor(sim).openSession(locked(sessionScript("trap 'echo bye' EXIT\necho hi")));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `hi\n${MARK}\n`, stderr: `${MARK}\n` });
    expect((await session.finish('echo applied')).stdout).toBe(`hi\n${MARK}\napplied\nbye\n`);
  });

  it('passes an open stdin through env to the command that reads it', async () => {
    const sim = newSim();
    const session = await transportFor(sim).openSession(`env FOO=bar /bin/sh -c ${quote(sessionScript('echo "foo=$FOO"'))}`);
    expect(await session.readUntil(MARK)).toEqual({ stdout: `foo=bar\n${MARK}\n`, stderr: `${MARK}\n` });
    expect((await session.finish('echo "$FOO applied"')).stdout).toBe(`foo=bar\n${MARK}\nbar applied\n`);
  });

  it('lets commands that do not read stdin (zfs list) run before the marker', async () => {
    const session = await transportFor(newSim()).openSession(locked(sessionScript('zfs list -H -o name >/dev/null 2>&1; echo "zfs ran"')));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `zfs ran\n${MARK}\n`, stderr: `${MARK}\n` });
  });

  it('passes an open stdin through jexec into a jail', async () => {
    const sim = newSim();
    sim.exec('mkdir -p /usr/jails/www/tmp');
    writeCommandFiles(sim.fs, '/usr/jails/www'); // jexec runs the jail's own /bin/sh
    sim.state.jails.push({ name: 'www', jid: 3, path: '/usr/jails/www', hostname: 'www', ip4: [], params: {}, state: 'ACTIVE' });
    const session = await transportFor(sim).openSession(locked(`jexec www /bin/sh -c ${quote(sessionScript('echo in-jail'))}`));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `in-jail\n${MARK}\n`, stderr: `${MARK}\n` });
    expect((await session.finish('echo applied > /tmp/j')).code).toBe(0);
    expect(sim.fs.readFile('/usr/jails/www/tmp/j')).toBe('applied\n');
  });

  it('drops the connection before the marker (dropAfterCommands)', async () => {
    const sim = newSim();
    const t = transportFor(sim, { dropAfterCommands: 2 });
    const session = await t.openSession(locked(sessionScript(GATHER)));
    const err = await rejection(session.readUntil(MARK));
    expect(err.reason).toBe('dropped');
    expect(err.detail).toBe('connection lost after 2 commands');
    expect(t.channels()).toBe(1);
  });

  it('drops the connection after the marker (dropAfterCommands counts on where the wait left off)', async () => {
    // Each echo after the drop is a write to a broken pipe: SIGPIPE ends the shell there.
    const apply = 'touch /tmp/a1\necho 1\ntouch /tmp/a2\necho 2\ntouch /tmp/a3\necho 3\ntouch /tmp/a4';
    // The smallest budget that lets the command reach the marker.
    let budget = 1;
    for (; budget < 200; budget++) {
      const session = await transportFor(newSim(), { dropAfterCommands: budget }).openSession(locked(sessionScript(GATHER)));
      if (await session.readUntil(MARK).then(() => true, () => false)) break;
    }
    // Budgets just above it drop inside the apply: the count goes on from the gather, it does not start again.
    const outcomes: string[] = [];
    for (let more = 1; more <= 5; more++) {
      const sim = newSim();
      const session = await transportFor(sim, { dropAfterCommands: budget + more }).openSession(locked(sessionScript(GATHER)));
      expect(isPrefix(await session.readUntil(MARK))).toBe(true);
      const err = await rejection(session.finish(apply));
      expect(err.reason).toBe('dropped');
      outcomes.push(['a1', 'a2', 'a3', 'a4'].filter((f) => sim.fs.lstat(`/tmp/${f}`)).join(','));
      expect(sim.locks.isHeld(LOCK)).toBe(false);
    }
    // The wait's `cat` and the `[` after it count first; the shell then runs on to its next echo, which
    // SIGPIPE ends: one more touch per two commands of budget.
    expect(outcomes).toEqual(['a1', 'a1', 'a1,a2', 'a1,a2', 'a1,a2,a3']);
  });

  it('cuts the connection after the prefix when the byte budget runs out (dropAfterBytes)', async () => {
    const sim = newSim();
    const first = await transportFor(newSim()).openSession(locked(sessionScript('echo facts')));
    const prefix = await first.readUntil(MARK);
    if (!isPrefix(prefix)) throw new Error('expected a prefix');

    const t = transportFor(sim, { dropAfterBytes: prefix.stdout.length + 3 });
    const session = await t.openSession(locked(sessionScript('echo facts')));
    expect(await session.readUntil(MARK)).toEqual(prefix);
    const err = await rejection(session.finish('echo applied; echo oops >&2'));
    expect(err.reason).toBe('dropped');
    expect(err.partial).toEqual({ stdout: `${prefix.stdout}app`, stderr: `${MARK}\noops\n` });
    // The command ran to its end on the host; the controller saw only the first bytes.
    expect(await rejection(t.exec('true'))).toMatchObject({ reason: 'dropped' });
  });

  it('cuts the prefix itself when the byte budget runs out before the marker', async () => {
    const t = transportFor(newSim(), { dropAfterBytes: 3 });
    const session = await t.openSession(locked(sessionScript('echo facts')));
    const err = await rejection(session.readUntil(MARK));
    expect(err.partial).toEqual({ stdout: 'fac', stderr: `${MARK}\n` });
  });

  it('delivers what the command printed after the marker before it waited: a cut there fails finish, not readUntil', async () => {
    const t = transportFor(newSim(), { dropAfterBytes: `facts\n${MARK}\n`.length + 2 });
    const session = await t.openSession(locked(sessionScript('echo facts', 'echo trailing\njf_apply=$(cat)\neval "$jf_apply"')));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `facts\n${MARK}\n`, stderr: `${MARK}\n` });
    const err = await rejection(session.finish('echo applied'));
    expect(err.reason).toBe('dropped');
    expect(err.partial).toEqual({ stdout: `facts\n${MARK}\ntr`, stderr: `${MARK}\n` });
  });

  it('rejects finish with the output received so far when the connection is closed after readUntil', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(locked(sessionScript('echo facts', 'echo trailing\njf_apply=$(cat)\neval "$jf_apply"')));
    await session.readUntil(MARK);
    await t.close();
    const err = await rejection(session.finish('touch /tmp/never'));
    expect(err.reason).toBe('dropped');
    expect(err.partial).toEqual({ stdout: `facts\n${MARK}\ntrailing\n`, stderr: `${MARK}\n` });
    expect(sim.fs.lstat('/tmp/never')).toBeUndefined();
  });

  it('honours unreachable, closed, slowMs with timeoutMs, and calls onAfterExec after each round', async () => {
    expect(await rejection(transportFor(newSim(), { unreachable: true }).openSession('true'))).toMatchObject({ reason: 'connect' });
    const closed = transportFor(newSim());
    await closed.close();
    expect(await rejection(closed.openSession('true'))).toMatchObject({ reason: 'dropped' });
    const slow = transportFor(newSim(), { slowMs: 50 });
    expect(await rejection(slow.openSession('true', { timeoutMs: 10 }))).toMatchObject({ reason: 'timeout' });
    const ok = await slow.openSession(locked(sessionScript('echo facts')), { timeoutMs: 5_000 });
    expect(isPrefix(await ok.readUntil(MARK))).toBe(true);

    let saves = 0;
    const t = transportFor(newSim(), {}, () => saves++);
    const session = await t.openSession(locked(sessionScript('echo facts')));
    await session.readUntil(MARK);
    expect(saves).toBe(1);
    await session.finish('');
    expect(saves).toBe(2);
  });

  it('times out a session whose controller answers after timeoutMs', async () => {
    const t = transportFor(newSim());
    const session = await t.openSession(locked(sessionScript('echo facts')), { timeoutMs: 300 });
    await session.readUntil(MARK);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await rejection(session.finish(''))).toMatchObject({ reason: 'timeout' });
  });

  it('fails a command (failCommand) the same way before and after the wait', async () => {
    const sim = newSim();
    const t = transportFor(sim, { failCommand: [{ match: 'sysrc', code: 3, stderr: 'sysrc: boom\n' }] });
    const session = await t.openSession(locked(sessionScript('sysrc -n hostname; echo "rc=$?"')));
    expect(await session.readUntil(MARK)).toEqual({ stdout: `rc=3\n${MARK}\n`, stderr: `sysrc: boom\n${MARK}\n` });
    expect((await session.finish('sysrc -n hostname')).code).toBe(3);
  });

  it('fails with a simulator error, not a replay, where waiting would run a change a second time', async () => {
    const sim = newSim();
    const session = await transportFor(sim).openSession(locked(sessionScript('echo facts', 'x=$(touch /tmp/t; cat)')));
    const err = await session.readUntil(MARK).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SimSuspendError);
    expect((err as Error).message).toMatch(/the assignment to x blocked on stdin after other commands in it had run/);
    // The run is over, and its lock with it.
    expect(sim.locks.isHeld(LOCK)).toBe(false);
  });

  it('finish without readUntil runs the command once with its input', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(locked(sessionScript('echo facts')));
    expect(await session.finish('echo applied')).toEqual({ stdout: `facts\n${MARK}\napplied\n`, stderr: `${MARK}\n`, code: 0 });
  });
});

/**
 * Whether `p` has settled once the event loop ran everything that was ready:
 * the in-process simulator answers in microtasks and immediates, so a few
 * turns of the loop are enough (no clock, no timer).
 */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('the lock a waiting session holds', () => {
  const ORDER = 'cat /var/log/order 2>/dev/null; echo gathered';

  it('makes a second session wait at lockf until the first one finishes, then see its result', async () => {
    const sim = newSim();
    const a = await transportFor(sim).openSession(locked(sessionScript(ORDER)));
    expect(await a.readUntil(MARK)).toEqual({ stdout: `gathered\n${MARK}\n`, stderr: `${MARK}\n` });
    const b = await transportFor(sim).openSession(locked(sessionScript(ORDER)));
    const reading = b.readUntil(MARK);
    expect(await settled(reading)).toBe(false);
    await a.finish("echo A >> /var/log/order");
    expect(await reading).toEqual({ stdout: `A\ngathered\n${MARK}\n`, stderr: `${MARK}\n` });
    await b.finish("echo B >> /var/log/order");
    expect(sim.fs.readFile('/var/log/order')).toBe('A\nB\n');
    expect(sim.locks.isHeld(LOCK)).toBe(false);
  });

  it('makes lockf give up, as after -t, when it cannot wait', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const a = await t.openSession(locked(sessionScript('echo facts')));
    await a.readUntil(MARK);
    const busy = { stdout: '', stderr: `lockf: ${LOCK}: already locked\n`, code: 75 };
    // -t 0: no wait at all; a plain SimHost.exec (sim exec) cannot wait either.
    expect(await t.exec(`lockf -t 0 ${LOCK} echo never`)).toEqual(busy);
    expect(sim.exec(`lockf -t 60 ${LOCK} echo never`)).toEqual(busy);
    expect(sim.exec(`lockf -s -t 0 ${LOCK} echo never`)).toEqual({ ...busy, stderr: '' });
    const started = Date.now();
    expect(await t.exec(`lockf -t 1 ${LOCK} echo never`)).toEqual(busy);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    await a.finish('');
    expect(await t.exec(`lockf -t 0 ${LOCK} echo now`)).toEqual({ stdout: 'now\n', stderr: '', code: 0 });
  });

  it('is released when the session is abandoned: connection closed, or its time is up', async () => {
    const sim = newSim();
    const closing = transportFor(sim);
    const a = await closing.openSession(locked(sessionScript('echo facts')));
    await a.readUntil(MARK);
    expect(sim.locks.isHeld(LOCK)).toBe(true);
    await closing.close();
    expect(sim.locks.isHeld(LOCK)).toBe(false);
    expect(await rejection(a.finish('touch /tmp/never'))).toMatchObject({ reason: 'dropped' });
    expect(sim.fs.lstat('/tmp/never')).toBeUndefined();

    const b = await transportFor(sim).openSession(locked(sessionScript('echo facts')), { timeoutMs: 400 });
    await b.readUntil(MARK);
    const c = await transportFor(sim).openSession(locked(sessionScript('echo facts')));
    const reading = c.readUntil(MARK);
    // c waits for b's lock until b's timeout ends b's command.
    expect(await reading).toEqual({ stdout: `facts\n${MARK}\n`, stderr: `${MARK}\n` });
    expect(await rejection(b.finish(''))).toMatchObject({ reason: 'timeout' });
    await c.finish('');
  });
});

describe('SimHost.exec', () => {
  it('lets plain exec with stdin behave as before', () => {
    const sim = newSim();
    expect(sim.exec("lockf /tmp/l /bin/sh -c 'cat > /tmp/in; read -r x < /tmp/in; echo \"$x\"'", { stdin: 'first\nsecond\n' }).stdout).toBe('first\n');
    expect(sim.fs.readFile('/tmp/in')).toBe('first\nsecond\n');
    expect(sim.fs.lstat('/tmp/l')).toBeUndefined();
  });
});
