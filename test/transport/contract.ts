/**
 * The behaviour every Transport must have, run against each target: the ssh2
 * test server, a real OpenSSH sshd, and the simulator. Commands stay within
 * what a simulated FreeBSD host supports: printf, cat, head -c, tr, sleep,
 * exit, sh -c, read, eval, [ ].
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../src/transport/transport.js';
import { rejection } from '../helpers/session-asserts.js';

export interface ContractTarget {
  transport: Transport;
  /** Make the target cut the connection, as a crashing or rebooting host would. */
  drop(): Promise<void> | void;
  /**
   * From now on every exec takes a while before it answers: for targets whose
   * `sleep` does not wait (the simulator), so a command can be timed out or
   * cut mid-way. Only the cases that need it ask, so the rest run fast.
   */
  slow?(): void;
  cleanup(): Promise<void>;
}

export type ContractFactory = () => Promise<ContractTarget>;

const TEN_MB = 10 * 1024 * 1024;

async function unreachableReason(promise: Promise<unknown>): Promise<string> {
  return (await rejection(promise)).reason;
}

/** Shell text printing `marker` as a line on stdout, then on stderr. */
function markers(marker: string): string {
  return `printf '%s\\n' '${marker}'; printf '%s\\n' '${marker}' >&2`;
}

export function runTransportContract(name: string, factory: ContractFactory): void {
  describe(`Transport contract: ${name}`, () => {
    let target: ContractTarget;
    let transport: Transport;

    beforeEach(async () => {
      target = await factory();
      transport = target.transport;
    });

    afterEach(async () => {
      await target.cleanup();
    });

    it('reports exit codes 0, 1 and 42', async () => {
      expect((await transport.exec('exit 0')).code).toBe(0);
      expect((await transport.exec('exit 1')).code).toBe(1);
      expect((await transport.exec('exit 42')).code).toBe(42);
    });

    it('passes stdin through and closes it', async () => {
      const result = await transport.exec('cat', { stdin: 'line one\nline two\n' });
      expect(result).toEqual({ stdout: 'line one\nline two\n', stderr: '', code: 0 });
    });

    it('keeps multi-byte UTF-8 intact across chunk boundaries', async () => {
      const text = 'é✓ jail ü\n'.repeat(100_000);
      const result = await transport.exec('cat', { stdin: Buffer.from(text, 'utf8') });
      expect(result.stdout.length).toBe(text.length);
      expect(result.stdout === text).toBe(true);
    });

    it('keeps stdout and stderr apart', async () => {
      const result = await transport.exec("printf out; printf err >&2; exit 3");
      expect(result).toEqual({ stdout: 'out', stderr: 'err', code: 3 });
    });

    // How fast is the relay benchmark's business (npm run bench:relay), not a test's.
    it('collects a 10 MB output', async () => {
      const result = await transport.exec(`head -c ${TEN_MB} /dev/zero | tr '\\0' a`);
      expect(result.code).toBe(0);
      expect(result.stdout.length).toBe(TEN_MB);
      expect(/^a+$/.test(result.stdout)).toBe(true);
    });

    // No clock: a command far longer than the test's own timeout ends as 'timeout' only if the timer works.
    it('times out a command, and the connection stays usable', async () => {
      target.slow?.();
      expect(await unreachableReason(transport.exec('sleep 60', { timeoutMs: 500 }))).toBe('timeout');
      expect((await transport.exec('printf ok')).stdout).toBe('ok');
    });

    it('rejects with dropped when the connection is lost mid-command, and afterwards', async () => {
      // The drop may come before or after the command started: either way the exec ends 'dropped', long before sleep would.
      target.slow?.();
      const running = transport.exec('sleep 60');
      const outcome = unreachableReason(running);
      await target.drop();
      expect(await outcome).toBe('dropped');
      expect(await unreachableReason(transport.exec('printf again'))).toBe('dropped');
    });

    it('runs 20 concurrent execs on one connection', async () => {
      const before = transport.channels();
      const ids = Array.from({ length: 20 }, (_, i) => i);
      const results = await Promise.all(ids.map((i) => transport.exec(`printf '%s' ${i}; sleep 1`)));
      expect(results.map((r) => r.stdout)).toEqual(ids.map(String));
      expect(results.every((r) => r.code === 0)).toBe(true);
      expect(transport.channels() - before).toBe(20);
    });

    it('counts exec channels', async () => {
      expect(transport.channels()).toBe(0);
      await transport.exec('printf a');
      await transport.exec('exit 1');
      await transport.exec('cat', { stdin: 'x' });
      expect(transport.channels()).toBe(3);
    });

    it('session: readUntil returns each stream up to its marker line, finish the whole exec', async () => {
      const session = await transport.openSession(
        `printf 'before\\nMARK\\nafter\\n'; printf 'warn\\nMARK\\nlater\\n' >&2; x=$(cat); printf 'got %s\\n' "$x"; exit 3`,
      );
      expect(await session.readUntil('MARK')).toEqual({ stdout: 'before\nMARK\n', stderr: 'warn\nMARK\n' });
      expect(await session.finish('hello')).toEqual({ stdout: 'before\nMARK\nafter\ngot hello\n', stderr: 'warn\nMARK\nlater\n', code: 3 });
    });

    it('session: rounds — each readUntil returns what came after the previous marker, send keeps stdin open', async () => {
      // One line of input a round; `read` takes exactly one line, so each round answers only its own input.
      const session = await transport.openSession(
        `${markers('R0')}; n=0; while IFS= read -r line; do n=$((n + 1)); printf 'got %s\\n' "$line"; printf 'err %s\\n' "$n" >&2; printf 'R%s\\n' "$n"; printf 'R%s\\n' "$n" >&2; done; printf 'bye\\n'; exit 4`,
      );
      expect(await session.readUntil('R0')).toEqual({ stdout: 'R0\n', stderr: 'R0\n' });
      await session.send('one\n');
      expect(await session.readUntil('R1')).toEqual({ stdout: 'got one\nR1\n', stderr: 'err 1\nR1\n' });
      await session.send('two é\n');
      expect(await session.readUntil('R2')).toEqual({ stdout: 'got two é\nR2\n', stderr: 'err 2\nR2\n' });
      expect(await session.finish('')).toEqual({ stdout: 'R0\ngot one\nR1\ngot two é\nR2\nbye\n', stderr: 'R0\nerr 1\nR1\nerr 2\nR2\n', code: 4 });
    });

    it('session: a command that ends during a round answers that readUntil with the whole result', async () => {
      const session = await transport.openSession(`${markers('R0')}; IFS= read -r line; printf 'last %s\\n' "$line"; exit 6`);
      expect(await session.readUntil('R0')).toEqual({ stdout: 'R0\n', stderr: 'R0\n' });
      await session.send('x\n');
      expect(await session.readUntil('R1')).toEqual({ ended: { stdout: 'R0\nlast x\n', stderr: 'R0\n', code: 6 } });
    });

    it('session: finish with empty input closes stdin', async () => {
      const session = await transport.openSession(`${markers('M')}; x=$(cat); [ -n "$x" ] || exit 7; printf 'not reached'`);
      expect(await session.readUntil('M')).toEqual({ stdout: 'M\n', stderr: 'M\n' });
      expect(await session.finish('')).toEqual({ stdout: 'M\n', stderr: 'M\n', code: 7 });
    });

    it('session: a command that ends before its marker lines answers readUntil and finish with its result', async () => {
      // The marker on stdout alone is not enough: stderr never gets it.
      const session = await transport.openSession("printf 'MARK\\nout'; printf 'err' >&2; exit 5");
      const ended = { stdout: 'MARK\nout', stderr: 'err', code: 5 };
      expect(await session.readUntil('MARK')).toEqual({ ended });
      expect(await session.finish('ignored')).toEqual(ended);
    });

    it('session: keeps multi-byte UTF-8 intact around the marker', async () => {
      // 57,344 bytes a stream (7 a unit): SSH packets of 32 KiB split it inside characters.
      const text = 'é✓ü'.repeat(2 ** 13);
      const double = 't="$t$t"; '.repeat(13);
      const session = await transport.openSession(`t='é✓ü'; ${double}printf '%s✓M\\n%s' "$t" "$t"; printf '%s✓M\\n' "$t" >&2; x=$(cat); printf '%s' "$x"`);
      const prefix = await session.readUntil('✓M');
      expect('stdout' in prefix && prefix.stdout === `${text}✓M\n` && prefix.stderr === `${text}✓M\n`).toBe(true);
      const result = await session.finish('ü✓é');
      expect(result.code).toBe(0);
      expect(result.stdout === `${text}✓M\n${text}ü✓é`).toBe(true);
      expect(result.stderr === `${text}✓M\n`).toBe(true);
    });

    it('session: counts one channel per session', async () => {
      const before = transport.channels();
      for (const [i, input] of ['a', 'b'].entries()) {
        const session = await transport.openSession(`${markers('M')}; cat`);
        await session.readUntil('M');
        expect((await session.finish(input)).stdout).toBe(`M\n${input}`);
        expect(transport.channels() - before).toBe(i + 1);
      }
    });

    it('session: times out, and the connection stays usable', async () => {
      // The timeout may reject openSession or readUntil, whichever is waiting.
      target.slow?.();
      const reading = transport.openSession(`sleep 60; ${markers('M')}; cat`, { timeoutMs: 500 }).then((session) => session.readUntil('M'));
      expect(await unreachableReason(reading)).toBe('timeout');
      expect((await transport.exec('printf ok')).stdout).toBe('ok');
    });

    it('session: rejects with dropped and the output so far when the connection is lost', async () => {
      const session = await transport.openSession(`${markers('M')}; x=$(cat); printf '%s' "$x"`);
      expect(await session.readUntil('M')).toEqual({ stdout: 'M\n', stderr: 'M\n' });
      await target.drop();
      const err = await rejection(session.finish('late'));
      expect(err.reason).toBe('dropped');
      expect(err.partial).toEqual({ stdout: 'M\n', stderr: 'M\n' });
      expect(await unreachableReason(transport.openSession('exit 0'))).toBe('dropped');
    });

    it('streams: stdin piped in comes out of stdout whole; done has the exit status and stderr', async () => {
      const streams = await transport.openStreams("cat; printf 'done\\n' >&2; exit 3");
      const data = Buffer.from('é✓ jail\n'.repeat(200_000), 'utf8');
      const got: Buffer[] = [];
      streams.stdout.on('data', (chunk: Buffer) => got.push(chunk));
      const ended = new Promise((resolve) => streams.stdout.on('end', resolve));
      streams.stdin.end(data);
      expect(await streams.done).toEqual({ code: 3, stderr: 'done\n' });
      await ended;
      expect(Buffer.concat(got).equals(data)).toBe(true);
    });

    it('streams: a source whose stdin is ended at once', async () => {
      const streams = await transport.openStreams("printf 'one\\ntwo\\n'");
      streams.stdin.end();
      const got: Buffer[] = [];
      for await (const chunk of streams.stdout) got.push(chunk as Buffer);
      expect(Buffer.concat(got).toString()).toBe('one\ntwo\n');
      expect(await streams.done).toEqual({ code: 0, stderr: '' });
    });
  });
}
