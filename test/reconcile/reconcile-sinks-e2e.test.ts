/**
 * reconcile's metrics and webhook wired in (issue 14), through the CLI on a
 * simulated host: after each pass the .prom file holds the pass, and a
 * drift found by a pass is POSTed to the webhook, received by a local
 * HTTP server.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliWithEnv, scratchProject } from '../helpers/cli.js';

describe('reconcile --metrics-file --webhook', () => {
  const project = scratchProject();
  const bodies: unknown[] = [];
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/hook`;
  });
  afterAll(() => {
    server.close();
    project.cleanup();
  });
  const prom = join(project.dir, 'reconcile.prom');
  const pass = () => cli(project.dir, 'reconcile', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'new1', '--once', '--metrics-file', prom, '--webhook', url);

  it('a clean pass: the metrics say one host ok; nothing is POSTed', async () => {
    expect((await cli(project.dir, 'apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'new1')).code).toBe(0);
    expect((await pass()).code).toBe(0);
    const text = readFileSync(prom, 'utf8');
    expect(text).toMatch(/^jailfleet_reconcile_hosts\{outcome="ok"\} 1$/m);
    expect(text).toMatch(/^# TYPE jailfleet_reconcile_passes_total counter$/m);
    expect(bodies).toEqual([]);
  });

  it('a drifted pass: exit 2, the metrics count it, and the webhook hears of the drift', async () => {
    await cli(project.dir, 'sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', 'sysrc -f /usr/jails/www/etc/rc.conf sshd_enable=NO');
    expect((await pass()).code).toBe(2);
    expect(readFileSync(prom, 'utf8')).toMatch(/^jailfleet_reconcile_hosts\{outcome="drifted"\} 1$/m);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ kind: 'reconcile.changes', changes: [{ host: 'new1', event: 'drift' }] });
  });

  it('the webhook URL from JAILFLEET_WEBHOOK_URL (kept out of argv), and counters that carry on from the history across restarts', async () => {
    expect((await cli(project.dir, 'apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'new1')).code).toBe(0);
    const run = await cliWithEnv(project.dir, { JAILFLEET_WEBHOOK_URL: url }, 'reconcile', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'new1', '--once', '--metrics-file', prom);
    expect(run.code).toBe(0);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toMatchObject({ kind: 'reconcile.changes', changes: [{ host: 'new1', event: 'ok', previous: 'drifted' }] });
    // Three passes in three processes, all done: each process seeds its counters from the history.
    expect(readFileSync(prom, 'utf8')).toMatch(/^jailfleet_reconcile_passes_total\{result="done"\} 3$/m);
  });
});
