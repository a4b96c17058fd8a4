/**
 * `--metrics-port`: GET /metrics over plain node:http, 404 for any other
 * path. Loopback by default: the metrics name hosts' drift, which is not for
 * every network the orchestrator sits on (`--metrics-address` to widen).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const DEFAULT_METRICS_ADDRESS = '127.0.0.1';

export interface MetricsServerOptions {
  port: number;
  address?: string;
  /** The current exposition; called per request. */
  body: () => string;
  contentType: string;
}

export interface MetricsServer {
  /** Where it listens (the real port when asked for port 0). */
  address: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

function handle(req: IncomingMessage, res: ServerResponse, opts: MetricsServerOptions): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== '/metrics') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: try /metrics\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    return;
  }
  const text = opts.body();
  res.writeHead(200, { 'Content-Type': opts.contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : text);
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const host = opts.address ?? DEFAULT_METRICS_ADDRESS;
  const server: Server = createServer((req, res) => handle(req, res, opts));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : opts.port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    address: host,
    port,
    url: `http://${urlHost}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        // A scraper's keep-alive connection would hold close() open until it times out.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
