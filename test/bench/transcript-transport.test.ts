/**
 * bench:scale's transcript (bench/transcript-transport.ts) on multi-round
 * sessions, against a scripted transport (fake-session.ts) so it does not
 * depend on the simulator: a process with another nonce and run id replays
 * the same exchange, round by round, and no round is stored twice.
 */
import { describe, expect, it } from 'vitest';
import { readyMarker, roundInput, shCommand } from '../../src/shell/script.js';
import type { ExecResult, ExecSession, SessionPrefix, Transport } from '../../src/transport/transport.js';
import { RecordingTransport, ReplayTransport, TranscriptBook } from '../../bench/transcript-transport.js';
import { FakeSessionTransport } from './fake-session.js';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const RUN_A = '20261128T180000-ab12';
const RUN_B = '20261129T091500-cd34';

const command = (nonce: string): string => shCommand(`printf '%s\\n' @@jf:${nonce}:ready:0\nwhile read -r x; do :; done`);
/** A round's script as the engine would build it: markers with the nonce, a token with the run id. */
const input = (nonce: string, run: string, what: string): string => roundInput(`printf '%s\\n' @@jf:${nonce}:b:0\necho ${run}-x > /token\n${what}`, nonce);

type Step = ['read'] | ['send' | 'finish', string];

interface Played {
  rounds: Array<SessionPrefix | { ended: ExecResult }>;
  result: ExecResult;
}

/** Drive one session as the engine does: read round 0, then send/read per round, then finish. */
async function play(t: Transport, nonce: string, run: string, steps: Step[]): Promise<Played> {
  const s: ExecSession = await t.openSession(command(nonce));
  const rounds: Played['rounds'] = [];
  let round = 0;
  for (const [op, what] of steps) {
    if (op === 'read') rounds.push(await s.readUntil(readyMarker(nonce, round++)));
    else if (op === 'send') await s.send(input(nonce, run, what));
    else return { rounds, result: await s.finish(what === '' ? '' : input(nonce, run, what)) };
  }
  throw new Error('a session must finish');
}

const swap = (text: string): string => text.replaceAll(A, B);
const swapped = <T>(value: T): T => JSON.parse(swap(JSON.stringify(value))) as T;
const reload = (book: TranscriptBook): TranscriptBook =>
  TranscriptBook.fromJSON(JSON.parse(JSON.stringify(book)) as Parameters<typeof TranscriptBook.fromJSON>[0]);

const THREE_ROUNDS: Step[] = [['read'], ['send', 'step one'], ['read'], ['send', 'step two'], ['read'], ['finish', 'last step']];
const NO_CHANGE: Step[] = [['read'], ['finish', '']];

describe('transcript transport, multi-round sessions', () => {
  it('replays every round and the whole result with the current nonce and run id', async () => {
    const book = new TranscriptBook();
    const recorder = new RecordingTransport(new FakeSessionTransport('h1', { nonce: A }), book);
    const recorded = await play(recorder, A, RUN_A, THREE_ROUNDS);
    const noChange = await play(recorder, A, RUN_A, NO_CHANGE);

    const replay = new ReplayTransport('h1', reload(book));
    expect(await play(replay, B, RUN_B, THREE_ROUNDS)).toEqual(swapped(recorded));
    expect(await play(replay, B, RUN_B, NO_CHANGE)).toEqual(swapped(noChange));
    expect(replay.channels()).toBe(2);
    expect(recorded.result.stdout).toContain(`round 2: printf '%s\\n' @@jf:${A}:b:0`);
  });

  it('keys each round by the inputs before it: another exchange has no answer', async () => {
    const book = new TranscriptBook();
    await play(new RecordingTransport(new FakeSessionTransport('h1', { nonce: A }), book), A, RUN_A, THREE_ROUNDS);
    const replay = new ReplayTransport('h1', book);
    await expect(play(replay, B, RUN_B, [['read'], ['send', 'another step'], ['read'], ['finish', '']])).rejects.toThrow(/no recorded answer/);
    await expect(play(new ReplayTransport('h2', book), B, RUN_B, NO_CHANGE)).rejects.toThrow(/no recorded answer/);
  });

  it('stores each round once: an answer holds only what came after the previous marker', async () => {
    const book = new TranscriptBook();
    await play(new RecordingTransport(new FakeSessionTransport('h1', { nonce: A }), book), A, RUN_A, THREE_ROUNDS);
    const entries = (JSON.parse(JSON.stringify(book)) as Record<string, Array<[string, string, string, number]>>).h1!;
    expect(entries.map(([, stdout]) => stdout.split('\n')[0])).toEqual(['facts @@jf:\u0000nonce\u0000:b:0 of h1', expect.stringMatching(/^round 1: /), expect.stringMatching(/^round 2: /), expect.stringMatching(/^last: /)]);
    expect(entries.map(([, , , code]) => code)).toEqual([-1, -1, -1, 0]);
    expect(JSON.stringify(book)).not.toContain(A);
  });

  it('replays a session that ended in a round, and finish after it', async () => {
    const book = new TranscriptBook();
    const steps: Step[] = [['read'], ['send', 'step one'], ['read'], ['finish', '']];
    const recorded = await play(new RecordingTransport(new FakeSessionTransport('h1', { nonce: A, endInRound: { round: 1, code: 3 } }), book), A, RUN_A, steps);
    expect(recorded.rounds[1]).toMatchObject({ ended: { code: 3 } });
    expect(await play(new ReplayTransport('h1', reload(book)), B, RUN_B, steps)).toEqual(swapped(recorded));
  });
});
