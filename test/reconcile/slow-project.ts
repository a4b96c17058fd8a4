import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { scratchProject } from '../helpers/cli.js';
import { buildCli, type BuiltCli } from './built-cli.js';

/**
 * A scratch project with inventory/slow.yml — the shipped fleet, old1
 * answering every exec after `slowMs` — and playbooks/tiny.yml, one task on
 * old1: a pass of it is one exec, so it lasts about `slowMs`.
 */
export function slowProject(slowMs: number): ReturnType<typeof scratchProject> {
  const project = scratchProject();
  const inventory = readFileSync(join(project.dir, 'inventory', 'sim.yml'), 'utf8').replace(
    '            zpool: true\n          jail_dataset',
    `            zpool: true\n            faults: { slow_ms: ${slowMs} }\n          jail_dataset`,
  );
  if (!inventory.includes('slow_ms')) throw new Error('inventory/sim.yml changed: old1 has no sim map to add a fault to');
  writeFileSync(join(project.dir, 'inventory', 'slow.yml'), inventory);
  writeFileSync(
    join(project.dir, 'playbooks', 'tiny.yml'),
    ['- name: tiny', '  hosts: old1:old2', '  tasks:', '    - name: a setting', '      sysrc: { name: jailfleet_tiny, value: "YES" }', ''].join('\n'),
  );
  return project;
}

/**
 * slowProject for tests that run the CLI as a process of its own: the CLI
 * built once for the file (beforeAll), both removed after it (afterAll).
 * `main()` is the built entry point, there once beforeAll has run.
 */
export function slowProjectWithCli(slowMs: number): { project: ReturnType<typeof scratchProject>; main: () => string } {
  const project = slowProject(slowMs);
  let built: BuiltCli | undefined;
  beforeAll(async () => {
    built = await buildCli();
  }, 60_000);
  afterAll(() => {
    built?.cleanup();
    project.cleanup();
  });
  return {
    project,
    main: () => {
      if (!built) throw new Error('the CLI is built in beforeAll');
      return built.main;
    },
  };
}
