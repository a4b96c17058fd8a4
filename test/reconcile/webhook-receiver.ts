/** A local HTTP server that receives webhook POSTs and answers from a script. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach } from 'vitest';
import { WebhookNotifier, type WebhookOptions } from '../../src/reconcile/webhook.js';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A status to answer, or 'hang' (never answer). Past the script's end: 200. */
export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(script: Answer[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      for (const w of waiters.splice(0)) w();
      const answer = script.shift() ?? 200;
      if (answer === 'hang') return;
      res.writeHead(answer, { 'Content-Type': 'text/plain' }).end(answer < 300 ? 'thanks\n' : 'nope\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`receiver: ${received.length} of ${count} requests after ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A receiver and a notifier per test, both closed after it (afterEach,
 * registered where this is called): `retry` keeps the tests' delays short.
 */
export function webhookKit(retry: WebhookOptions['retry']): {
  receiver(script?: Answer[]): Promise<Receiver>;
  notifier(opts: WebhookOptions): { n: WebhookNotifier; logs: string[] };
  /** Anything else to close after the test. */
  track(closable: { close(): Promise<unknown> }): void;
} {
  const open: Array<{ close(): Promise<unknown> }> = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });
  return {
    async receiver(script: Answer[] = []) {
      const r = await startReceiver(script);
      open.push(r);
      return r;
    },
    track(closable) {
      open.push(closable);
    },
    notifier(opts: WebhookOptions) {
      const logs: string[] = [];
      const n = new WebhookNotifier({ retry, log: (level, msg) => logs.push(`${level}: ${msg}`), ...opts });
      open.push({ close: () => n.close(500) });
      return { n, logs };
    },
  };
}
