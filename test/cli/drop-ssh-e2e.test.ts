import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { SimTransport } from '../../src/sim/transport.js';
import type { ExecResult } from '../../src/transport/transport.js';
import { runEngine, simHost, tapTransport } from '../engine/engine-harness.js';
import { cli, scratchProject } from '../helpers/cli.js';

// The same fault over real SSH: the served simulator sends the first bytes of
// the apply's output and cuts the connection; the SSH transport keeps what
// arrived, and the recap names the step the host had reached.
const play = {
  name: 'three files',
  hosts: 'all',
  tasks: [1, 2, 3].map((n) => ({ name: `file ${n}`, copy: { dest: `/root/f${n}`, content: `content ${n}\n` } })),
};

describe('a connection dropped mid-apply, over SSH', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());

  it('marks the host unreachable with the step it reached; the other host converges', async () => {
    const outputs: ExecResult[] = [];
    const reference = simHost('ref');
    await runEngine([play], ['ref'], { connect: async () => tapTransport(new SimTransport(reference), () => undefined, (r) => outputs.push(r)) });
    const [session] = outputs as [ExecResult];
    const budget = session.stdout.indexOf(':b:2\n', session.stdout.indexOf(':ready:0\n')) + 5;
    writeFileSync(join(project.dir, 'playbooks', 'files.yml'), stringify([play]));
    writeFileSync(
      join(project.dir, 'inventory', 'drop.yml'),
      stringify({
        all: {
          vars: { transport: 'sim' },
          hosts: { cut: { host_ip: '192.0.2.51', sim: { faults: { drop_after_bytes: budget } } }, fine: { host_ip: '192.0.2.52' } },
        },
      }),
    );
    const r = await cli(project.dir, 'demo', 'playbooks/files.yml', '-i', 'inventory/drop.yml');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^unreachable: \[cut\] .*dropped.*\(during step 3\/3 "write \/root\/f3"\)$/m);
    expect(r.stdout).toMatch(/^fine +: ok=3 +changed=3 +unreachable=0 +failed=0/m);
  });
});
