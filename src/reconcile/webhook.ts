/**
 * `--webhook URL` for `jailfleet reconcile` (issue 14): after each pass, one
 * JSON POST listing the hosts whose outcome changed in a way worth telling
 * (new drift, new failure, back to ok, repaired; see webhook-changes.ts for
 * the rules and the body's shape). Delivery is queued and retried in the
 * background: a slow or dead receiver never delays a pass.
 */
import type { HostOutcome, HostResultRow, PassRow } from './history-schema.js';
import type { SinkLog } from './sink-log.js';
import { hostChanges, webhookPayload } from './webhook-changes.js';
import { WebhookQueue, type CloseResult, type RetryPolicy } from './webhook-queue.js';
import { parseWebhookUrl, type WebhookTarget } from './webhook-url.js';

export interface WebhookOptions {
  url: string;
  /** Defaults: 6 tries, 1 s doubling to at most 60 s, 10 s per request. */
  retry?: Partial<RetryPolicy>;
  maxQueue?: number;
  log?: SinkLog;
}

export class WebhookNotifier {
  private readonly target: WebhookTarget;
  private readonly queue: WebhookQueue;

  /** Throws InputError for a URL that is not http(s): call it while parsing options. */
  constructor(opts: WebhookOptions) {
    this.target = parseWebhookUrl(opts.url);
    this.queue = new WebhookQueue({ target: this.target, retry: opts.retry, maxQueue: opts.maxQueue, log: opts.log });
  }

  /** The URL as it may be printed. */
  get display(): string {
    return this.target.display;
  }

  /** The URL's secret parts: give each to the run's Redactor so no printer or log shows them. */
  get secrets(): readonly string[] {
    return this.target.secrets;
  }

  /**
   * Compares each host with its previous outcome and queues one POST when
   * anything changed. Synchronous and non-throwing: it returns before any
   * network traffic, so the pass never waits for the receiver.
   */
  onPassEnd(pass: PassRow, hosts: readonly HostResultRow[], previous: ReadonlyMap<string, HostOutcome>): void {
    const changes = hostChanges(hosts, previous);
    if (changes.length === 0) return;
    this.queue.enqueue({ id: `pass-${pass.id}`, body: JSON.stringify(webhookPayload(pass, hosts, changes)) });
  }

  /** At shutdown: waits up to `timeoutMs` for queued POSTs, then gives them up. */
  close(timeoutMs?: number): Promise<CloseResult> {
    return this.queue.close(timeoutMs);
  }
}
