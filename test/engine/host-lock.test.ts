import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SimTransport } from '../../src/sim/transport.js';
import { fileOn, runEngine, simHost, taskEvents, tapTransport } from './engine-harness.js';
import { LOCK_FILE, lockedCommand } from '../../src/engine/host-lock.js';

const marker = (run: string) => [
  { name: `${run} step 1`, line: { path: '/var/log/jailfleet-order.log', line: `${run} step 1`, create: true } },
  { name: `${run} step 2`, line: { path: '/var/log/jailfleet-order.log', line: `${run} step 2`, create: true } },
];

describe('two runs against the same host', () => {
  it('never interleave, and the second plans against the first one\'s result (no lost update)', async () => {
    const shared = simHost('web1');
    const opened: SimTransport[] = [];
    // Both runs start at once (slow link): without the lock, both would plan against the empty file.
    const connector = {
      connect: async () => {
        const t = new SimTransport(shared, { faults: { slowMs: 20 } });
        opened.push(t);
        return t;
      },
    };
    const [a, b] = await Promise.all([
      runEngine([{ hosts: 'all', tasks: marker('A') }], ['web1'], connector),
      runEngine([{ hosts: 'all', tasks: marker('B') }], ['web1'], connector),
    ]);
    const lines = fileOn(shared, '/var/log/jailfleet-order.log')!.trimEnd().split('\n');
    expect([['A step 1', 'A step 2', 'B step 1', 'B step 2'], ['B step 1', 'B step 2', 'A step 1', 'A step 2']]).toContainEqual(lines);
    for (const run of [a, b]) expect(taskEvents(run.events).map((e) => e.status)).toEqual(['changed', 'changed']);
    // The session holds the lock from before its facts are read to its last
    // step: the second run waited, then read the first one's result. One exec
    // each, nothing stale, nothing re-planned.
    expect(opened.map((t) => t.channels())).toEqual([1, 1]);
    const replans = [...a.events, ...b.events].filter((e) => e.type === 'host_phase' && e.phase === 'replan');
    expect(replans).toHaveLength(0);
    expect(fileOn(shared, '/var/run/jailfleet.lock')).toBe('');
  });

  it('linear strategy: an apply outside a session refuses a plan the host outgrew, re-reads and re-plans once', async () => {
    const sim = simHost('web1');
    let touched = false;
    const transport = tapTransport(new SimTransport(sim), (text, kind) => {
      // An operator edits the file between the facts and the first apply.
      if (kind !== 'exec' || touched || !text.includes('jailfleet-lock')) return;
      touched = true;
      sim.exec(`printf 'operator\\n' >> /var/log/jailfleet-order.log`);
    });
    const run = await runEngine([{ hosts: 'all', strategy: 'linear', tasks: marker('A') }], ['web1'], { connect: async () => transport });
    expect(fileOn(sim, '/var/log/jailfleet-order.log')).toBe('operator\nA step 1\nA step 2\n');
    expect(run.events.filter((e) => e.type === 'host_phase' && e.phase === 'replan')).toHaveLength(1);
    expect(taskEvents(run.events).map((e) => e.status)).toEqual(['changed', 'changed']);
    // gather, refused apply, gather again, apply task 1, apply task 2
    expect(transport.channels()).toBe(5);
  });

  it('reports a host whose lock another run holds as busy: failed, nothing applied', async () => {
    const sim = simHost('web1');
    const busy = { match: 'lockf', code: 75, stderr: 'lockf: /var/run/jailfleet.lock: already locked\n' };
    const connector = { connect: async () => new SimTransport(sim, { faults: { failCommand: [busy] } }) };
    const run = await runEngine([{ hosts: 'all', tasks: marker('A') }], ['web1'], connector, { lock: { timeoutS: 5 } });
    const [failure] = taskEvents(run.events);
    expect(failure).toMatchObject({ status: 'failed', module: 'lockf', exitCode: 75 });
    expect(failure!.message).toBe(
      'host busy: another jailfleet run holds /var/run/jailfleet.lock; gave up after 5 s (lockf: /var/run/jailfleet.lock: already locked)',
    );
    expect(run.summary.hosts.web1!.failed).toBe(1);
    expect(fileOn(sim, '/var/log/jailfleet-order.log')).toBeUndefined();
  });

  it('runs the whole session (facts and apply) under lockf with the configured timeout', async () => {
    const sim = simHost('web1');
    const seen: Array<[string, string]> = [];
    const connector = { connect: async () => tapTransport(new SimTransport(sim), (text, kind) => seen.push([kind, text])) };
    await runEngine([{ hosts: 'all', tasks: marker('A') }], ['web1'], connector, { lock: { timeoutS: 7 } });
    // The round, then the end line (the controller has the round's output).
    expect(seen.map(([kind]) => kind)).toEqual(['session', 'input', 'input']);
    const [command, input, end] = seen.map(([, text]) => text) as [string, string, string];
    expect(end).toMatch(/^@@jf:[0-9a-f]{12}:end\n$/);
    expect(command).toMatch(/^\/bin\/sh -c 'if command -v lockf >\/dev\/null 2>&1; then exec lockf -k -t 7 \/var\/run\/jailfleet\.lock "\$@"; elif command -v flock >\/dev\/null 2>&1; then exec flock -E 75 -w 7 \/var\/run\/jailfleet\.lock "\$@"; /);
    expect(command).toContain(` jailfleet-lock /bin/sh -c '# jailfleet: gather facts, then run what the controller sends`);
    // One round: its header carries the text's length and POSIX cksum (script.ts roundInput).
    expect(input).toMatch(/^@@jf:[0-9a-f]{12}:chunk \d+ \d+\njf_round_run\(\) \{\n# jailfleet: round\n/);
  });

  // Linux targets (the benchmark lab) have flock(1), not lockf(1): the same
  // wrapper must lock there too, and report a held lock as busy (75).
  it('locks with flock where lockf is missing, and reports a held lock as busy', () => {
    const cmd = lockedCommand(`/bin/sh -c 'echo ran'`, { timeoutS: 0 });
    const free = spawnSync('/bin/sh', ['-c', cmd], { encoding: 'utf8' });
    expect(free.stdout).toBe('ran\n');
    expect(free.status).toBe(0);
    const holder = spawnSync('flock', [LOCK_FILE, '/bin/sh', '-c', cmd], { encoding: 'utf8' });
    expect(holder.status).toBe(75);
    expect(holder.stdout).toBe('');
  });
});
