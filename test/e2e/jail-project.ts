import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from '../helpers/cli.js';

/** A temp project with one simulated host and the playbooks a test writes into it. */
export function simProject(host = 'h1', hostIp = '192.0.2.21') {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-jail-'));
  writeFileSync(join(dir, 'inventory.yml'), `all:\n  vars:\n    transport: sim\n  hosts:\n    ${host}:\n      host_ip: ${hostIp}\n`);
  const sh = (script: string) => cli(dir, 'sim', 'exec', host, '-i', 'inventory.yml', '--', script);
  return {
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    playbook(name: string, yaml: string): string {
      writeFileSync(join(dir, name), yaml);
      return name;
    },
    apply: (playbook: string, ...extra: string[]) => cli(dir, 'apply', playbook, '-i', 'inventory.yml', ...extra),
    sh,
    /** A script's stdout, once it ended 0 (else the test fails with its stderr). */
    out: async (script: string): Promise<string> => {
      const r = await sh(script);
      expect(r.code, `${script}: ${r.stderr}`).toBe(0);
      return r.stdout;
    },
  };
}
