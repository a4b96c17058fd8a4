/**
 * The host lock for real (issue 19; README "The host lock"): two jailfleet
 * runs through the CLI against one Debian OpenSSH host started by the test
 * on 127.0.0.x. The first holds the lock while a slow task runs; the
 * second, started once the first is applying (its own JSON event, not a
 * timer), waits --lock-timeout 1 and gives up: exit 1, the host reported
 * busy, nothing of its own done. Run again once the first has finished, it
 * applies. (On Linux the lock is util-linux flock(1), told to exit 75 like
 * FreeBSD's lockf(1): src/engine/host-lock.ts.)
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { knownHostsName } from '../../src/transport/known-hosts.js';
import { skipWithoutSshd, sshdInventoryHost, startSshd, type Sshd } from '../helpers/sshd.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';

interface Run {
  code: Promise<number>;
  stdout: () => string;
  stderr: () => string;
}

/** runCli in-process; `onLine` sees each line of stdout as it comes. */
function start(cwd: string, argv: string[], onLine: (line: string) => void = () => undefined): Run {
  let stdout = '';
  let stderr = '';
  let partial = '';
  const io: CliIo = {
    out: (t) => {
      stdout += t;
      partial += t;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    },
    err: (t) => (stderr += t),
    isTTY: false,
    cwd,
    env: {},
  };
  return { code: runCli(argv, io), stdout: () => stdout, stderr: () => stderr };
}

describe.skipIf(skipWithoutSshd())('the host lock between two real runs on one OpenSSH host', () => {
  let sshd: Sshd;
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir();
    sshd = await startSshd({ extraConfig: [`SetEnv JAILFLEET_DB_DIR=${dir}/db`] });
    const knownHosts = join(dir, 'known_hosts');
    const pub = (await readFile(`${sshd.hostKeyFile}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    await writeFile(knownHosts, `${knownHostsName(sshd.address, sshd.port)} ${pub}\n`);
    await writeFile(join(dir, 'inventory.yml'), ['all:', '  hosts:', sshdInventoryHost(sshd, 'deb1', knownHosts), ''].join('\n'));
    // The first run's slow task: it holds the lock for as long as sleep runs.
    await writeFile(
      join(dir, 'slow.yml'),
      `- hosts: all\n  tasks:\n    - name: hold\n      command: { cmd: "sleep 4; touch ${dir}/held", creates: ${dir}/held }\n`,
    );
    await writeFile(join(dir, 'quick.yml'), `- hosts: all\n  tasks:\n    - name: mark\n      copy: { dest: ${dir}/second, content: "second run\\n" }\n`);
  });

  afterAll(async () => {
    await sshd?.stop();
    await removeDir(dir);
  });

  it('the second run gives up after --lock-timeout: exit 1, host busy, nothing done; after the first, it applies', async () => {
    let applying: () => void = () => undefined;
    const firstApplies = new Promise<void>((resolve) => (applying = resolve));
    const first = start(dir, ['apply', 'slow.yml', '-i', 'inventory.yml', '--json'], (line) => {
      if (line.includes('"type":"host_phase"') && line.includes('"phase":"apply"') && line.includes('"task":"hold"')) applying();
    });
    await firstApplies;

    const second = start(dir, ['apply', 'quick.yml', '-i', 'inventory.yml', '--lock-timeout', '1']);
    expect(await second.code).toBe(1);
    expect(second.stdout()).toContain('host busy: another jailfleet run holds /var/run/jailfleet.lock; gave up after 1 s');
    expect(existsSync(join(dir, 'second'))).toBe(false);

    // The first run was never disturbed: it finishes its task.
    expect(await first.code).toBe(0);
    expect(existsSync(join(dir, 'held'))).toBe(true);
    const again = start(dir, ['apply', 'quick.yml', '-i', 'inventory.yml', '--lock-timeout', '1']);
    expect(await again.code).toBe(0);
    expect(await readFile(join(dir, 'second'), 'utf8')).toBe('second run\n');
  }, 30_000);
});
