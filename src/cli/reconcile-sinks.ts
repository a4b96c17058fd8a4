/**
 * What `reconcile` tells the outside after each pass (issue 14): the
 * Prometheus metrics (--metrics-file, --metrics-port) and the webhook
 * (--webhook), as pass-end hooks. Both are set up before the first pass,
 * so a bad path, port or URL is bad input (exit 4) before any host is
 * touched; the webhook's secret parts go to the redactor.
 */
import { existsSync } from 'node:fs';
import type { Redactor } from '../report/redact.js';
import type { PassRow } from '../reconcile/history-schema.js';
import { historyPath } from '../reconcile/history-schema.js';
import { passRowsSince } from '../reconcile/history-queries.js';
import { openHistory } from '../reconcile/history-store.js';
import { MetricsSink, parseMetricsPort } from '../reconcile/metrics.js';
import type { PassEndHook } from '../reconcile/pass-hooks.js';
import { WebhookNotifier } from '../reconcile/webhook.js';

export interface SinkOptions {
  metricsFile?: string;
  metricsPort?: string;
  metricsAddress?: string;
  webhook?: string;
}

export interface PassSinks {
  hooks: PassEndHook[];
  close(): Promise<void>;
}

/** Every pass the history keeps, so the counters carry on across restarts (none before the first run). */
function pastPasses(stateDir: string): PassRow[] {
  if (!existsSync(historyPath(stateDir))) return [];
  const store = openHistory(stateDir, { readonly: true });
  try {
    return passRowsSince(store.db, 0);
  } finally {
    store.close();
  }
}

export async function passSinks(opts: SinkOptions, stateDir: string, redactor: Redactor, warn: (msg: string) => void): Promise<PassSinks> {
  const hooks: PassEndHook[] = [];
  const closers: Array<() => Promise<unknown>> = [];
  const log = (level: 'warn' | 'info' | 'debug', msg: string): void => {
    if (level === 'warn') warn(redactor.redact(msg));
  };
  if (opts.webhook !== undefined) {
    const notifier = new WebhookNotifier({ url: opts.webhook, log });
    for (const s of notifier.secrets) redactor.add(s);
    hooks.push((pass, hosts, previous) => notifier.onPassEnd(pass, hosts, previous));
    closers.push(() => notifier.close());
  }
  if (opts.metricsFile !== undefined || opts.metricsPort !== undefined) {
    const sink = await MetricsSink.create({
      ...(opts.metricsFile !== undefined ? { file: opts.metricsFile } : {}),
      ...(opts.metricsPort !== undefined ? { port: parseMetricsPort(opts.metricsPort) } : {}),
      ...(opts.metricsAddress !== undefined ? { address: opts.metricsAddress } : {}),
      history: pastPasses(stateDir),
      log,
    });
    hooks.push((pass, hosts, previous) => sink.onPassEnd(pass, hosts, previous));
    closers.push(() => sink.close());
  }
  return {
    hooks,
    async close() {
      for (const close of closers) await close();
    },
  };
}
