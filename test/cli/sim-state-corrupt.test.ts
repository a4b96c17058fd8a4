/**
 * A simulated host whose state file is not JSON any more (edited by hand,
 * cut off by a full disk): the commands said only "Expected property name
 * or '}' in JSON at position 1", without naming the file, and `sim exec`
 * and `run` printed an internal error with a stack trace. Now the host is
 * unreachable (exit 3) with a message naming the file and the way out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratchProject } from '../helpers/cli.js';

describe('a simulated host with a broken state file', () => {
  const project = scratchProject();
  afterAll(() => project.cleanup());
  const stateFile = join(project.dir, '.jailfleet', 'sim', 'new2.json');
  mkdirSync(join(project.dir, '.jailfleet', 'sim'), { recursive: true });
  writeFileSync(stateFile, '{bad\n');
  const why = `new2: unreachable (connect): the simulated host's state ${stateFile} is not valid JSON; \`jailfleet sim reset new2 -i INVENTORY\` starts it fresh`;

  it('sim exec: exit 3, the file named, no stack trace', async () => {
    const r = await cli(project.dir, 'sim', 'exec', 'new2', '-i', 'inventory/sim.yml', '--', 'hostname');
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 3, stdout: '', stderr: `error: ${why}\n` });
  });

  it('run and apply: the host unreachable, with the same message', async () => {
    const run = await cli(project.dir, 'run', 'new2', '-i', 'inventory/sim.yml', '--', 'hostname');
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`new2 | UNREACHABLE! => connect: the simulated host's state ${stateFile} is not valid JSON;`);
    const apply = await cli(project.dir, 'apply', 'playbooks/site.yml', '-i', 'inventory/sim.yml', '--limit', 'new2');
    expect(apply.code).toBe(3);
    expect(apply.stdout).toContain(`unreachable: [new2] => ${why}\n`);
  });
});
