/**
 * An exec over `sim serve` as sshd runs it. The session environment, sshd(8)
 * ENVIRONMENT: SSH_CONNECTION "Identifies the client and server ends of the
 * connection. The variable contains four space-separated values: client IP
 * address, client port number, server IP address, and server port number";
 * SSH_CLIENT holds the client IP address, client port number and server port
 * number. Both are exported (a child process sees them). And the bytes: sshd
 * hands the command's stdin and stdout over unchanged, so `ssh host 'cat >
 * f' < file` then `ssh host cat f` gives the file back byte for byte. Driven
 * with a raw ssh2 client on a socket of our own, so its local port is known.
 */
import { createHash } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedSim } from '../../src/sim/serve-exec.js';
import { generateSshKeyPair, startSimSshServer, type SimSshServer } from '../../src/sim/ssh-server.js';
import { simHost } from '../helpers/sim-host.js';

const { Client } = ssh2;

let server: SimSshServer;
let clientKey: string;

beforeAll(async () => {
  const client = generateSshKeyPair('serve-ssh-env');
  clientKey = client.privateKey;
  const sim = simHost('envhost', { hostname: 'envhost', address: '192.0.2.80' });
  server = await startSimSshServer({
    authorizedKeys: [client.publicKey],
    hosts: [servedSim('envhost', { current: () => sim, saved: () => undefined })],
  });
});

afterAll(async () => {
  await server?.close();
});

/** One exec over a socket we opened: its stdout, and the socket's local port (the client port sshd reports). */
function execOnOwnSocket(command: string, stdin?: Buffer): Promise<{ stdout: string; bytes: Buffer; clientPort: number; serverPort: number }> {
  const serverPort = server.hosts[0]!.port;
  return new Promise((resolve, reject) => {
    const sock: Socket = netConnect({ host: '127.0.0.1', port: serverPort });
    sock.on('error', reject);
    sock.on('connect', () => {
      const conn = new Client();
      conn.on('error', reject);
      conn.on('ready', () => {
        conn.exec(command, (err, stream) => {
          if (err) return reject(err);
          const out: Buffer[] = [];
          stream.on('data', (d: Buffer) => out.push(d));
          stream.stderr.on('data', () => undefined);
          stream.on('close', () => {
            conn.end();
            const bytes = Buffer.concat(out);
            resolve({ stdout: bytes.toString('utf8'), bytes, clientPort: sock.localPort!, serverPort });
          });
          // Stdin in small pieces, so characters are split between packets.
          const data = stdin ?? Buffer.alloc(0);
          for (let i = 0; i < data.length; i += 7) stream.write(data.subarray(i, i + 7));
          stream.end();
        });
      });
      conn.connect({ sock, username: 'root', privateKey: clientKey, hostVerifier: () => true });
    });
  });
}

describe('sim serve: sshd session environment and bytes', () => {
  it('sets SSH_CONNECTION and SSH_CLIENT from the connection, as sshd does', async () => {
    const r = await execOnOwnSocket('printf "%s\\n" "$SSH_CONNECTION" "$SSH_CLIENT"');
    expect(r.stdout).toBe(`127.0.0.1 ${r.clientPort} 127.0.0.1 ${r.serverPort}\n127.0.0.1 ${r.clientPort} ${r.serverPort}\n`);
  });

  it('exports them: a child shell sees them too', async () => {
    const r = await execOnOwnSocket('sh -c \'echo "$SSH_CONNECTION"\'');
    expect(r.stdout).toBe(`127.0.0.1 ${r.clientPort} 127.0.0.1 ${r.serverPort}\n`);
  });

  it('carries all 256 byte values and UTF-8 text through stdin and stdout unchanged', async () => {
    const data = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('é✓😀\n', 'utf8')]);
    await execOnOwnSocket('cat > /tmp/bytes', data);
    const r = await execOnOwnSocket('cat /tmp/bytes');
    expect(createHash('sha256').update(r.bytes).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  });
});
