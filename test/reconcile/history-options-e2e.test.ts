/**
 * README "Commands" and "Scheduled reconciliation" (History):
 * `jailfleet history [PASS] [--host H] [--since T] [--json]` lists "the
 * newest passes (--limit N, default 50)"; `--since` takes "a date or time
 * (`2026-05-01`, `2026-05-01T12:00Z`) or an age (`90m`, `12h`, `7d`,
 * `2w`)". Through the CLI, on a history written straight from the schema
 * (report-fixture.ts) with passes at known ages.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPath } from '../../src/reconcile/history-schema.js';
import { cli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { MINUTE, writeFixtureDb, type FixturePass } from './report-fixture.js';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('jailfleet history --since and --limit', () => {
  let dir: string;
  // Five passes at known ages (ids 1..5), then 55 more a year ago, before them all in time (ids 6..60).
  const now = Date.now();
  const aged: Array<[number, number]> = [
    [1, 20 * DAY],
    [2, 10 * DAY],
    [3, 3 * DAY],
    [4, 5 * HOUR],
    [5, 30 * MINUTE],
  ];

  beforeAll(async () => {
    dir = await makeTempDir('jailfleet-history-cli-');
    mkdirSync(join(dir, 'state'));
    const recent: FixturePass[] = aged.map(([, age]) => ({ startedAt: now - age, endedAt: now - age + 1000, hosts: [{ host: 'web1', outcome: 'ok' }] }));
    writeFixtureDb(historyPath(join(dir, 'state')), recent);
  });
  afterAll(async () => removeDir(dir));

  const ids = async (...argv: string[]): Promise<number[]> => {
    const r = await cli(dir, 'history', '--json', '--state-dir', 'state', ...argv);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as { passes: Array<{ id: number }> }).passes.map((p) => p.id).sort((a, b) => a - b);
  };

  it('--since takes an age in minutes, hours, days or weeks', async () => {
    expect(await ids('--since', '90m')).toEqual([5]);
    expect(await ids('--since', '12h')).toEqual([4, 5]);
    expect(await ids('--since', '7d')).toEqual([3, 4, 5]);
    expect(await ids('--since', '2w')).toEqual([2, 3, 4, 5]);
    expect(await ids()).toEqual([1, 2, 3, 4, 5]);
  });

  it('--since takes a date and a time', async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // The start of the day 4 days ago: pass 2 (10 days ago) is before it, pass 3 (3 days ago) after.
    expect(await ids('--since', day(now - 4 * DAY))).toEqual([3, 4, 5]);
    const minute = new Date(now - 6 * HOUR).toISOString().slice(0, 16) + 'Z';
    expect(await ids('--since', minute)).toEqual([4, 5]);
  });

  it('a --since it cannot read is exit 4', async () => {
    const r = await cli(dir, 'history', '--state-dir', 'state', '--since', 'last tuesday');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: --since: "last tuesday" /);
  });

  it('--limit N shows the newest N passes', async () => {
    expect(await ids('--limit', '2')).toEqual([4, 5]);
    expect(await ids('--limit', '2', '--since', '7d')).toEqual([4, 5]);
    // --last is the same option under its older name.
    expect(await ids('--last', '3')).toEqual([3, 4, 5]);
    const zero = await cli(dir, 'history', '--state-dir', 'state', '--limit', '0');
    expect(zero.code).toBe(4);
    const text = await cli(dir, 'history', '--state-dir', 'state', '--limit', '1');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ pass 5 done/);
    expect(text.stdout).not.toMatch(/ pass 4 /);
  });

  it('--limit defaults to 50', async () => {
    const more = await makeTempDir('jailfleet-history-many-');
    try {
      mkdirSync(join(more, 'state'));
      writeFixtureDb(
        historyPath(join(more, 'state')),
        Array.from({ length: 55 }, (_, i) => ({ startedAt: now - (55 - i) * HOUR, hosts: [{ host: 'web1', outcome: 'ok' as const }] })),
      );
      const r = await cli(more, 'history', '--json', '--state-dir', 'state');
      const listed = (JSON.parse(r.stdout) as { passes: Array<{ id: number }> }).passes.map((p) => p.id).sort((a, b) => a - b);
      expect(listed).toEqual(Array.from({ length: 50 }, (_, i) => i + 6));
    } finally {
      await removeDir(more);
    }
  });
});
