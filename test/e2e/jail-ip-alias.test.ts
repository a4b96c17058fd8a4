import { afterAll, describe, expect, it } from 'vitest';
import { events } from '../helpers/cli.js';
import { simProject } from './jail-project.js';

const aliases = (entries: Array<[string, 'present' | 'absent']>) =>
  `- name: aliases
  hosts: all
  tasks:
${entries.map(([address, state]) => `    - ip_alias:\n        interface: em0\n        address: ${address}\n        state: ${state}\n`).join('')}`;

describe('ip_alias through the CLI', () => {
  const project = simProject('old1', '192.0.2.11');
  afterAll(() => project.cleanup());

  it('adds three aliases, then removes the middle one with the rest renumbered; both runs converge', async () => {
    const add = project.playbook('add.yml', aliases([['192.0.2.101/32', 'present'], ['192.0.2.102/32', 'present'], ['192.0.2.103/32', 'present']]));
    expect((await project.apply(add)).code).toBe(0);
    expect((await project.sh('grep _alias /etc/rc.conf')).stdout).toBe(
      'ifconfig_em0_alias0="inet 192.0.2.101/32"\nifconfig_em0_alias1="inet 192.0.2.102/32"\nifconfig_em0_alias2="inet 192.0.2.103/32"\n',
    );

    const remove = project.playbook('remove.yml', aliases([['192.0.2.102/32', 'absent']]));
    const r = await project.apply(remove, '--diff');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('192.0.2.102 removed from em0; rc.conf no longer has 192.0.2.102/32 (aliases renumbered)');
    expect((await project.sh('grep _alias /etc/rc.conf')).stdout).toBe(
      'ifconfig_em0_alias0="inet 192.0.2.101/32"\nifconfig_em0_alias1="inet 192.0.2.103/32"\n',
    );
    const inet = (await project.sh('ifconfig em0')).stdout;
    expect(inet).toContain('inet 192.0.2.101 netmask 0xffffffff');
    expect(inet).toContain('inet 192.0.2.103 netmask 0xffffffff');
    expect(inet).not.toContain('192.0.2.102');

    const keep = project.playbook('keep.yml', aliases([['192.0.2.101/32', 'present'], ['192.0.2.103/32', 'present']]));
    for (const pb of [keep, remove]) {
      const again = await project.apply(pb, '--json');
      expect(again.code).toBe(0);
      const evs = events(again.stdout);
      expect(evs.filter((e) => e.type === 'task').every((e) => e.status === 'ok')).toBe(true);
      expect(evs.find((e) => e.type === 'host_end')?.channels).toBe(1);
    }
  });
});
