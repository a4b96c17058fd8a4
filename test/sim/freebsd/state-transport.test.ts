import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UnreachableError } from '../../../src/errors.js';
import { SimHost } from '../../../src/sim/host.js';
import { freshHostState } from '../../../src/sim/seed.js';
import { loadState, saveState } from '../../../src/sim/state-file.js';
import { SimTransport } from '../../../src/sim/transport.js';

const fresh = () => freshHostState({ hostname: 'alpha.example.org', address: '192.0.2.10' });

describe('state file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a host and leaves no temp file', () => {
    dir = mkdtempSync(join(tmpdir(), 'jf-sim-'));
    const path = join(dir, 'hosts', 'alpha.json');
    expect(loadState(path)).toBeUndefined();
    const state = fresh();
    saveState(path, state);
    expect(loadState(path)).toEqual(state);
    expect(readdirSync(join(dir, 'hosts'))).toEqual(['alpha.json']);
  });
});

describe('SimTransport', () => {
  const reason = async (p: Promise<unknown>) => {
    const e = await p.then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(UnreachableError);
    return (e as UnreachableError).reason;
  };

  it('runs commands on the host and counts channels', async () => {
    const seen: number[] = [];
    const t = new SimTransport(new SimHost('alpha', fresh()), { onAfterExec: (h) => seen.push(h.state.clock) });
    expect(t.host).toBe('alpha');
    expect(await t.exec('sysrc -n sshd_enable')).toEqual({ stdout: 'YES\n', stderr: '', code: 0 });
    expect(await t.exec('service sshd status')).toEqual({ stdout: 'sshd is running as pid 602.\n', stderr: '', code: 0 });
    expect(t.channels()).toBe(2);
    expect(seen).toEqual([1764343801, 1764343802]);
    await t.close();
    expect(await reason(t.exec('true'))).toBe('dropped');
  });

  it('unreachable, dropped, timeout and failing-command faults', async () => {
    const sim = new SimHost('alpha', fresh());
    expect(await reason(new SimTransport(sim, { faults: { unreachable: true } }).exec('true'))).toBe('connect');
    const dropping = new SimTransport(sim, { faults: { dropAfterCommands: 1 } });
    expect(await reason(dropping.exec('sysrc -n hostname; sysrc -n sshd_enable'))).toBe('dropped');
    const slow = new SimTransport(sim, { faults: { slowMs: 50 } });
    expect(await reason(slow.exec('true', { timeoutMs: 5 }))).toBe('timeout');
    expect((await slow.exec('sysrc -n hostname', { timeoutMs: 1000 })).stdout).toBe('alpha.example.org\n');
    const failing = new SimTransport(sim, { faults: { failCommand: [{ match: 'service sshd', code: 1, stderr: 'boom\n' }] } });
    expect(await failing.exec('service sshd status')).toEqual({ stdout: '', stderr: 'boom\n', code: 1 });
  });
});
