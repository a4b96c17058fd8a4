/**
 * The behaviour every Transport must have, run against each target: the ssh2
 * test server, a real OpenSSH sshd, and (later) the in-process simulator.
 * Commands stay within what a simulated FreeBSD host supports: printf, cat,
 * head -c, tr, sleep, exit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnreachableError } from '../../src/errors.js';
import type { Transport } from '../../src/transport/transport.js';

export interface ContractTarget {
  transport: Transport;
  /** Make the target cut the connection, as a crashing or rebooting host would. */
  drop(): Promise<void> | void;
  cleanup(): Promise<void>;
}

export type ContractFactory = () => Promise<ContractTarget>;

const TEN_MB = 10 * 1024 * 1024;

async function unreachableReason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(UnreachableError);
    return (err as UnreachableError).reason;
  }
  throw new Error('expected the exec to reject');
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

    it('collects a 10 MB output', async () => {
      const started = Date.now();
      const result = await transport.exec(`head -c ${TEN_MB} /dev/zero | tr '\\0' a`);
      expect(result.code).toBe(0);
      expect(result.stdout.length).toBe(TEN_MB);
      expect(/^a+$/.test(result.stdout)).toBe(true);
      expect(Date.now() - started).toBeLessThan(15_000);
    });

    it('times out a command, and the connection stays usable', async () => {
      const started = Date.now();
      expect(await unreachableReason(transport.exec('sleep 5', { timeoutMs: 500 }))).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((await transport.exec('printf ok')).stdout).toBe('ok');
    });

    it('rejects with dropped when the connection is lost mid-command, and afterwards', async () => {
      const running = transport.exec('sleep 5');
      const outcome = unreachableReason(running);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = Date.now();
      await target.drop();
      expect(await outcome).toBe('dropped');
      expect(Date.now() - started).toBeLessThan(3_000);
      const next = Date.now();
      expect(await unreachableReason(transport.exec('printf again'))).toBe('dropped');
      expect(Date.now() - next).toBeLessThan(1_000);
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
  });
}
