import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

// The simulator's host_key_change fault, served over SSH: the changed host is
// refused (strict host keys) and reported unreachable; the others converge.
describe('a simulated host whose SSH host key changed', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());

  it('is refused with both fingerprints while the other hosts converge (exit 3)', async () => {
    writeFileSync(
      join(project.dir, 'inventory', 'keychange.yml'),
      [
        'all:',
        '  vars: { transport: sim, jail_name: www, jail_root: /usr/jails }',
        '  hosts:',
        '    good: { host_ip: 192.0.2.31, jail_ip: 192.0.2.131 }',
        '    changed:',
        '      host_ip: 192.0.2.32',
        '      jail_ip: 192.0.2.132',
        '      sim: { faults: { host_key_change: true } }',
        '',
      ].join('\n'),
    );
    const r = await cli(project.dir, 'demo', 'playbooks/site.yml', '-i', 'inventory/keychange.yml');
    expect(r.code).toBe(3);
    const refusal = r.stdout.split('\n').find((l) => l.startsWith('unreachable: [changed]')) ?? '';
    expect(refusal).toMatch(/ssh-ed25519/);
    expect(refusal.match(/SHA256:[A-Za-z0-9+/]{43}/g)).toHaveLength(2);
    expect(r.stdout).toMatch(/^good +: ok=5 +changed=5 +unreachable=0 +failed=0/m);
    expect(r.stdout).toMatch(/^changed +: ok=0 +changed=0 +unreachable=1 +failed=0/m);
  });
});
