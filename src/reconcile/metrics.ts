/**
 * `--metrics-file` and `--metrics-port` for `jailfleet reconcile` (issue
 * 14): the Prometheus text exposition of the reconcile history, rewritten
 * atomically after every pass and served over HTTP. The series and their
 * meaning are in metrics-registry.ts and README "Scheduled reconciliation".
 */
import { InputError } from '../errors.js';
import { writeFileAtomic } from './atomic-file.js';
import type { HostOutcome, HostResultRow, PassRow } from './history-schema.js';
import { ReconcileMetrics } from './metrics-registry.js';
import { DEFAULT_METRICS_ADDRESS, startMetricsServer, type MetricsServer } from './metrics-server.js';
import type { SinkLog } from './sink-log.js';

export type { SinkLog } from './sink-log.js';

export interface MetricsOptions {
  /** `--metrics-file`: must end in `.prom` (node_exporter's textfile collector reads only those). */
  file?: string;
  /** `--metrics-port` (0: any free port, for tests). */
  port?: number;
  /** `--metrics-address` (default 127.0.0.1). */
  address?: string;
  /** Past passes from the history, so counters carry on across restarts. */
  history?: Iterable<PassRow>;
  log?: SinkLog;
}

export function checkMetricsFile(path: string): string {
  if (!path.endsWith('.prom')) throw new InputError(`--metrics-file: "${path}" must end in .prom (node_exporter's textfile collector reads only *.prom)`);
  return path;
}

export function parseMetricsPort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new InputError(`--metrics-port: expected a port number 1-65535, got "${value}"`);
  return port;
}

function startError(flag: string, what: string, err: unknown): never {
  throw new InputError(`${flag}: ${what}: ${err instanceof Error ? err.message : String(err)}`);
}

export class MetricsSink {
  private text = '';
  private server: MetricsServer | undefined;
  // Writes are chained so a slow disk never lets an older exposition land after a newer one.
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly metrics: ReconcileMetrics,
    private readonly file: string | undefined,
    private readonly log: SinkLog,
  ) {}

  /**
   * Seeds from the history, writes the file once (so a bad path fails at
   * start-up, not after the first pass) and starts the HTTP server.
   */
  static async create(opts: MetricsOptions): Promise<MetricsSink> {
    const file = opts.file === undefined ? undefined : checkMetricsFile(opts.file);
    const metrics = new ReconcileMetrics();
    metrics.seed(opts.history ?? []);
    const sink = new MetricsSink(metrics, file, opts.log ?? (() => undefined));
    sink.text = await metrics.render();
    // Exit 4 (input error) before any host is touched: the path or the port given is unusable.
    if (file !== undefined) await writeFileAtomic(file, sink.text).catch((err: unknown) => startError('--metrics-file', `cannot write ${file}`, err));
    if (opts.port === undefined) return sink;
    sink.server = await startMetricsServer({ port: opts.port, address: opts.address, body: () => sink.text, contentType: metrics.contentType }).catch(
      (err: unknown) => startError('--metrics-port', `cannot listen on ${opts.address ?? DEFAULT_METRICS_ADDRESS}:${opts.port}`, err),
    );
    sink.log('info', `metrics on ${sink.server.url}`);
    return sink;
  }

  /** The URL of the HTTP endpoint, when there is one. */
  get url(): string | undefined {
    return this.server?.url;
  }

  /** The exposition as last rendered (what the file and the endpoint hold). */
  current(): string {
    return this.text;
  }

  /**
   * After every pass row that reaches a result, skipped and missed ticks
   * included (with no hosts). Never throws: a full disk must not stop
   * reconciliation, so a failed write is logged and the next pass retries.
   */
  async onPassEnd(pass: PassRow, hosts: readonly HostResultRow[] = [], _previous?: ReadonlyMap<string, HostOutcome>): Promise<void> {
    this.metrics.record(pass, hosts);
    this.text = await this.metrics.render();
    if (this.file === undefined) return;
    const file = this.file;
    const text = this.text;
    this.writing = this.writing.then(() =>
      writeFileAtomic(file, text).catch((err: unknown) => this.log('warn', `metrics: cannot write ${file}: ${err instanceof Error ? err.message : String(err)}`)),
    );
    await this.writing;
  }

  /** Waits for the last write and stops the HTTP server. The file stays: its last values are still true. */
  async close(): Promise<void> {
    await this.writing;
    await this.server?.close();
  }
}
