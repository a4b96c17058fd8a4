/**
 * playbooks/examples/build-on-earlier.yml (issue 11): a jail, a package in
 * it, edits of the jail's and the package's files, a command with creates:
 * and a line on what it made converge on fresh simulated hosts in one run —
 * in-process (transport: sim) and over real SSH (the simulated fleet served
 * by `demo`). The second run reports changed=0 in one exec and one round.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

const PLAYBOOK = 'playbooks/examples/build-on-earlier.yml';
type Ev = Record<string, unknown>;

function summary(stdout: string) {
  const all = events(stdout);
  const tasks = all.filter((e) => e.type === 'task');
  const ends = all.filter((e) => e.type === 'host_end') as Array<Ev & { host: string; channels: number; rounds: number }>;
  return { tasks, ends };
}

describe.each([
  ['apply', 'transport: sim, in process'],
  ['demo', 'served over SSH'],
])('%s: %s', (command) => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const run = (...argv: string[]) => cli(project.dir, command, PLAYBOOK, '-i', 'inventory/sim.yml', '--limit', 'new', '--json', ...argv);

  it('converges in one run, one exec per host', async () => {
    const first = await run();
    expect(first.code).toBe(0);
    const { tasks, ends } = summary(first.stdout);
    expect(tasks.filter((t) => t.status === 'failed')).toEqual([]);
    expect(tasks.filter((t) => t.status === 'changed')).toHaveLength(14);
    expect(ends.map((e) => [e.host, e.channels])).toEqual(expect.arrayContaining([['new1', 1], ['new2', 1]]));
    for (const e of ends) expect(e.rounds).toBeGreaterThan(2);
  });

  it('the jail, its package and every edit are there', async () => {
    const sh = (script: string) => cli(project.dir, 'sim', 'exec', 'new1', '-i', 'inventory/sim.yml', '--', script);
    expect((await sh('jls -j web name')).stdout).toBe('web\n');
    // The release's stock sshd_config, edited, not replaced by a one-line file.
    expect(Number((await sh('grep -c "" /usr/jails/web/etc/ssh/sshd_config')).stdout)).toBeGreaterThan(100);
    expect((await sh('grep ^ListenAddress /usr/jails/web/etc/ssh/sshd_config')).stdout).toBe('ListenAddress 192.0.2.131\n');
    expect((await sh('head -1 /usr/jails/web/usr/local/etc/nginx/nginx.conf')).stdout).toBe('worker_processes  2;\n');
    expect((await sh('cat /usr/jails/web/usr/local/www/site/index.html')).stdout).toBe('Hello from web\n<!-- served by new1 -->\n');
    expect((await sh('sysrc -j web -n nginx_enable')).stdout).toBe('YES\n');
  });

  it('the second run changes nothing, in one exec and one round per host', async () => {
    const second = await run();
    expect(second.code).toBe(0);
    const { tasks, ends } = summary(second.stdout);
    expect(tasks.every((t) => t.status === 'ok')).toBe(true);
    for (const e of ends) expect([e.channels, e.rounds]).toEqual([1, 1]);
  });
});
