/**
 * Delivers webhook bodies one at a time, in order, off the pass's path:
 * `enqueue` returns at once and a single worker POSTs in the background.
 * Network errors, timeouts, 429 and 5xx are retried with exponential backoff
 * (1 s, 2 s, 4 s… capped); any other answer is final. The queue is bounded:
 * with the receiver down for days, the oldest undelivered bodies are dropped
 * rather than growing memory without end.
 */
import { scrub, type WebhookTarget } from './webhook-url.js';
import type { SinkLog } from './sink-log.js';

export interface RetryPolicy {
  /** Tries per body, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per request, so a receiver that never answers costs a bounded time. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 10_000 };
export const DEFAULT_MAX_QUEUE = 100;

export interface Delivery {
  /** Sent as X-Jailfleet-Delivery, the same on every retry, so a receiver can drop duplicates. */
  id: string;
  body: string;
}

export interface QueueOptions {
  target: WebhookTarget;
  retry?: Partial<RetryPolicy>;
  maxQueue?: number;
  log?: SinkLog;
}

export interface CloseResult {
  delivered: number;
  /** Given up: final error, retries exhausted, dropped from a full queue, or left at close. */
  undelivered: number;
}

type Attempt = { kind: 'ok' } | { kind: 'retry' | 'final'; reason: string };

/** Delay before try n+1 after try n failed (n from 1). */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

const retryable = (status: number): boolean => status === 429 || status >= 500;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class WebhookQueue {
  private readonly pending: Delivery[] = [];
  private readonly policy: RetryPolicy;
  private readonly maxQueue: number;
  private readonly log: SinkLog;
  private readonly stop = new AbortController();
  private worker: Promise<void> | undefined;
  private closed = false;
  private delivered = 0;
  private undelivered = 0;

  constructor(private readonly opts: QueueOptions) {
    this.policy = { ...DEFAULT_RETRY, ...opts.retry };
    this.maxQueue = opts.maxQueue ?? DEFAULT_MAX_QUEUE;
    this.log = opts.log ?? (() => undefined);
  }

  /** Never waits and never throws: the pass that produced the body has already moved on. */
  enqueue(delivery: Delivery): void {
    if (this.closed) {
      this.undelivered += 1;
      return;
    }
    if (this.pending.length >= this.maxQueue) {
      const dropped = this.pending.shift();
      this.undelivered += 1;
      this.log('warn', `webhook ${this.opts.target.display}: queue full, dropped ${dropped?.id ?? 'a body'}`);
    }
    this.pending.push(delivery);
    this.worker ??= this.drain();
  }

  /** Bodies waiting or in flight. */
  get size(): number {
    return this.pending.length + (this.worker ? 1 : 0);
  }

  private async drain(): Promise<void> {
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      if (this.stop.signal.aborted) {
        this.undelivered += 1;
        continue;
      }
      await this.deliver(next);
    }
    // No await between the empty check above and this line: an enqueue cannot slip in unseen.
    this.worker = undefined;
  }

  private async deliver(d: Delivery): Promise<void> {
    const { display } = this.opts.target;
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.post(d);
      if (result.kind === 'ok') {
        this.delivered += 1;
        this.log('debug', `webhook ${display}: delivered ${d.id}${attempt > 1 ? ` after ${attempt} tries` : ''}`);
        return;
      }
      const last = result.kind === 'final' || attempt >= this.policy.attempts || this.stop.signal.aborted;
      if (last) {
        this.undelivered += 1;
        this.log('warn', `webhook ${display}: gave up on ${d.id} after ${attempt} ${attempt === 1 ? 'try' : 'tries'}: ${result.reason}`);
        return;
      }
      const wait = backoffMs(attempt, this.policy);
      this.log('info', `webhook ${display}: ${d.id} try ${attempt} failed (${result.reason}); retrying in ${wait} ms`);
      await sleep(wait, this.stop.signal);
    }
  }

  private async post(d: Delivery): Promise<Attempt> {
    const { target } = this.opts;
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { ...target.headers, 'Content-Type': 'application/json', 'User-Agent': 'jailfleet', 'X-Jailfleet-Delivery': d.id },
        body: d.body,
        // A redirected POST turns into a GET without the body (and could carry the Authorization elsewhere).
        redirect: 'manual',
        signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.policy.timeoutMs)]),
      });
      // Read the body so the connection goes back to the pool; its content is not used.
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { kind: 'ok' };
      return { kind: retryable(res.status) ? 'retry' : 'final', reason: `HTTP ${res.status}` };
    } catch (err) {
      return { kind: 'retry', reason: scrub(describe(err), target) };
    }
  }

  /**
   * Waits up to `timeoutMs` for the queue to empty, then abandons what is
   * left (an in-flight request is aborted). For shutdown: the process must
   * not hang on a dead receiver.
   */
  async close(timeoutMs = 10_000): Promise<CloseResult> {
    this.closed = true;
    if (this.worker) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([this.worker.then(() => 'done' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.stop.abort();
        await this.worker;
        this.log('warn', `webhook ${this.opts.target.display}: ${this.undelivered} undelivered at shutdown`);
      }
    }
    return { delivered: this.delivered, undelivered: this.undelivered };
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return 'timed out';
  if (err.name === 'AbortError') return 'aborted at shutdown';
  // fetch's own message is just "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, a TLS error).
  const cause = (err as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
}
