/**
 * The transport contract against the simulator: in process (SimTransport) and
 * behind the simulator's ssh2 server reached with the real SshTransport.
 *
 * The simulated `sleep` never waits, so in the timeout and drop cases both
 * targets become slow hosts (every exec answers after SLOW_MS): that is what
 * the timeout case times out and what the drop case interrupts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { servedSim } from '../../src/sim/serve-exec.js';
import { generateSshKeyPair, startSimSshServer, type SimSshServer } from '../../src/sim/ssh-server.js';
import { SimTransport, type SimTransportFaults } from '../../src/sim/transport.js';
import { knownHostsName } from '../../src/transport/known-hosts.js';
import { SshTransport } from '../../src/transport/ssh.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';
import { runTransportContract } from './contract.js';
import { simHost } from '../helpers/sim-host.js';

const SLOW_MS = 700;

function freshSim(): SimHost {
  return simHost('sim1', { hostname: 'sim1', address: '192.0.2.50' });
}

runTransportContract('simulator in process (SimTransport)', async () => {
  const faults: SimTransportFaults = {};
  const transport = new SimTransport(freshSim(), { faults });
  return {
    transport,
    slow: () => {
      faults.slowMs = SLOW_MS;
    },
    drop: async () => {
      // A running exec reads the faults after its delay: it now drops; later execs find the connection closed.
      faults.dropAfterCommands = 0;
      await transport.close();
    },
    cleanup: () => transport.close(),
  };
});

let dir: string;
let server: SimSshServer;
/** The served host's faults, read at each exec: slow only in the cases that ask (ContractTarget.slow). */
const servedFaults: SimTransportFaults = {};
let keyFile: string;
let knownHostsFile: string;

beforeAll(async () => {
  dir = await makeTempDir('jailfleet-contract-sim-');
  const client = generateSshKeyPair('contract');
  keyFile = join(dir, 'id_ed25519');
  await writeFile(keyFile, client.privateKey, { mode: 0o600 });
  const sim = freshSim();
  server = await startSimSshServer({
    authorizedKeys: [client.publicKey],
    hosts: [servedSim('sim1', { current: () => sim, saved: () => undefined }, { faults: servedFaults })],
  });
  const [host] = server.hosts;
  knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, `${knownHostsName('127.0.0.1', host!.port)} ${host!.hostKey}\n`);
});

afterAll(async () => {
  await server?.close();
  await removeDir(dir);
});

runTransportContract('simulator behind its ssh2 server (SshTransport)', async () => {
  const transport = await SshTransport.connect({
    host: 'sim1',
    address: '127.0.0.1',
    port: server.hosts[0]!.port,
    user: 'root',
    keyFile,
    agent: '',
    knownHostsFile,
    hostKeyChecking: 'strict',
  });
  delete servedFaults.slowMs;
  return {
    transport,
    drop: () => server.dropConnections(),
    slow: () => {
      servedFaults.slowMs = SLOW_MS;
    },
    cleanup: () => transport.close(),
  };
});
