import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyPath } from '../../src/reconcile/history-schema.js';
import { parseSince } from '../../src/reconcile/report-since.js';
import type { ReportBlob } from '../../src/reconcile/report-blob.js';
import { cli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { MINUTE, writeFixtureDb } from './report-fixture.js';

const T0 = Date.UTC(2026, 4, 1, 12, 0);
const NOW = Date.UTC(2026, 4, 10);

const blobOf = (file: string): ReportBlob =>
  JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(readFileSync(file, 'utf8'))![1]!) as ReportBlob;

describe('jailfleet report --html', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('jailfleet-report-cli-');
    mkdirSync(join(dir, 'state'));
    writeFixtureDb(historyPath(join(dir, 'state')), [
      { startedAt: T0 - 2 * 24 * 60 * MINUTE, hosts: [{ host: 'old', outcome: 'ok' }] },
      { startedAt: T0, hosts: [{ host: 'b', outcome: 'ok' }, { host: 'a', outcome: 'drifted' }] },
    ]);
    writeFileSync(join(dir, 'hosts.yml'), 'all:\n  vars:\n    transport: sim\n  hosts:\n    b: {}\n    c: {}\n');
  });
  afterAll(async () => removeDir(dir));

  it('writes the page from the state directory, since T, in inventory order', async () => {
    const r = await cli(dir, 'report', '--html', 'out.html', '--state-dir', 'state', '--since', '2026-05-01', '-i', 'hosts.yml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^report: .*\/out\.html \(3 hosts × 1 passes, \d+ KB, \d+ ms\)\n$/);
    const blob = blobOf(join(dir, 'out.html'));
    expect(blob.hosts).toEqual(['b', 'c', 'a']);
    expect(blob.grid).toEqual(['o', '.', 'd']);
  });

  it('says where the history should be when there is none', async () => {
    const r = await cli(dir, 'report', '--html', 'out.html', '--state-dir', 'nowhere');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^error: no reconciliation history at .*\/nowhere\/history\.sqlite \(jailfleet reconcile writes it\)\n$/);
  });

  it('refuses a --since it cannot read, and a missing --html', async () => {
    const bad = await cli(dir, 'report', '--html', 'out.html', '--state-dir', 'state', '--since', 'last tuesday');
    expect([bad.code, bad.stderr]).toEqual([4, expect.stringMatching(/--since: "last tuesday" is neither a duration/)]);
    const none = await cli(dir, 'report', '--state-dir', 'state');
    expect([none.code, none.stderr]).toEqual([4, expect.stringMatching(/required option '--html <file>'/)]);
  });
});

describe('--since', () => {
  it('reads ages back from now and dates', () => {
    expect(parseSince('90m', NOW)).toBe(NOW - 90 * MINUTE);
    expect(parseSince('7d', NOW)).toBe(NOW - 7 * 24 * 60 * MINUTE);
    expect(parseSince('2w', NOW)).toBe(NOW - 14 * 24 * 60 * MINUTE);
    expect(parseSince('2026-05-01', NOW)).toBe(Date.UTC(2026, 4, 1));
    expect(parseSince('2026-05-01T12:00Z', NOW)).toBe(T0);
    expect(() => parseSince('12', NOW)).toThrow(/neither a duration/);
  });
});
