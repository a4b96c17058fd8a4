/**
 * README "Rolling out" (Concurrent runs): "`--check` does not take the
 * lock", and "How a run works": `--check` reads the facts in one plain exec.
 * A run that holds /var/run/jailfleet.lock on a host is stood in for by an
 * SSH exec on the served simulator that runs under `lockf` and waits on its
 * stdin: the simulator's lock table is the server's, shared by every
 * connection, as a real host's lockf(1) locks are. While it holds the lock,
 * `check` through the CLI completes and reports the drift; the contrast is
 * `apply` (README: "reports the host busy (failed, exit 1)") and
 * `reconcile --once`, whose check reads the facts under the lock and records
 * the host `busy` (README "Scheduled reconciliation", Locks).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { serveSimFleet, type ServedFleet } from '../../src/cli/commands/sim-serve.js';
import type { ExecSession } from '../../src/transport/transport.js';
import type { SshTransport } from '../../src/transport/ssh.js';
import { cli, events } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { connectTo } from '../sim-serve/helpers.js';

const LOCK = '/var/run/jailfleet.lock';
const INVENTORY = stringify({ all: { vars: { transport: 'sim' }, hosts: { web1: { host_ip: '192.0.2.31' } } } });
const PLAYBOOK = stringify([{ name: 'release', hosts: 'all', tasks: [{ name: 'release file', copy: { dest: '/etc/jailfleet-release', content: 'v2\n' } }] }]);

describe('check while another run holds the host lock', () => {
  let dir: string;
  let fleet: ServedFleet;
  let holder: SshTransport;
  let held: ExecSession;

  beforeEach(async () => {
    dir = await makeTempDir('jailfleet-check-lock-');
    writeFileSync(join(dir, 'sim.yml'), INVENTORY);
    writeFileSync(join(dir, 'site.yml'), PLAYBOOK);
    fleet = await serveSimFleet(join(dir, 'sim.yml'), { stateDir: join(dir, 'state') });
    holder = await connectTo(fleet.inventoryPath, 'web1');
    // The holder: lockf takes the lock, then its command says so and waits on stdin.
    held = await holder.openSession(`lockf -k ${LOCK} /bin/sh -c 'echo held; echo held >&2; read x'`);
    expect(await held.readUntil('held')).toEqual({ stdout: 'held\n', stderr: 'held\n' });
  });

  /** One command on the served host, over a connection of its own. */
  const onHost = async (command: string) => {
    const t = await connectTo(fleet.inventoryPath, 'web1');
    try {
      return await t.exec(command);
    } finally {
      await t.close();
    }
  };

  afterEach(async () => {
    await held.finish('\n').catch(() => undefined);
    await holder.close();
    await fleet.close();
    await removeDir(dir);
  });

  it('check completes and reports the pending change (exit 2), in one exec', async () => {
    const r = await cli(dir, 'check', 'site.yml', '-i', fleet.inventoryPath, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const evs = events(r.stdout);
    expect(evs.filter((e) => e.type === 'task').map((e) => [e.host, e.task, e.status])).toEqual([['web1', 'release file', 'changed']]);
    // "one plain exec": the check's facts were read in one channel.
    expect(evs.find((e) => e.type === 'host_end')).toMatchObject({ host: 'web1', channels: 1 });
    // Still held: the check neither waited for it nor broke it.
    expect(await onHost(`lockf -k -t 0 ${LOCK} true`)).toEqual({ stdout: '', stderr: `lockf: ${LOCK}: already locked\n`, code: 75 });
  });

  it('contrast: apply gives up on the held lock, reports the host busy, exit 1, applies nothing', async () => {
    const r = await cli(dir, 'apply', 'site.yml', '-i', fleet.inventoryPath, '--json', '--lock-timeout', '0');
    expect(r.code).toBe(1);
    const [task] = events(r.stdout).filter((e) => e.type === 'task');
    expect(task).toMatchObject({ host: 'web1', status: 'failed', module: 'lockf', exitCode: 75 });
    expect(task!.message).toBe(`host busy: another jailfleet run holds ${LOCK}; gave up after 0 s (lockf: ${LOCK}: already locked)`);
    expect((await onHost('cat /etc/jailfleet-release')).code).toBe(1);
  });

  it('contrast: a reconcile pass checks under the lock and records the host busy', async () => {
    const r = await cli(dir, 'reconcile', 'site.yml', '-i', fleet.inventoryPath, '--once', '--json', '--state-dir', join(dir, 'history'));
    const pass = JSON.parse(r.stdout.trim().split('\n').pop()!) as { hosts: Array<{ host: string; outcome: string; message: string }> };
    expect(pass.hosts).toHaveLength(1);
    expect(pass.hosts[0]).toMatchObject({ host: 'web1', outcome: 'busy' });
    expect(pass.hosts[0]!.message).toMatch(/^host busy: another jailfleet run holds \/var\/run\/jailfleet\.lock/);
    // A busy host is no failure and no drift (README "Scheduled reconciliation": looked at again next pass).
    expect(r.code).toBe(0);
  });
});
