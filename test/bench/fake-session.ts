/**
 * A scripted multi-round transport for the bench wrappers' tests, independent
 * of the simulator: a session prints round 0, then for each input one round
 * that echoes the input's text (nonce included, so replay must put the
 * current nonce back), each round closed by its ready marker on both streams;
 * finish prints a tail and exits `code`.
 */
import type { ExecResult, ExecSession, ExecStreams, SessionPrefix, Transport } from '../../src/transport/transport.js';

export interface FakeOptions {
  /** The nonce the session's command carries (as `@@jf:<nonce>:`). */
  nonce: string;
  /** End the command (exit code) in readUntil of this round instead of printing its marker. */
  endInRound?: { round: number; code: number };
}

/** The text of a round input, without its header line (script.ts roundInput). */
const body = (input: string): string => input.slice(input.indexOf('\n') + 1);

export class FakeSessionTransport implements Transport {
  private opened = 0;

  constructor(
    readonly host: string,
    private readonly options: FakeOptions,
  ) {}

  async exec(commandLine: string): Promise<ExecResult> {
    this.opened++;
    return { stdout: `ran ${commandLine.length}\n`, stderr: '', code: 0 };
  }

  async openStreams(): Promise<ExecStreams> {
    throw new Error('the fake session transport has no streams');
  }

  async openSession(): Promise<ExecSession> {
    this.opened++;
    const { nonce, endInRound } = this.options;
    const all = { stdout: '', stderr: '' };
    let round = 0;
    let pending = `facts @@jf:${nonce}:b:0 of ${this.host}\n`;
    let ended: ExecResult | undefined;
    const print = (out: string, err: string): void => {
      all.stdout += out;
      all.stderr += err;
    };
    return {
      readUntil: async (marker): Promise<SessionPrefix | { ended: ExecResult }> => {
        if (endInRound?.round === round) {
          print(pending, 'failed\n');
          return { ended: (ended = { ...all, code: endInRound.code }) };
        }
        const got = { stdout: `${pending}${marker}\n`, stderr: `err ${round}\n${marker}\n` };
        print(got.stdout, got.stderr);
        return got;
      },
      send: async (input) => {
        round++;
        pending = `round ${round}: ${body(input)}\n`;
      },
      finish: async (input) => {
        if (ended) return ended;
        print(input === '' ? '' : `last: ${body(input)}\n`, 'bye\n');
        return (ended = { ...all, code: 0 });
      },
    };
  }

  channels(): number {
    return this.opened;
  }

  async close(): Promise<void> {}
}
