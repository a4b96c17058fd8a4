/**
 * README "Scheduled reconciliation", Webhook: the headers include
 * `User-Agent: jailfleet`; "Network errors, timeouts (10 s per request),
 * 429 and 5xx are retried up to 6 tries in all, 1 s, 2 s, 4 s, 8 s, 16 s
 * apart … Any other answer is final, and redirects are not followed. The
 * queue holds at most 100 bodies." Against a local HTTP server: a 429 is
 * retried (same body, same delivery id); a 301/302/307/308 is final and its
 * Location is never requested (a followed POST becomes a GET without the
 * body, or carries the Basic auth elsewhere); every request says
 * `User-Agent: jailfleet`. The defaults are asserted as the README states them.
 */
import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { HostOutcome } from '../../src/reconcile/history-schema.js';
import { DEFAULT_MAX_QUEUE, DEFAULT_RETRY } from '../../src/reconcile/webhook-queue.js';
import { hostRows, outcomesOf, passWithHosts } from './pass-rows.js';
import { WebhookNotifier } from '../../src/reconcile/webhook.js';
import { webhookKit } from './webhook-receiver.js';

// Short delays so a retry comes at once; the count of tries is what matters.
const FAST = { baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2000 };

const { receiver, notifier, track } = webhookKit(FAST);

/** Two passes, the second with a drift: one POST. */
function drift(n: WebhookNotifier): void {
  const passes: Array<Record<string, HostOutcome>> = [{ web1: 'ok' }, { web1: 'drifted' }];
  let previous = new Map<string, HostOutcome>();
  passes.forEach((outcomes, i) => {
    const hosts = hostRows(i + 1, outcomes);
    n.onPassEnd(passWithHosts(i + 1, hosts), hosts, previous);
    previous = outcomesOf(hosts);
  });
}

/** A server that answers every request with a redirect to /elsewhere, and records the paths asked for. */
async function redirecting(status: number): Promise<{ url: string; paths: string[]; methods: string[] }> {
  const paths: string[] = [];
  const methods: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    methods.push(req.method ?? '');
    req.resume();
    req.on('end', () => res.writeHead(status, { Location: '/elsewhere' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  track({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/hook`, paths, methods };
}

describe('webhook HTTP rules', () => {
  it('429 is retried: the same body and delivery id, then delivered; every try says User-Agent: jailfleet', async () => {
    const r = await receiver([429, 429, 200]);
    const { n, logs } = notifier({ url: r.url });
    drift(n);
    const [first, second, third] = await r.waitFor(3);
    for (const req of [first, second, third]) {
      expect(req!.headers['user-agent']).toBe('jailfleet');
      expect(req!.headers['x-jailfleet-delivery']).toBe('pass-2');
      expect(req!.body).toBe(first!.body);
    }
    expect(await n.close(2000)).toEqual({ delivered: 1, undelivered: 0 });
    expect(r.received).toHaveLength(3);
    expect(logs.filter((l) => l.includes('(HTTP 429); retrying'))).toHaveLength(2);
  });

  for (const status of [301, 302, 307, 308]) {
    it(`a ${status} redirect is not followed: one POST, final, Location never requested`, async () => {
      const server = await redirecting(status);
      const { n } = notifier({ url: server.url });
      drift(n);
      expect(await n.close(2000)).toEqual({ delivered: 0, undelivered: 1 });
      expect(server.paths).toEqual(['/hook']);
      expect(server.methods).toEqual(['POST']);
    });
  }

  it('the defaults are the README\'s: 6 tries, 1 s doubling to at most 60 s, 10 s per request, 100 bodies queued', () => {
    expect(DEFAULT_RETRY).toEqual({ attempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 10_000 });
    expect(DEFAULT_MAX_QUEUE).toBe(100);
  });
});
