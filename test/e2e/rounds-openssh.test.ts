/**
 * Rounds over Debian's OpenSSH (issue 11): tasks that build on what an
 * earlier task made converge in one run, in one exec, and nothing an earlier
 * task wrote is lost — on a real sshd and /bin/sh (dash) started by the test
 * on 127.0.0.x. A `command` creates a file that `line` then edits; a
 * `command` appends to a file that `line` and `copy` then rewrite.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshTransport } from '../../src/transport/ssh.js';
import { knownHostsName } from '../../src/transport/known-hosts.js';
import { runEngine, taskEvents, tapTransport, runsSomething } from '../engine/engine-harness.js';
import { skipWithoutSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import type { Connector } from '../../src/engine/run.js';
import type { RunEvent } from '../../src/report/events.js';

describe.skipIf(skipWithoutSshd())('rounds over OpenSSH: later tasks plan from what earlier ones made', () => {
  let sshd: Sshd;
  let dir: string;
  let knownHosts: string;

  beforeAll(async () => {
    dir = await makeTempDir();
    // The session log of this sshd's sessions, apart from other tests' (script.ts SESSION_LOG).
    sshd = await startSshd({ extraConfig: [`SetEnv JAILFLEET_DB_DIR=${dir}/db`] });
    knownHosts = join(dir, 'known_hosts');
    const pub = (await readFile(`${sshd.hostKeyFile}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    await writeFile(knownHosts, `${knownHostsName(sshd.address, sshd.port)} ${pub}\n`);
    await writeFile(join(dir, 'app.conf'), 'port=80\n');
  });

  afterAll(async () => {
    await sshd?.stop();
    await removeDir(dir);
  });

  const play = () => [
    {
      name: 'build on earlier tasks',
      hosts: 'all',
      tasks: [
        { name: 'make', command: { cmd: `printf 'a=1\\nb=2\\n' > ${dir}/made.conf`, creates: `${dir}/made.conf` } },
        { name: 'edit made', line: { path: `${dir}/made.conf`, regexp: '^b=', line: 'b=3' } },
        { name: 'append', command: { cmd: `printf 'extra=1\\n' >> ${dir}/app.conf; touch ${dir}/appended`, creates: `${dir}/appended` } },
        { name: 'edit app', line: { path: `${dir}/app.conf`, regexp: '^port=', line: 'port=8080' } },
        { name: 'copy log', copy: { dest: `${dir}/log.conf`, content: 'level=info\n' } },
        { name: 'append log', command: { cmd: `printf 'debug=1\\n' >> ${dir}/log.conf; touch ${dir}/logged`, creates: `${dir}/logged` } },
        { name: 'rewrite log', copy: { dest: `${dir}/log.conf`, content: 'level=info\n' } },
      ],
    },
  ];

  const run = async (tasks = play(), dropAfterInput = false): Promise<{ events: RunEvent[]; inputs: number }> => {
    let inputs = 0;
    const connector: Connector = {
      connect: async () => {
        const inner = await SshTransport.connect({
            host: 'fbsd1',
            address: sshd.address,
            port: sshd.port,
            user: 'root',
            keyFile: sshd.clientKeyFile,
            agent: '',
            knownHostsFile: knownHosts,
            hostKeyChecking: 'strict',
          });
        return tapTransport(inner, (text, kind) => {
          if (kind !== 'input' || !runsSomething(text)) return;
          inputs++;
          // The controller goes away while the round runs on the host.
          if (dropAfterInput) setTimeout(() => void inner.close(), 300);
        });
      },
    };
    const { events } = await runEngine(tasks, ['fbsd1'], connector);
    return { events, inputs };
  };

  it('converges in one run and one exec, keeping every earlier change', async () => {
    const { events } = await run();
    expect(taskEvents(events).map((t) => [t.task, t.status])).toEqual([
      ['make', 'changed'],
      ['edit made', 'changed'],
      ['append', 'changed'],
      ['edit app', 'changed'],
      ['copy log', 'changed'],
      ['append log', 'changed'],
      ['rewrite log', 'changed'],
    ]);
    expect(await readFile(join(dir, 'made.conf'), 'utf8')).toBe('a=1\nb=3\n');
    // The command's line survives the edit: `line` planned from the file as the command left it.
    expect(await readFile(join(dir, 'app.conf'), 'utf8')).toBe('port=8080\nextra=1\n');
    expect(await readFile(join(dir, 'log.conf'), 'utf8')).toBe('level=info\n');
    const end = events.find((e) => e.type === 'host_end');
    expect(end).toMatchObject({ channels: 1 });
    expect((end as { rounds: number }).rounds).toBeGreaterThan(2);
  });

  it('the second run changes nothing in one exec and one round, sending no input', async () => {
    const { events, inputs } = await run();
    expect(taskEvents(events).map((t) => t.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(events.find((e) => e.type === 'host_end')).toMatchObject({ channels: 1, rounds: 1 });
    expect(inputs).toBe(0);
  });

  it('a round the controller lost sight of runs to its end on the host, and the next run reports it', async () => {
    const slow = [{ name: 'slow', hosts: 'all', tasks: [{ name: 'late', command: { cmd: `sleep 1; echo done > ${dir}/late`, creates: `${dir}/late` } }] }];
    const cut = await run(slow, true);
    expect(cut.events.find((e) => e.type === 'host_unreachable')).toMatchObject({ host: 'fbsd1' });
    // SIGHUP and SIGPIPE are ignored: the round goes on after the connection is gone.
    const until = Date.now() + 10_000;
    while (!existsSync(join(dir, 'late')) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await readFile(join(dir, 'late'), 'utf8')).toBe('done\n');
    // The next run waits for the lock, reads the round's log, says what it did, and empties the log.
    const next = await run(slow);
    const tasks = taskEvents(next.events);
    expect(tasks.map((t) => [t.task, t.status])).toEqual([
      ['earlier run', 'ok'],
      ['late', 'ok'],
    ]);
    expect(tasks[0]!.message).toMatch(/^an earlier run lost its connection while a round ran; the host ran that round on under the lock: 1 step and fact reads completed\./);
    expect(statSync(join(dir, 'db', 'session.out')).size).toBe(0);
    const third = await run(slow);
    expect(taskEvents(third.events).map((t) => t.task)).toEqual(['late']);
  });
});
