import { mkdir, open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempPathFor, writeFileAtomic } from '../../src/reconcile/atomic-file.js';
import { InputError } from '../../src/errors.js';
import { MetricsSink, checkMetricsFile, parseMetricsPort } from '../../src/reconcile/metrics.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { parseExposition, valueOf } from './prom-text-check.js';
import { hostRows, passRow, passWithHosts } from './pass-rows.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir('jailfleet-metrics-');
});
afterEach(async () => {
  await removeDir(dir);
});

describe('atomic file replacement', () => {
  it('replaces the file by rename: a reader holding the old file keeps it whole, and no temp file stays', async () => {
    const path = join(dir, 'jailfleet.prom');
    await writeFileAtomic(path, 'old 1\n');
    const before = await stat(path);
    const reader = await open(path, 'r');
    try {
      await writeFileAtomic(path, 'new 2\n');
      // The new content is a new inode, swapped in whole; the old inode is untouched.
      expect((await stat(path)).ino).not.toBe(before.ino);
      expect(await reader.readFile('utf8')).toBe('old 1\n');
    } finally {
      await reader.close();
    }
    expect(await readFile(path, 'utf8')).toBe('new 2\n');
    expect(await readdir(dir)).toEqual(['jailfleet.prom']);
  });

  it('a concurrent reader only ever sees a complete exposition', async () => {
    const path = join(dir, 'jailfleet.prom');
    const body = (n: number): string => `${'# padding to make each write take several syscalls\n'.repeat(2000)}done ${n}\n`;
    await writeFileAtomic(path, body(0));
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(path, 'utf8');
        const n = /\ndone (\d+)\n$/.exec(text)?.[1];
        expect(n).toBeDefined();
        expect(text).toBe(body(Number(n)));
        reads++;
      }
    })();
    for (let n = 1; n <= 60; n++) await writeFileAtomic(path, body(n));
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(await readdir(dir)).toEqual(['jailfleet.prom']);
  });

  it('the temp file is a hidden non-.prom sibling, and is removed when the write fails', async () => {
    const temp = tempPathFor(join(dir, 'x.prom'));
    expect(temp.startsWith(join(dir, '.x.prom.'))).toBe(true);
    expect(temp.endsWith('.tmp')).toBe(true);
    // A directory in the way makes the rename fail after the temp file was written.
    const blocked = join(dir, 'blocked.prom');
    await writeFile(join(dir, 'keep'), '');
    await mkdir(join(blocked, 'sub'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'x 1\n')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['blocked.prom', 'keep']);
  });
});

describe('MetricsSink with --metrics-file', () => {
  it('writes the seeded history at start and the new exposition after each pass', async () => {
    const path = join(dir, 'jailfleet_reconcile.prom');
    const sink = await MetricsSink.create({ file: path, history: [passRow(1, { hosts_ok: 3 }), passRow(2, { status: 'missed', ended_at: null })] });
    try {
      let f = parseExposition(await readFile(path, 'utf8'), { lint: true });
      expect(valueOf(f, 'jailfleet_reconcile_passes_total', 'jailfleet_reconcile_passes_total', { result: 'missed' })).toBe(1);
      expect(valueOf(f, 'jailfleet_reconcile_hosts', 'jailfleet_reconcile_hosts', { outcome: 'ok' })).toBe(3);

      const hosts = hostRows(3, { a: 'drifted', b: 'ok' });
      await sink.onPassEnd(passWithHosts(3, hosts, { tasks_drifted: 2 }), hosts, new Map());
      const text = await readFile(path, 'utf8');
      expect(text).toBe(sink.current());
      f = parseExposition(text, { lint: true });
      expect(valueOf(f, 'jailfleet_reconcile_passes_total', 'jailfleet_reconcile_passes_total', { result: 'done' })).toBe(2);
      expect(valueOf(f, 'jailfleet_reconcile_hosts', 'jailfleet_reconcile_hosts', { outcome: 'drifted' })).toBe(1);
      expect(valueOf(f, 'jailfleet_reconcile_tasks_drifted', 'jailfleet_reconcile_tasks_drifted')).toBe(2);
      expect(await readdir(dir)).toEqual(['jailfleet_reconcile.prom']);
    } finally {
      await sink.close();
    }
  });

  it('a write that fails after start-up is logged, not thrown: the pass loop goes on', async () => {
    const path = join(dir, 'gone', 'm.prom');
    await mkdir(join(dir, 'gone'));
    const logs: string[] = [];
    const sink = await MetricsSink.create({ file: path, log: (level, msg) => logs.push(`${level}: ${msg}`) });
    await removeDir(join(dir, 'gone'));
    await expect(sink.onPassEnd(passRow(1), [], new Map())).resolves.toBeUndefined();
    expect(logs.join('\n')).toMatch(/^warn: metrics: cannot write .*m\.prom/);
    await sink.close();
  });

  it('start-up fails on a bad path, and on a file not ending in .prom', async () => {
    await expect(MetricsSink.create({ file: join(dir, 'missing', 'm.prom') })).rejects.toThrow(InputError);
    await expect(MetricsSink.create({ file: join(dir, 'missing', 'm.prom') })).rejects.toThrow(/^--metrics-file: cannot write .*ENOENT/);
    expect(() => checkMetricsFile('/var/tmp/metrics.txt')).toThrow(/\.prom/);
    expect(checkMetricsFile('/var/tmp/node_exporter/jailfleet.prom')).toBe('/var/tmp/node_exporter/jailfleet.prom');
  });

  it('--metrics-port takes 1-65535', () => {
    expect(parseMetricsPort('9108')).toBe(9108);
    for (const bad of ['0', '65536', 'x', '-1', '']) expect(() => parseMetricsPort(bad)).toThrow(/--metrics-port/);
  });
});
