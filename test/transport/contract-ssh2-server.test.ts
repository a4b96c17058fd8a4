import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { knownHostsLine, knownHostsName } from '../../src/transport/known-hosts.js';
import { SshTransport } from '../../src/transport/ssh.js';
import { runLocalShell } from '../helpers/local-shell.js';
import { generateEd25519, startSsh2Server, type Ssh2TestServer } from '../helpers/ssh2-server.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { runTransportContract } from './contract.js';

let server: Ssh2TestServer;
let dir: string;
let keyFile: string;
let knownHostsFile: string;

beforeAll(async () => {
  dir = await makeTempDir();
  const client = generateEd25519();
  keyFile = join(dir, 'id_ed25519');
  await writeFile(keyFile, client.privateKey, { mode: 0o600 });
  server = await startSsh2Server({ authorizedKey: client.publicKey, handler: runLocalShell });
  knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, knownHostsLine(knownHostsName(server.address, server.port), server.hostKeyBlob));
});

afterAll(async () => {
  await server.close();
  await removeDir(dir);
});

runTransportContract('ssh2 test server', async () => {
  const transport = await SshTransport.connect({
    host: 'ssh2-test',
    address: server.address,
    port: server.port,
    user: 'jail',
    keyFile,
    agent: '',
    knownHostsFile,
    hostKeyChecking: 'strict',
  });
  return { transport, drop: () => server.dropAll(), cleanup: () => transport.close() };
});
