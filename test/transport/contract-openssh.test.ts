import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { knownHostsName } from '../../src/transport/known-hosts.js';
import { SshTransport } from '../../src/transport/ssh.js';
import { skipWithoutSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { runTransportContract } from './contract.js';

describe.skipIf(skipWithoutSshd())('OpenSSH sshd', () => {
  let sshd: Sshd;
  let knownHostsFile: string;

  beforeAll(async () => {
    sshd = await startSshd();
    knownHostsFile = join(sshd.dir, 'known_hosts');
    await writeFile(knownHostsFile, `${knownHostsName(sshd.address, sshd.port)} ${sshd.hostPublicKey}\n`);
  });

  afterAll(async () => {
    await sshd?.stop();
  });

  runTransportContract('OpenSSH sshd', async () => {
    const transport = await SshTransport.connect({
      host: 'openssh-test',
      address: sshd.address,
      port: sshd.port,
      user: sshd.user,
      keyFile: sshd.clientKeyFile,
      agent: '',
      knownHostsFile,
      hostKeyChecking: 'strict',
    });
    return { transport, drop: () => sshd.killSessions(), cleanup: () => transport.close() };
  });
});
