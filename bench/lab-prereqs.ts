/** What the lab needs on this machine, and which Debian package provides it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SSHD_PATH } from './lab-sshd.js';
import { ANSIBLE_PLAYBOOK } from './run-ansible.js';
import { TIME_PATH } from './timed-child.js';

export function missingPrerequisites(repo: string, withAnsible: boolean): string[] {
  const missing: string[] = [];
  if (!existsSync(SSHD_PATH)) missing.push(`${SSHD_PATH}: apt-get install -y openssh-server`);
  if (!existsSync('/usr/bin/ssh-keygen') || !existsSync('/usr/bin/ssh')) missing.push('ssh, ssh-keygen: apt-get install -y openssh-client');
  if (withAnsible && !existsSync(ANSIBLE_PLAYBOOK)) missing.push(`${ANSIBLE_PLAYBOOK}: apt-get install -y ansible`);
  if (!existsSync(TIME_PATH)) missing.push(`${TIME_PATH}: apt-get install -y time`);
  if (!existsSync(join(repo, 'dist', 'cli', 'main.js'))) missing.push('dist/cli/main.js: npm run build');
  // sshd reads root-owned host keys and the lab logs in as root.
  if (process.getuid?.() !== 0) missing.push('root: the lab starts sshd and logs in as root');
  return missing;
}
