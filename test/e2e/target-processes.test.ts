/**
 * Issue 17: on a target, a run costs what its script execs (the lab measured
 * ~2 ms of target CPU per exec; the floor, connect + `true`, is one). These
 * count the programs each simulated host runs — every simple command the
 * host's shells run that is not a sh builtin (FreeBSD bin/sh/builtins.def)
 * or a function of the script — for the lab's workload
 * (bench/jailfleet-workload.yml, what `npm run bench` runs) and for
 * playbooks/site.yml on inventory/sim.yml, converging and again. File facts
 * are read together: one `ls` and one `head` per host, however many files
 * (modules/facts/file-batch.ts), not an `ls` and a `cat` per file.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workloadInventory } from '../../bench/fleet-inventory.js';
import { loadWorkload } from '../../bench/workload.js';
import { runPlaybook, type Connector } from '../../src/engine/run.js';
import { simSettings } from '../../src/engine/sim-hosts.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { Inventory } from '../../src/inventory/types.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import type { Playbook } from '../../src/playbook/types.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import { SimTransport } from '../../src/sim/transport.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** FreeBSD bin/sh/builtins.def: what sh runs without a process of its own. */
const SH_BUILTINS = new Set(
  ('. : [ alias bg bind break builtin cd chdir command continue echo eval exec exit export false fc fg getopts hash jobid jobs kill ' +
    'local printf pwd read readonly return set setvar shift test times trap true type ulimit umask unalias unset wait').split(' '),
);

/** Per host, the programs its shells ran (argv[0]), in order. */
type Programs = Map<string, string[]>;

async function run(playbook: Playbook, inventory: Inventory, hosts: Map<string, SimHost>): Promise<Programs> {
  const programs: Programs = new Map();
  const connector: Connector = {
    async connect(h) {
      let sim = hosts.get(h.name);
      if (!sim) hosts.set(h.name, (sim = new SimHost(h.name, freshHostState(simSettings(h)))));
      const ran: string[] = [];
      programs.set(h.name, ran);
      // The script's own functions (jf_round_run, jf_sha) are no programs either.
      sim.trace = (argv) => {
        const name = argv[0]!;
        if (!SH_BUILTINS.has(name) && !name.startsWith('jf_')) ran.push(name);
      };
      return new SimTransport(sim);
    },
    addressOf: (h) => simSettings(h).address,
  };
  const failed: string[] = [];
  await runPlaybook({
    playbook,
    inventory,
    check: false,
    tags: { only: [], skip: [] },
    forks: 4,
    modules: moduleRegistry,
    connector,
    sink: { emit: (e) => void (e.type === 'task' && e.status === 'failed' && failed.push(`${e.host} ${e.task}: ${e.message}`)) },
    extraVars: { playbook_dir: resolve(ROOT, 'playbooks') },
  });
  expect(failed).toEqual([]);
  for (const sim of hosts.values()) sim.trace = undefined;
  return programs;
}

const count = (ran: string[], name: string): number => ran.filter((n) => n === name).length;

describe('programs run on each target', () => {
  it('the lab workload: a no-change run reads its 7 file facts with one ls and one head (was 7 ls and 5 cat)', async () => {
    const hosts = new Map<string, SimHost>();
    const playbook = loadWorkload();
    const inventory = workloadInventory(2);
    const converge = await run(playbook, inventory, hosts);
    for (const ran of converge.values()) {
      // Nothing exists yet: sh's own tests say so, and no ls or head runs. Then the round: its input (head -c, cksum),
      // the session log's directory, two directories (mkdir -m: one program each), five files written whole (mktemp, chmod, mv), the
      // round's output and its stderr (cat, cat), and the lock picker's and the session's sh.
      expect(ran).toEqual([
        'head', 'cksum', 'mkdir', 'mkdir', 'mkdir',
        ...Array.from({ length: 5 }, () => ['mktemp', 'chmod', 'mv']).flat(),
        'cat', 'cat', '/bin/sh', '/bin/sh',
      ]);
    }
    const again = await run(playbook, inventory, hosts);
    for (const ran of again.values()) expect(ran).toEqual(['ls', 'head', '/bin/sh', '/bin/sh']);
  });

  it('playbooks/site.yml: a second run reads each host\'s 8 file facts with one ls and one head (was 8 ls and 7 cat), its 8 sysrc -n with two sysrc', async () => {
    const hosts = new Map<string, SimHost>();
    const playbook = loadPlaybook(resolve(ROOT, 'playbooks/site.yml'), moduleRegistry);
    const inventory = loadInventory(resolve(ROOT, 'inventory/sim.yml'));
    const converge = await run(playbook, inventory, hosts);
    const again = await run(playbook, inventory, hosts);
    for (const ran of again.values()) {
      expect(count(ran, 'ls')).toBe(1);
      expect(count(ran, 'head')).toBe(1);
      expect(count(ran, 'cat')).toBe(0);
      // One sysrc -e for /etc/rc.conf's five names, one for the jail's rc.conf's three, and sysrc -a (was nine).
      expect(count(ran, 'sysrc')).toBe(3);
    }
    // Was 39 and 38. The rest are the other facts' programs (service, sockstat, jls, ...); old1 and new1 also list their ZFS dataset.
    expect(Object.fromEntries([...again].map(([h, r]) => [h, r.length]))).toEqual({ old1: 20, old2: 19, new1: 20, new2: 19 });
    // Converging: three rounds; the facts read again after the first two are batched too (was 134 on new1, 131 on old2).
    // The jail's /etc/rc runs sysctl twice, grep and rcorder as libexec/rc/rc does, and no nojail/nojailvnet script (was 119, 117).
    // The start reads `mount` and `ifconfig em0` first, to undo what jail(8) set up if the jail is gone after it (was 120, 118).
    expect(Object.fromEntries([...converge].map(([h, r]) => [h, r.length]))).toEqual({ old1: 122, old2: 120, new1: 122, new2: 120 });
  });
});
