/**
 * The engine's session script (src/shell/script.ts: facts, ready:0, then
 * one chunk of stdin per round, each checked with cksum before it runs)
 * on SimTransport, round after round in one exec: each round runs once, as
 * on a real host, with the faults counted over the whole exec.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { SimTransport, type SimTransportFaults } from '../../src/sim/transport.js';
import { rejection } from '../helpers/session-asserts.js';
import { LOCK, lockedSession, ready, round, roundOutput } from './session-script.js';
import { simHost } from '../helpers/sim-host.js';

/** The gather: the hostname, and a probe that appends one line per run of the gather. */
const FACTS = ['hostname', 'echo gathered >> /tmp/gathers; echo probe >&2'];
const SESSION = lockedSession(FACTS);
const ROUND0 = roundOutput(0, [{ out: 'sim1\n' }, { err: 'probe\n' }]);
const append = (text: string): string => `printf '%s\\n' '${text}' >> /tmp/log`;

function newSim(): SimHost {
  return simHost('sim1', { hostname: 'sim1', address: '192.0.2.50' });
}

function transportFor(sim: SimHost, faults: SimTransportFaults = {}, onAfterExec?: () => void): SimTransport {
  return new SimTransport(sim, { faults, ...(onAfterExec ? { onAfterExec } : {}) });
}

describe('the engine session on SimTransport, round by round', () => {
  it('runs three rounds in one exec; each readUntil returns exactly its round, finish the whole exec', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(SESSION);
    expect(await session.readUntil(ready(0))).toEqual(ROUND0);

    await session.send(round([append('one')], ['cat /tmp/log']));
    const round1 = roundOutput(1, [{}, { out: 'one\n' }]);
    expect(await session.readUntil(ready(1))).toEqual(round1);

    // Multi-byte text: the round's length and checksum are in bytes.
    await session.send(round([append('two é✓')], ['cat /tmp/log', 'sysrc -n hostname']));
    const round2 = roundOutput(2, [{}, { out: 'one\ntwo é✓\n' }, { out: 'sim1\n' }]);
    expect(await session.readUntil(ready(2))).toEqual(round2);

    const result = await session.finish(round([append('three')], ['cat /tmp/log']));
    const round3 = roundOutput(3, [{}, { out: 'one\ntwo é✓\nthree\n' }]);
    const all = [ROUND0, round1, round2, round3];
    expect(result).toEqual({ stdout: all.map((r) => r.stdout).join(''), stderr: all.map((r) => r.stderr).join(''), code: 0 });
    expect(t.channels()).toBe(1);

    // Each round's append ran once, and the gather once.
    expect(sim.fs.readFile('/tmp/log')).toBe('one\ntwo é✓\nthree\n');
    expect(sim.fs.readFile('/tmp/gathers')).toBe('gathered\n');
  });

  it('runs nothing of a round whose input arrived incomplete, and ends with 96', async () => {
    const sim = newSim();
    const session = await transportFor(sim).openSession(SESSION);
    await session.readUntil(ready(0));
    const input = round([append('never')]);
    // stdin closed in the middle of the chunk: head -c gets less than the header says.
    const result = await session.finish(input.slice(0, -5));
    expect(result.code).toBe(96);
    expect(result.stderr).toBe(`${ROUND0.stderr}jailfleet: the input of this round arrived incomplete; none of it was run\n`);
    expect(result.stdout).toBe(ROUND0.stdout);
    expect(sim.fs.lstat('/tmp/log')).toBeUndefined();
    expect(sim.locks.isHeld(LOCK)).toBe(false);
  });

  it('drops the connection with a round in transit (dropAfterInputBytes): the host runs none of it, the controller loses the host', async () => {
    const first = round([append('one')]);
    const second = round([append('never')]);
    // The budget lets round 1 through whole and cuts round 2 at every byte from its first to its last.
    const cuts = [0, 1, second.indexOf('\n'), second.indexOf('\n') + 1, Buffer.byteLength(second) - 1];
    for (const at of cuts) {
      const sim = newSim();
      const t = transportFor(sim, { dropAfterInputBytes: Buffer.byteLength(first) + at });
      const session = await t.openSession(SESSION);
      await session.readUntil(ready(0));
      await session.send(first);
      expect(await session.readUntil(ready(1))).toEqual(roundOutput(1, [{}]));
      await session.send(second);
      const err = await rejection(session.readUntil(ready(2)));
      expect(err.reason).toBe('dropped');
      expect(err.detail).toBe(`connection lost after ${Buffer.byteLength(first) + at} bytes of input`);
      // Round 1 ran once; of round 2 nothing, wherever it was cut; the lock is free: the command ended.
      expect(sim.fs.readFile('/tmp/log')).toBe('one\n');
      expect(sim.locks.isHeld(LOCK)).toBe(false);
      expect(await rejection(t.exec('true'))).toMatchObject({ reason: 'dropped' });
    }
  });

  it('cuts the stdin of a plain exec in transit: the command gets the first bytes and end of input, and runs on', async () => {
    const sim = newSim();
    const t = transportFor(sim, { dropAfterInputBytes: 6 });
    const err = await rejection(t.exec('cat > /tmp/got; echo done > /tmp/done', { stdin: 'abcdefghij' }));
    expect(err.detail).toBe('connection lost after 6 bytes of input');
    expect(sim.fs.readFile('/tmp/got')).toBe('abcdef');
    expect(sim.fs.readFile('/tmp/done')).toBe('done\n');
  });

  it('holds the host lock across rounds, and gives it back at the end or when the session is abandoned', async () => {
    const sim = newSim();
    const t = transportFor(sim);
    const session = await t.openSession(SESSION);
    await session.readUntil(ready(0));
    expect(sim.locks.isHeld(LOCK)).toBe(true);
    await session.send(round([append('one')]));
    await session.readUntil(ready(1));
    expect(sim.locks.isHeld(LOCK)).toBe(true);
    // Another run meanwhile gives up as after lockf -t.
    expect(sim.exec(`lockf -t 5 ${LOCK} echo never`).code).toBe(75);
    await session.finish('');
    expect(sim.locks.isHeld(LOCK)).toBe(false);

    const closing = transportFor(sim);
    const dropped = await closing.openSession(SESSION);
    await dropped.readUntil(ready(0));
    await dropped.send(round([append('two')]));
    await dropped.readUntil(ready(1));
    expect(sim.locks.isHeld(LOCK)).toBe(true);
    await closing.close();
    expect(sim.locks.isHeld(LOCK)).toBe(false);

    const slow = await transportFor(sim).openSession(SESSION, { timeoutMs: 300 });
    await slow.readUntil(ready(0));
    expect(sim.locks.isHeld(LOCK)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sim.locks.isHeld(LOCK)).toBe(false);
    expect(await rejection(slow.send(round([append('late')])))).toMatchObject({ reason: 'timeout' });
    expect(sim.fs.readFile('/tmp/log')).toBe('one\ntwo\n');
  });

  it('counts dropAfterCommands over the whole exec: the budget that lets round 1 through drops round 2, its twin, which runs on', async () => {
    const twin = round([append('again')], ['cat /tmp/log']);
    let budget = 1;
    // The smallest budget with which round 1 completes.
    for (; budget < 400; budget++) {
      const sim = newSim();
      const session = await transportFor(sim, { dropAfterCommands: budget }).openSession(SESSION);
      const ok = await session
        .readUntil(ready(0))
        .then(() => session.send(twin))
        .then(() => session.readUntil(ready(1)))
        .then(() => true, () => false);
      if (ok) break;
    }
    const sim = newSim();
    const t = transportFor(sim, { dropAfterCommands: budget });
    const session = await t.openSession(SESSION);
    expect(await session.readUntil(ready(0))).toEqual(ROUND0);
    await session.send(twin);
    const round1 = roundOutput(1, [{}, { out: 'again\n' }]);
    expect(await session.readUntil(ready(1))).toEqual(round1);
    // Round 2 is round 1 again: only a count that went on from round 1 can stop it.
    await session.send(twin);
    const err = await rejection(session.readUntil(ready(2)));
    expect(err.reason).toBe('dropped');
    expect(err.detail).toBe(`connection lost after ${budget} commands`);
    // What arrived before the drop: rounds 0 and 1, whole.
    expect(err.partial).toEqual({ stdout: ROUND0.stdout + round1.stdout, stderr: ROUND0.stderr + round1.stderr });
    // Round 2 had arrived whole before the drop: it ran to its end without the controller.
    expect(sim.fs.readFile('/tmp/log')).toBe('again\nagain\n');
    expect(sim.locks.isHeld(LOCK)).toBe(false);
  });

  it('runs the gather once in a session that ends right after ready:0 (no change to make)', async () => {
    const sim = newSim();
    // What one run of the whole script costs in pids: a plain exec, stdin empty.
    const before = sim.state.nextPid;
    expect(sim.exec(SESSION).code).toBe(0);
    const perRun = sim.state.nextPid - before;
    sim.exec('rm /tmp/gathers');

    let saves = 0;
    const t = transportFor(sim, {}, () => saves++);
    const start = sim.state.nextPid;
    const session = await t.openSession(SESSION);
    expect(await session.readUntil(ready(0))).toEqual(ROUND0);
    expect(await session.finish('')).toEqual({ ...ROUND0, code: 0 });
    expect(sim.fs.readFile('/tmp/gathers')).toBe('gathered\n');
    expect(sim.state.nextPid - start).toBe(perRun);
    // The state is saved after each round: the gather's, and the end's.
    expect(saves).toBe(2);
  });

  it('fails a command (failCommand) in every round, and stops the round at a failed step', async () => {
    const sim = newSim();
    const t = transportFor(sim, { failCommand: [{ match: 'sysrc', code: 3, stderr: 'sysrc: boom\n' }] });
    const session = await t.openSession(lockedSession(['sysrc -n hostname']));
    expect(await session.readUntil(ready(0))).toEqual(roundOutput(0, [{ err: 'sysrc: boom\n', code: 3 }]));
    // The round stops at its failed step (the function returns) and the session goes on to its end.
    const result = await session.finish(round(['sysrc hostname=x', append('after')]));
    expect(result.stdout).toMatch(/:e:0:3\n/);
    expect(result.stdout).not.toMatch(/:b:1\n/);
    expect(result.code).toBe(0);
    expect(sim.fs.lstat('/tmp/log')).toBeUndefined();
  });
});
