/**
 * bench/phase-trace.ts on a multi-round session (fake-session.ts): round 0
 * is the gather, each later round an apply round on the same channel, a bare
 * finish('') the end; rounds count as host_end counts them.
 */
import { describe, expect, it } from 'vitest';
import { readyMarker } from '../../src/shell/script.js';
import { PhaseTrace } from '../../bench/phase-trace.js';
import { FakeSessionTransport } from './fake-session.js';

const N = 'cccccccccccc';

async function traced(rounds: number, last: string) {
  const trace = new PhaseTrace();
  const t = trace.wrapTransport(new FakeSessionTransport('h1', { nonce: N }), trace.of('h1'));
  const s = await t.openSession(`@@jf:${N}:ready:0`);
  await s.readUntil(readyMarker(N, 0));
  for (let k = 1; k <= rounds; k++) {
    await s.send(`head\nround ${k}`);
    await s.readUntil(readyMarker(N, k));
  }
  await s.finish(last);
  return trace.of('h1');
}

describe('phase trace of a session', () => {
  it('splits a session into its gather, apply rounds and the end', async () => {
    const h = await traced(2, '');
    expect(h.execs.map((e) => [e.kind, e.round, e.sameChannel ?? false])).toEqual([
      ['gather', 0, false],
      ['apply', 1, true],
      ['apply', 2, true],
      ['end', undefined, true],
    ]);
    expect(h.rounds).toBe(3);
    for (const e of h.execs) expect(e.end).toBeGreaterThanOrEqual(e.start);
  });

  it('counts a last round sent with finish as an apply round', async () => {
    const h = await traced(1, 'head\nlast');
    expect(h.execs.map((e) => e.kind)).toEqual(['gather', 'apply', 'apply']);
    expect(h.rounds).toBe(3);
  });

  it('a no-change session is one round: the gather, then the end', async () => {
    const h = await traced(0, '');
    expect(h.execs.map((e) => e.kind)).toEqual(['gather', 'end']);
    expect(h.rounds).toBe(1);
  });
});
