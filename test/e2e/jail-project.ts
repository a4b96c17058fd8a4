import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

/** A temp project with one simulated host and the playbooks a test writes into it. */
export function simProject(host = 'h1', hostIp = '192.0.2.21') {
  const dir = mkdtempSync(join(tmpdir(), 'jailfleet-jail-'));
  writeFileSync(join(dir, 'inventory.yml'), `all:\n  vars:\n    transport: sim\n  hosts:\n    ${host}:\n      host_ip: ${hostIp}\n`);
  return {
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    playbook(name: string, yaml: string): string {
      writeFileSync(join(dir, name), yaml);
      return name;
    },
    apply: (playbook: string, ...extra: string[]) => cli(dir, 'apply', playbook, '-i', 'inventory.yml', ...extra),
    sh: (script: string) => cli(dir, 'sim', 'exec', host, '-i', 'inventory.yml', '--', script),
  };
}
