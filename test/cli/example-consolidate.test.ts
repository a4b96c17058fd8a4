/**
 * playbooks/consolidate.yml on inventory/sim.yml after playbooks/site.yml
 * (issue 13): old1's www moves to new1 by zfs send (both have ZFS), old2's
 * to new2 by tar (new2 has none). The recap shows both moves, a second run
 * changes nothing, and afterwards old1 and old2 run no jail and no address
 * is held by two hosts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

const HOSTS = ['old1', 'old2', 'new1', 'new2'];

describe('playbooks/consolidate.yml', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const sh = async (host: string, script: string) => (await cli(project.dir, 'sim', 'exec', host, '-i', 'inventory/sim.yml', '--', script)).stdout;
  const apply = (playbook: string, ...argv: string[]) => cli(project.dir, 'apply', playbook, '-i', 'inventory/sim.yml', ...argv);

  it('moves old1\'s www by ZFS and old2\'s by tar; the recap shows both', async () => {
    expect((await apply('playbooks/site.yml')).code).toBe(0);
    const run = await apply('playbooks/consolidate.yml', '--json');
    expect(run.code).toBe(0);
    const tasks = events(run.stdout).filter((e) => e.type === 'task');
    expect(tasks.map((t) => [t.host, t.status])).toEqual([
      ['new1', 'changed'],
      ['new2', 'changed'],
    ]);
    expect(String(tasks[0]!.message)).toMatch(/^moved jail www from old1 to new1:\/usr\/jails\/www-old1 as www-old1 \(\d+ bytes by zfs send, \d+ of them while stopped/);
    expect(String(tasks[1]!.message)).toMatch(/^moved jail www from old2 to new2:\/usr\/jails\/www-old2 as www-old2 \(\d+ bytes by tar/);
    const [recap] = events(run.stdout).filter((e) => e.type === 'recap') as Array<{ hosts: Record<string, { changed: number }> }>;
    expect(recap!.hosts.new1!.changed).toBe(1);
    expect(recap!.hosts.new2!.changed).toBe(1);
  });

  it('afterwards old1 and old2 run no jail, each new host runs two, and no address is on two hosts', async () => {
    expect(await sh('old1', 'jls name')).toBe('');
    expect(await sh('old2', 'jls name')).toBe('');
    expect((await sh('new1', 'jls name')).split('\n').filter(Boolean).sort()).toEqual(['www', 'www-old1']);
    expect((await sh('new2', 'jls name')).split('\n').filter(Boolean).sort()).toEqual(['www', 'www-old2']);
    const seen = new Map<string, string[]>();
    for (const host of HOSTS) {
      for (const m of (await sh(host, 'ifconfig -a')).matchAll(/inet (\d+\.\d+\.\d+\.\d+) /g)) {
        if (m[1] === '127.0.0.1') continue;
        seen.set(m[1]!, [...(seen.get(m[1]!) ?? []), host]);
      }
    }
    expect([...seen].filter(([, hosts]) => hosts.length > 1)).toEqual([]);
    expect(seen.get('192.0.2.111')).toEqual(['new1']);
    expect(seen.get('192.0.2.112')).toEqual(['new2']);
  });

  it('a second run changes nothing', async () => {
    const again = await apply('playbooks/consolidate.yml', '--json');
    expect(again.code).toBe(0);
    expect(events(again.stdout).filter((e) => e.type === 'task').map((t) => t.status)).toEqual(['ok', 'ok']);
  });
});
