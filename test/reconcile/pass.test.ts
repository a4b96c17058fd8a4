import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/engine/host-lock.js';
import { parseInventory } from '../../src/inventory/load-inventory.js';
import { parsePlaybook } from '../../src/playbook/load-playbook.js';
import { openHistory, type HistoryStore } from '../../src/reconcile/history-store.js';
import { passDetail } from '../../src/reconcile/history-queries.js';
import { runPass } from '../../src/reconcile/pass.js';
import type { PassEndHook } from '../../src/reconcile/pass-hooks.js';
import type { SimHost } from '../../src/sim/host.js';
import { fileOn, simConnector, simHost, testModules } from '../engine/engine-harness.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';

const LINE = 'jailfleet_release="v2"';
const playbook = parsePlaybook(stringify([{ name: 'release', hosts: 'all', tasks: [{ name: 'rc.conf', line: { path: '/etc/rc.conf', line: LINE } }] }]), 'site.yml', testModules);
const inventory = parseInventory(stringify({ all: { hosts: { web1: {}, web2: {}, web3: {} } } }), 'inv.yml');

describe('a pass on in-process simulated hosts', () => {
  let dir: string;
  let store: HistoryStore;
  let hosts: Map<string, SimHost>;
  beforeEach(async () => {
    dir = await makeTempDir();
    store = openHistory(dir);
    hosts = new Map(['web1', 'web2', 'web3'].map((n, i) => [n, simHost(n, i)]));
    // web3 is converged already.
    hosts.get('web3')!.exec(`printf '%s\\n' '${LINE}' >> /etc/rc.conf`);
  });
  afterEach(async () => {
    store.close();
    await removeDir(dir);
  });

  const pass = (fix: boolean, hooks: PassEndHook[] = []) =>
    runPass({
      engine: { playbook, inventory, tags: { only: [], skip: [] }, forks: 5, modules: testModules, connector: () => simConnector(hosts), lock: { timeoutS: 0 } },
      options: { fix, maxFailPercentage: 10, splayS: 0 },
      store,
      redact: (t) => t.replaceAll('v2', '****'),
      hooks,
      onHookError: (err) => {
        throw err;
      },
      now: () => Date.now(),
      sleep: async () => undefined,
    });

  it('records a host whose lock another run holds as busy — not failed, not read half-applied — and --fix leaves it alone', async () => {
    // A manual apply holds web1's lock for the whole pass.
    const release = hosts.get('web1')!.locks.acquire(LOCK_FILE);
    const seen: Array<[string, string[], Record<string, string>]> = [];
    const hook: PassEndHook = (p, rows, previous) => void seen.push([p.status, rows.map((r) => `${r.host}:${r.outcome}`), Object.fromEntries(previous)]);
    const first = await pass(true, [hook]);
    release();
    expect(first.pass).toMatchObject({ status: 'done', hosts_busy: 1, hosts_repaired: 1, hosts_ok: 1, repairs: 1 });
    expect(first.hosts.find((h) => h.host === 'web1')!.message).toMatch(/^host busy: another jailfleet run holds \/var\/run\/jailfleet\.lock; gave up after 0 s/);
    expect(fileOn(hosts.get('web1')!, '/etc/rc.conf')).not.toContain(LINE);
    expect(fileOn(hosts.get('web2')!, '/etc/rc.conf')).toContain(LINE);
    // Diffs are redacted on their way to the database.
    const repaired = passDetail(store.db, first.pass.id)!.tasks;
    expect(repaired.map((t) => [t.host, t.status, t.corrective])).toEqual([['web2', 'repaired', 1]]);
    expect(repaired[0]!.diff).toContain('+jailfleet_release="****"');

    // Free again: the next pass finds web1's drift, and the hooks hear each host's outcome before.
    const second = await pass(false, [hook]);
    expect(second.pass).toMatchObject({ hosts_drifted: 1, hosts_ok: 2 });
    expect(seen[1]).toEqual(['done', ['web1:drifted', 'web2:ok', 'web3:ok'], { web1: 'busy', web2: 'repaired', web3: 'ok' }]);
  });
});
