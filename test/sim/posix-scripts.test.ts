/**
 * Every script the engine sends for playbooks/site.yml on inventory/sim.yml
 * (fact gathering and apply, converging run and second run) must be POSIX
 * sh: it passes `dash -n`, and it uses none of the bash-only constructs the
 * simulated shell happens to accept. The playbook is loaded at run time,
 * so new tasks are checked as they land.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simSettings } from '../../src/engine/sim-hosts.js';
import type { Connector } from '../../src/engine/run.js';
import { runPlaybook } from '../../src/engine/run.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { InventoryHost } from '../../src/inventory/types.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import { SimTransport } from '../../src/sim/transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { tapTransport } from '../engine/engine-harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The word after "/bin/sh -c ", unquoted: '...' segments joined by \' (what quote() writes). */
export function innerScript(commandLine: string): string | undefined {
  const at = commandLine.indexOf('/bin/sh -c ');
  if (at < 0) return undefined;
  const word = commandLine.slice(at + '/bin/sh -c '.length);
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === "'") {
      const end = word.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated quote in command line');
      out += word.slice(i + 1, end);
      i = end;
    } else if (c === '\\') out += word[++i] ?? '';
    else if (c === ' ') break;
    else out += c;
  }
  return out;
}

interface Sent {
  host: string;
  run: string;
  script: string;
}

/** Simulated hosts that live across both runs, as a state dir would keep them. */
function recordingConnector(hosts: Map<string, SimHost>, sent: Sent[], run: string): Connector {
  return {
    async connect(host: InventoryHost): Promise<Transport> {
      let sim = hosts.get(host.name);
      if (!sim) {
        const s = simSettings(host);
        sim = new SimHost(host.name, freshHostState(s));
        hosts.set(host.name, sim);
      }
      // A session sends two scripts: the command's, then the apply script on stdin.
      return tapTransport(new SimTransport(sim), (text, kind) => {
        if (kind === 'input' && text === '') return;
        sent.push({ host: host.name, run, script: kind === 'input' ? text : (innerScript(text) ?? text) });
      });
    },
    addressOf: (host) => simSettings(host).address,
  };
}

const BASH_ONLY: Array<[string, RegExp]> = [
  ['[[ test', /\[\[\s/],
  ['function keyword', /(^|[\s;])function\s+\w+/m],
  ["$'...' quoting", /\$'/],
  ['== inside [ ]', /(^|[\s;&|(])(\[|test)\s[^\]\n]*\s==\s/m],
  ['here-string', /<<</],
  ['&> redirection', /&>/],
  ['echo -e', /(^|[\s;&|])echo\s+-e\s/m],
  ['source builtin', /(^|[\s;&|])source\s/m],
];

const sent: Sent[] = [];

beforeAll(async () => {
  const inventory = loadInventory(resolve(ROOT, 'inventory/sim.yml'));
  const playbook = loadPlaybook(resolve(ROOT, 'playbooks/site.yml'), moduleRegistry);
  const hosts = new Map<string, SimHost>();
  for (const run of ['converge', 'second']) {
    await runPlaybook({
      playbook,
      inventory,
      check: false,
      tags: { only: [], skip: [] },
      forks: 4,
      modules: moduleRegistry,
      connector: recordingConnector(hosts, sent, run),
      sink: { emit: () => undefined },
      extraVars: { playbook_dir: resolve(ROOT, 'playbooks') },
    });
  }
}, 120_000);

describe('scripts sent for playbooks/site.yml on inventory/sim.yml', () => {
  it('were recorded for both runs, gathering and applying', () => {
    expect(sent.filter((s) => s.run === 'converge').length).toBeGreaterThan(0);
    expect(sent.filter((s) => s.run === 'second').length).toBeGreaterThan(0);
    // Every command line is a /bin/sh -c '<script>' (possibly under lockf).
    expect(sent.every((s) => s.script !== undefined && !s.script.startsWith('/bin/sh -c'))).toBe(true);
  });

  it('are checked by a dash that does reject broken sh', () => {
    expect(spawnSync('dash', ['-n'], { input: 'if then fi\n', encoding: 'utf8' }).status).not.toBe(0);
  });

  it('all pass dash -n', () => {
    const failures = sent
      .map((s) => ({ s, r: spawnSync('dash', ['-n'], { input: s.script, encoding: 'utf8' }) }))
      .filter(({ r }) => r.status !== 0)
      .map(({ s, r }) => `${s.run} ${s.host}: ${r.stderr.trim()}\n${s.script.slice(0, 400)}`);
    expect(failures).toEqual([]);
  });

  it('use no bash-only constructs', () => {
    const found: string[] = [];
    for (const s of sent) for (const [what, re] of BASH_ONLY) if (re.test(s.script)) found.push(`${s.run} ${s.host}: ${what}: ${re.exec(s.script)?.[0]}`);
    expect(found).toEqual([]);
  });
});

describe('innerScript', () => {
  it.each([
    ["/bin/sh -c 'echo hi'", 'echo hi'],
    ["lockf -k -t 60 /var/run/jailfleet.lock /bin/sh -c 'a '\\''b'\\'' c'", "a 'b' c"],
    ['/bin/sh -c true', 'true'],
  ])('%s', (line, script) => expect(innerScript(line)).toBe(script));
});
