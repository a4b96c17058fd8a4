import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsSink } from '../../src/reconcile/metrics.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { parseExposition, valueOf } from './prom-text-check.js';
import { hostRows, passRow, passWithHosts } from './pass-rows.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('MetricsSink with --metrics-port', () => {
  it('serves GET /metrics on 127.0.0.1 with the same text as the file', async () => {
    const dir = await makeTempDir('jailfleet-metrics-http-');
    cleanup.push(() => removeDir(dir));
    const file = join(dir, 'jailfleet.prom');
    const sink = await MetricsSink.create({ file, port: 0, history: [passRow(1, { hosts_ok: 2 })] });
    cleanup.push(() => sink.close());
    expect(sink.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

    let res = await fetch(sink.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await res.text()).toBe(await readFile(file, 'utf8'));

    const hosts = hostRows(2, { a: 'failed', b: 'ok' });
    await sink.onPassEnd(passWithHosts(2, hosts), hosts, new Map());
    res = await fetch(sink.url!);
    const text = await res.text();
    expect(text).toBe(await readFile(file, 'utf8'));
    const f = parseExposition(text, { lint: true });
    expect(valueOf(f, 'jailfleet_reconcile_hosts', 'jailfleet_reconcile_hosts', { outcome: 'failed' })).toBe(1);
    expect(valueOf(f, 'jailfleet_reconcile_passes_total', 'jailfleet_reconcile_passes_total', { result: 'done' })).toBe(2);
  });

  it('404 for any other path, 405 for other methods, HEAD without a body', async () => {
    const sink = await MetricsSink.create({ port: 0 });
    cleanup.push(() => sink.close());
    const base = sink.url!.replace(/\/metrics$/, '');
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/x`)).status).toBe(404);
    expect((await fetch(`${base}/metric`)).status).toBe(404);
    expect((await fetch(`${base}/metrics?name[]=x`)).status).toBe(200);
    const post = await fetch(sink.url!, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(sink.url!, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('--metrics-address changes the bind address; close() frees the port', async () => {
    const sink = await MetricsSink.create({ port: 0, address: '0.0.0.0' });
    const port = Number(new URL(sink.url!).port);
    expect(sink.url).toBe(`http://0.0.0.0:${port}/metrics`);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    await sink.close();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it('a port in use fails at start-up', async () => {
    const first = await MetricsSink.create({ port: 0 });
    cleanup.push(() => first.close());
    const port = Number(new URL(first.url!).port);
    await expect(MetricsSink.create({ port })).rejects.toThrow(new RegExp(`^--metrics-port: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
  });
});
