import { describe, expect, it } from 'vitest';
import type { HostOutcome } from '../../src/reconcile/history-schema.js';
import { runPassEndHooks, type PassEndHook } from '../../src/reconcile/pass-hooks.js';
import type { WebhookPayload } from '../../src/reconcile/webhook-changes.js';
import { backoffMs, DEFAULT_RETRY } from '../../src/reconcile/webhook-queue.js';
import { hostRows, outcomesOf, passWithHosts } from './pass-rows.js';
import { WebhookNotifier } from '../../src/reconcile/webhook.js';
import { webhookKit } from './webhook-receiver.js';

const FAST = { baseDelayMs: 40, maxDelayMs: 200, timeoutMs: 2000 };

const { receiver, notifier } = webhookKit(FAST);

/** Runs passes in order, each compared with the one before, as the reconcile loop does. */
function runPasses(n: WebhookNotifier, passes: Record<string, HostOutcome>[]): void {
  let previous = new Map<string, HostOutcome>();
  passes.forEach((outcomes, i) => {
    const hosts = hostRows(i + 1, outcomes);
    n.onPassEnd(passWithHosts(i + 1, hosts), hosts, previous);
    previous = outcomesOf(hosts);
  });
}

const payload = (body: string): WebhookPayload => JSON.parse(body) as WebhookPayload;

describe('webhook delivery to a local HTTP server', () => {
  it('retries after a 500: two requests with the same body and delivery id', async () => {
    const r = await receiver([500, 200]);
    const { n, logs } = notifier({ url: r.url });
    runPasses(n, [{ a: 'ok' }, { a: 'drifted' }]);
    const [first, second] = await r.waitFor(2);
    expect(first!.method).toBe('POST');
    expect(first!.url).toBe('/hook');
    expect(first!.headers['content-type']).toBe('application/json');
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['x-jailfleet-delivery']).toBe('pass-2');
    expect(first!.headers['x-jailfleet-delivery']).toBe('pass-2');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(FAST.baseDelayMs - 5);
    expect(payload(first!.body).changes).toEqual([{ host: 'a', event: 'drift', outcome: 'drifted', previous: 'ok', message: 'drifted on a' }]);
    expect(await n.close(2000)).toEqual({ delivered: 1, undelivered: 0 });
    expect(r.received).toHaveLength(2);
    expect(logs.some((l) => /^info: .*pass-2 try 1 failed \(HTTP 500\); retrying in 40 ms/.test(l))).toBe(true);
  });

  it('drift, then back to ok: one POST per changed pass, none for the unchanged ones', async () => {
    const r = await receiver();
    const { n } = notifier({ url: r.url });
    runPasses(n, [
      { a: 'ok', b: 'ok' },
      { a: 'drifted', b: 'ok' },
      { a: 'drifted', b: 'ok' },
      { a: 'ok', b: 'ok' },
    ]);
    expect(await n.close(2000)).toEqual({ delivered: 2, undelivered: 0 });
    const bodies = r.received.map((x) => payload(x.body));
    expect(bodies.map((b) => [b.pass.id, b.changes.map((c) => `${c.host}:${c.previous}->${c.event}`)])).toEqual([
      [2, ['a:ok->drift']],
      [4, ['a:drifted->ok']],
    ]);
  });

  it('never delays a pass: a receiver that never answers costs the pass nothing, and close() gives up on time', async () => {
    const r = await receiver(['hang', 'hang', 'hang']);
    const { n, logs } = notifier({ url: r.url, retry: { ...FAST, timeoutMs: 60_000 } });
    // onPassEnd is synchronous (void): a pass cannot wait on the network; the POSTs only queue.
    runPasses(n, [{ a: 'drifted' }, { a: 'failed' }, { a: 'ok' }]);
    expect(r.received).toHaveLength(0);
    await r.waitFor(1);
    const closing = performance.now();
    const result = await n.close(300);
    expect(performance.now() - closing).toBeLessThan(2000);
    expect(result).toEqual({ delivered: 0, undelivered: 3 });
    expect(logs.some((l) => l.startsWith('warn: ') && l.includes('3 undelivered at shutdown'))).toBe(true);
  });

  it('a failing receiver (500 every time) gives up after the configured tries, spaced by backoff', async () => {
    const r = await receiver([500, 500, 500, 500]);
    const { n, logs } = notifier({ url: r.url, retry: { ...FAST, attempts: 3 } });
    runPasses(n, [{ a: 'failed' }]);
    expect(await n.close(5000)).toEqual({ delivered: 0, undelivered: 1 });
    expect(r.received).toHaveLength(3);
    const gaps = r.received.slice(1).map((x, i) => x.at - r.received[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(logs.at(-1)).toMatch(/^warn: webhook .* gave up on pass-1 after 3 tries: HTTP 500$/);
  });

  it('a 4xx answer is final: no retry', async () => {
    const r = await receiver([400]);
    const { n, logs } = notifier({ url: r.url });
    runPasses(n, [{ a: 'drifted' }]);
    expect(await n.close(2000)).toEqual({ delivered: 0, undelivered: 1 });
    expect(r.received).toHaveLength(1);
    expect(logs.at(-1)).toMatch(/gave up on pass-1 after 1 try: HTTP 400$/);
  });

  it('network errors are retried; no log line shows the credentials or the token', async () => {
    const r = await receiver();
    const port = r.port;
    await r.close();
    const url = `http://hookuser:s3cretpass@127.0.0.1:${port}/hooks/T0ABCDEF1/B0GHIJKL2/xyzzyTOKENvalue123?token=qwerty-777&channel=ops`;
    const { n, logs } = notifier({ url, retry: { ...FAST, attempts: 2 } });
    runPasses(n, [{ a: 'unreachable' }]);
    expect(await n.close(3000)).toEqual({ delivered: 0, undelivered: 1 });
    const text = logs.join('\n');
    expect(text).toMatch(/ECONNREFUSED/);
    expect(text).toContain(`http://********@127.0.0.1:${port}/hooks/********/********/********?token=********&channel=********`);
    for (const secret of ['hookuser', 's3cretpass', 'T0ABCDEF1', 'B0GHIJKL2', 'xyzzyTOKENvalue123', 'qwerty-777']) expect(text).not.toContain(secret);
  });

  it('user:password in the URL arrives as Basic auth, not in the request line', async () => {
    const r = await receiver();
    const url = r.url.replace('http://', 'http://ops%40example:p%3Ass@');
    const { n } = notifier({ url });
    runPasses(n, [{ a: 'drifted' }]);
    const [req] = await r.waitFor(1);
    expect(req!.headers.authorization).toBe(`Basic ${Buffer.from('ops@example:p:ss').toString('base64')}`);
    expect(req!.url).toBe('/hook');
  });

  it('a bounded queue drops the oldest bodies when the receiver is stuck', async () => {
    const r = await receiver(['hang']);
    const { n, logs } = notifier({ url: r.url, maxQueue: 2, retry: { ...FAST, timeoutMs: 60_000 } });
    runPasses(n, [{ a: 'drifted' }, { a: 'ok' }, { a: 'drifted' }, { a: 'ok' }, { a: 'drifted' }]);
    await r.waitFor(1);
    expect(logs.filter((l) => l.includes('queue full'))).toHaveLength(2);
    expect(await n.close(100)).toEqual({ delivered: 0, undelivered: 5 });
  });

  it('backoff doubles from the base and is capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffMs(a, DEFAULT_RETRY))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('rejects a URL that is not http(s), without echoing it', () => {
    expect(() => new WebhookNotifier({ url: 'ftp://u:hunter22@x/y' })).toThrow(/expected an http or https URL/);
    expect(() => new WebhookNotifier({ url: 'not a url hunter22' })).toThrow(/^--webhook: not a valid URL$/);
  });
});

describe('wiring into the reconcile loop', () => {
  it('both sinks fit PassEndHook (src/reconcile/pass-hooks.ts)', async () => {
    const { MetricsSink } = await import('../../src/reconcile/metrics.js');
    const sink = await MetricsSink.create({});
    const n = new WebhookNotifier({ url: 'http://127.0.0.1:9/hook' });
    const hooks: PassEndHook[] = [(p, h, prev) => sink.onPassEnd(p, h, prev), (p, h, prev) => n.onPassEnd(p, h, prev)];
    const hosts = hostRows(1, { a: 'ok' });
    await runPassEndHooks(hooks, passWithHosts(1, hosts), hosts, new Map(), (err) => {
      throw err;
    });
    expect(sink.current()).toContain('jailfleet_reconcile_passes_total{result="done"} 1');
    await sink.close();
    expect(await n.close(100)).toEqual({ delivered: 0, undelivered: 0 });
  });
});
