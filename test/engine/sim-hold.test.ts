/**
 * The hold on a simulated host's state file (src/engine/sim-hold.ts): a lock
 * file holds its maker's pid. One still empty is a maker between creating
 * and writing it, and is waited for — unless it has been empty for long: a
 * process that died in between must not block the host for ever.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_LOCK_STALE_MS, holdSimHost, simLockPath } from '../../src/engine/sim-hold.js';
import { UnreachableError } from '../../src/errors.js';

describe('holding a simulated host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-hold-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for a lock just made and still empty, then gives up naming it', async () => {
    const state = join(dir, 'fresh.json');
    writeFileSync(simLockPath(state), '');
    const err = await holdSimHost('fresh', state, 60, 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect((err as UnreachableError).message).toContain(`the simulated host is in use by another jailfleet process (pid -1, ${simLockPath(state)})`);
    expect(readFileSync(simLockPath(state), 'utf8')).toBe('');
  });

  it('takes over a lock left empty for longer than a maker takes to write its pid', async () => {
    const state = join(dir, 'stale.json');
    writeFileSync(simLockPath(state), '');
    // An hour: far past EMPTY_LOCK_STALE_MS.
    expect(EMPTY_LOCK_STALE_MS).toBeLessThan(3_600_000);
    const then = Date.now() / 1000 - 3600;
    utimesSync(simLockPath(state), then, then);
    const release = await holdSimHost('stale', state, 60, 10);
    expect(readFileSync(simLockPath(state), 'utf8')).toBe(`${process.pid}\n`);
    release();
    expect(existsSync(simLockPath(state))).toBe(false);
  });
});
