/**
 * Every script the engine sends for playbooks/site.yml on inventory/sim.yml
 * (the lock picker, the session script it runs, the session's rounds;
 * converging run and second run) must be POSIX
 * sh: it passes `dash -n`, and it uses none of the bash-only constructs the
 * simulated shell happens to accept. The playbook is loaded at run time,
 * so new tasks are checked as they land.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { moduleRegistry } from '../../src/modules/registry.js';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import { captureRuns, innerScript, ROOT, shWords } from './script-corpus.js';

interface Sent {
  host: string;
  run: string;
  script: string;
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
  const corpus = await captureRuns(inventory, ['converge', 'second'].map((run) => ({ run, playbook })));
  for (const c of corpus.sent) {
    // Each /bin/sh -c script of the command line (the lock picker, then the session script it runs), then what the session was sent.
    const calls = shWords(c.commandLine);
    for (const call of calls.length ? calls : [{ script: c.commandLine }]) sent.push({ host: c.host, run: c.run, script: call.script });
    for (const input of c.inputs) if (input !== '') sent.push({ host: c.host, run: c.run, script: input });
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

describe('shWords', () => {
  it('finds the lock picker with its $0 and "$@", then the script it runs', () => {
    expect(shWords("/bin/sh -c 'exec \"$@\"' jailfleet-lock /bin/sh -c 'echo '\\''x'\\'''")).toEqual([
      { script: 'exec "$@"', args: ['jailfleet-lock', '/bin/sh', '-c', "echo 'x'"] },
      { script: "echo 'x'", args: [] },
    ]);
  });
});
