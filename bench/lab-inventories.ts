/**
 * The lab's inventories, one per tool, naming the same hosts, key,
 * known_hosts and port. Both tools check host keys strictly against the
 * lab's known_hosts: the same policy on both sides.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lab } from './lab-sshd.js';

export interface LabInventories {
  jailfleet: string;
  ansible: string;
}

export async function writeInventories(lab: Lab): Promise<LabInventories> {
  const jailfleet = join(lab.dir, 'jailfleet-inventory.yml');
  const ansible = join(lab.dir, 'ansible-inventory.ini');
  await writeFile(jailfleet, jailfleetInventory(lab));
  await writeFile(ansible, ansibleInventory(lab));
  return { jailfleet, ansible };
}

function jailfleetInventory(lab: Lab): string {
  const lines = [
    'all:',
    '  vars:',
    '    ssh_user: root',
    `    ssh_port: ${lab.port}`,
    `    ssh_key: ${lab.clientKeyFile}`,
    `    ssh_known_hosts: ${lab.knownHostsFile}`,
    '    ssh_host_key_checking: strict',
    '  hosts:',
  ];
  for (const h of lab.hosts) {
    lines.push(`    ${h.name}:`, `      ssh_host: ${h.address}`, `      host_ip: ${h.address}`, `      jail_ip: ${h.jailIp}`);
  }
  return lines.join('\n') + '\n';
}

function ansibleInventory(lab: Lab): string {
  return [
    '[lab]',
    ...lab.hosts.map((h) => `${h.name} ansible_host=${h.address} host_ip=${h.address} jail_ip=${h.jailIp}`),
    '',
    '[lab:vars]',
    'ansible_user=root',
    `ansible_port=${lab.port}`,
    `ansible_ssh_private_key_file=${lab.clientKeyFile}`,
    'ansible_python_interpreter=/usr/bin/python3',
    `ansible_ssh_common_args='-o UserKnownHostsFile=${lab.knownHostsFile} -o StrictHostKeyChecking=yes'`,
    '',
  ].join('\n');
}
