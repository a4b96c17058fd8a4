import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, events, scratchProject } from '../helpers/cli.js';

// The host play proposed for playbooks/site.yml (rebind in place of the four
// sysrc/line tasks and their handlers), on the shipped simulated fleet.
const HOST_PLAY = `- name: Host daemons listen only on the host address
  hosts: all
  tasks:
    - name: host daemons listen only on the host address
      rebind:
        address: "{{ host_ip }}"
        jail_ips: ["{{ jail_ip }}"]

    - name: jails may not set their hostname
      sysctl:
        name: security.jail.set_hostname_allowed
        value: "0"

    - name: jails start at boot
      sysrc:
        name: jail_enable
        value: "YES"

    - name: jail root directory exists
      directory:
        path: "{{ jail_root }}"
        mode: "0755"
`;

type Recap = { hosts: Record<string, { changed: number; failed: number; channels: number }> };

describe('proposed site.yml host play on inventory/sim.yml', () => {
  const project = scratchProject();
  const run = (...argv: string[]) => cli(project.dir, ...argv);
  const hosts = ['old1', 'old2', 'new1', 'new2'];
  afterAll(() => project.cleanup());

  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    writeFileSync(join(project.dir, 'host.yml'), HOST_PLAY);
    first = await run('apply', 'host.yml', '-i', 'inventory/sim.yml', '--json');
  });

  it('converges every host in one exec, every daemon on its host address', async () => {
    expect(first.code).toBe(0);
    const recap = events(first.stdout).find((e) => e.type === 'recap') as Recap;
    for (const h of hosts) expect(recap.hosts[h]).toMatchObject({ failed: 0, channels: 1 });
    const s = await run('sim', 'exec', 'new2', '-i', 'inventory/sim.yml', '--', 'sockstat', '-4l');
    const rows = s.stdout.split('\n').slice(1).filter(Boolean);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/ 192\.0\.2\.22:(21|22|25) /);
  });

  it('a second run changes nothing, one exec per host', async () => {
    const again = await run('apply', 'host.yml', '-i', 'inventory/sim.yml', '--json');
    expect(again.code).toBe(0);
    const recap = events(again.stdout).find((e) => e.type === 'recap') as Recap;
    for (const h of hosts) expect(recap.hosts[h]).toMatchObject({ changed: 0, failed: 0, channels: 1 });
  });
});
