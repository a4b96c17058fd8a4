/**
 * The relay (src/transport/relay.ts, issue 13) between two real OpenSSH
 * sshd hosts on loopback (Linux targets, so the tar path): a directory tree
 * with owners, modes, a symlink and binary content moves from one host to
 * the other through the controller and verifies against a manifest made on
 * each side; a failing end and a dropped connection are reported as such.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quote } from '../../src/shell/quote.js';
import { knownHostsName } from '../../src/transport/known-hosts.js';
import { relay } from '../../src/transport/relay.js';
import { SshTransport } from '../../src/transport/ssh.js';
import { rejection } from '../helpers/session-asserts.js';
import { skipWithoutSshd, startSshd, type Sshd } from '../helpers/sshd.js';
import { makeTempDir, removeDir } from '../helpers/temp-dir.js';

/** Path, type, mode, owner, group and size of every entry, then every file's sha256 (GNU find and coreutils). */
const manifest = (dir: string): string =>
  `cd ${quote(dir)} && find . -printf '%p %y %m %U %G %s %l\\n' | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort -k 2`;

describe.skipIf(skipWithoutSshd())('relay between two OpenSSH hosts', () => {
  const hosts: Sshd[] = [];
  const transports: SshTransport[] = [];
  let work: string;

  beforeAll(async () => {
    work = await makeTempDir('jailfleet-relay-');
    for (const name of ['source', 'destination']) {
      const sshd = await startSshd();
      hosts.push(sshd);
      const knownHostsFile = join(sshd.dir, 'known_hosts');
      await writeFile(knownHostsFile, `${knownHostsName(sshd.address, sshd.port)} ${sshd.hostPublicKey}\n`);
      transports.push(
        await SshTransport.connect({ host: name, address: sshd.address, port: sshd.port, user: sshd.user, keyFile: sshd.clientKeyFile, agent: '', knownHostsFile, hostKeyChecking: 'strict' }),
      );
    }
  });

  afterAll(async () => {
    for (const t of transports) await t.close();
    for (const h of hosts) await h.stop();
    await removeDir(work);
  });

  it('moves a tree with owners, modes, a symlink and binary data, and it verifies on the destination', async () => {
    const [source, destination] = transports as [SshTransport, SshTransport];
    const from = join(work, 'from');
    const to = join(work, 'to');
    const setup = [
      `mkdir -p ${quote(`${from}/srv/www data`)} ${quote(`${from}/home/alice`)} ${quote(to)}`,
      `printf '<h1>hi</h1>\\n' > ${quote(`${from}/srv/www data/index.html`)}`,
      `head -c 3000000 /dev/urandom > ${quote(`${from}/srv/blob.bin`)}`,
      `printf 'secret\\n' > ${quote(`${from}/home/alice/.netrc`)}`,
      `chmod 600 ${quote(`${from}/home/alice/.netrc`)} && chown -R 1001:1002 ${quote(`${from}/home/alice`)}`,
      `chmod 2750 ${quote(`${from}/srv/www data`)} && chown 65534:65534 ${quote(`${from}/srv/www data/index.html`)}`,
      `ln -s ../srv/blob.bin ${quote(`${from}/home/link`)}`,
    ].join(' && ');
    expect((await source.exec(setup)).code).toBe(0);

    const progress: number[] = [];
    const result = await relay(
      { transport: source, command: `tar -cpf - -C ${quote(from)} .` },
      { transport: destination, command: `tar -xpf - --numeric-owner -C ${quote(to)}` },
      { onProgress: (p) => progress.push(p.bytes), progressEveryMs: 0 },
    );
    expect(result.source).toEqual({ code: 0, stderr: '' });
    expect(result.destination).toEqual({ code: 0, stderr: '' });
    expect(result.bytes).toBeGreaterThan(3_000_000);
    expect(progress.at(-1)).toBe(result.bytes);

    const want = await source.exec(manifest(from));
    const got = await destination.exec(manifest(to));
    expect(want.code).toBe(0);
    expect(got.stdout).toBe(want.stdout);
    // What is compared is there: the owners, the setgid directory, the symlink.
    expect(got.stdout).toContain('./home/alice/.netrc f 600 1001 1002 7');
    expect(got.stdout).toContain('./srv/www data d 2750 0 0');
    expect(got.stdout).toContain('./home/link l 777 0 0');
  });

  it('reports a source that fails: its exit status, and the destination saw its input end', async () => {
    const [source, destination] = transports as [SshTransport, SshTransport];
    const result = await relay(
      { transport: source, command: `tar -cpf - -C ${quote(join(work, 'nowhere'))} .` },
      { transport: destination, command: 'cat > /dev/null' },
    );
    expect(result.source.code).not.toBe(0);
    expect(result.source.stderr).toContain('nowhere');
    expect(result.destination.code).toBe(0);
  });

  it('rejects with dropped when the source connection is lost mid-stream, and the destination stops', async () => {
    const [source, destination] = transports as [SshTransport, SshTransport];
    let killed = false;
    const err = await rejection(
      relay(
        { transport: source, command: 'head -c 2000000000 /dev/zero' },
        { transport: destination, command: `cat > ${quote(join(work, 'cut'))}` },
        {
          progressEveryMs: 0,
          onProgress: (p) => {
            if (killed || p.bytes < 4_000_000) return;
            killed = true;
            void hosts[0]!.killSessions();
          },
        },
      ),
    );
    expect(err.reason).toBe('dropped');
    expect(killed).toBe(true);
    // The destination's command ended with its input: the connection to it is still good.
    expect((await destination.exec(`test -f ${quote(join(work, 'cut'))} && echo there`)).stdout).toBe('there\n');
  });
});
