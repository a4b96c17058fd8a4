/**
 * `jailfleet sim exec HOST -- COMMAND` as `ssh HOST COMMAND` behaves: ssh(1)
 * passes its standard input on to the remote command (unless -n, "Redirects
 * stdin from /dev/null") and writes the command's output unchanged, so
 * `echo hello | ssh host cat` prints hello and `ssh host cat FILE > local`
 * copies a binary file byte for byte. Run as a real process of the built CLI:
 * its stdin a pipe, its stdout bytes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSimHost } from '../../src/engine/sim-hosts.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { buildCli, type BuiltCli } from '../reconcile/built-cli.js';

const INVENTORY = 'all:\n  vars: { transport: sim }\n  hosts:\n    h1: { host_ip: 192.0.2.71 }\n';

interface Ran {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Every byte value once, 0x00..0xff: most of it is not UTF-8. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('jailfleet sim exec: stdin and stdout as bytes', () => {
  let cli: BuiltCli;
  let dir: string;

  beforeAll(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), 'jailfleet-sim-exec-io-'));
    writeFileSync(join(dir, 'inv.yml'), INVENTORY);
  }, 60_000);

  afterAll(() => {
    cli?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The CLI in a process of its own; `stdin` piped in and closed, or /dev/null when absent. */
  const run = (command: string[], stdin?: Buffer): Promise<Ran> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli.main, 'sim', 'exec', 'h1', '-i', 'inv.yml', '--state-dir', 'st', '--', ...command], {
        cwd: dir,
        stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      let err = '';
      child.stdout!.on('data', (c: Buffer) => out.push(c));
      child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
      if (stdin !== undefined) child.stdin!.end(stdin);
    });

  it('passes stdin on: echo hello | sim exec h1 -- cat', async () => {
    const r = await run(['cat'], Buffer.from('hello\n'));
    expect({ code: r.code, stdout: r.stdout.toString(), stderr: r.stderr }).toEqual({ code: 0, stdout: 'hello\n', stderr: '' });
  });

  it('passes stdin to a pipeline inside the command line', async () => {
    const r = await run(['cat > /tmp/in; wc -l < /tmp/in | tr -d " "'], Buffer.from('one\ntwo\nthree\n'));
    expect({ code: r.code, stdout: r.stdout.toString(), stderr: r.stderr }).toEqual({ code: 0, stdout: '3\n', stderr: '' });
  });

  it('runs with no stdin (/dev/null): cat reads end of file at once', async () => {
    const r = await run(['cat; echo done']);
    expect({ code: r.code, stdout: r.stdout.toString(), stderr: r.stderr }).toEqual({ code: 0, stdout: 'done\n', stderr: '' });
  });

  it('carries all 256 byte values in through stdin and back out through cat, unchanged', async () => {
    const put = await run(['cat > /tmp/bytes'], ALL_BYTES);
    expect({ code: put.code, stderr: put.stderr }).toEqual({ code: 0, stderr: '' });
    const got = await run(['cat', '/tmp/bytes']);
    expect(got.code).toBe(0);
    expect(got.stdout.length).toBe(256);
    expect(sha256(got.stdout)).toBe(sha256(ALL_BYTES));
    // ls(1) reports st_size, the byte count.
    const ls = await run(['ls', '-l', '/tmp/bytes']);
    expect(ls.stdout.toString()).toMatch(/^-rw-r--r-- {2}1 root {2}wheel {2}256 /);
  });

  it('writes a binary file (kept base64 in the state, as tar and fetch leave it) as its bytes, not base64', async () => {
    const host = loadInventory(join(dir, 'inv.yml')).hosts.get('h1')!;
    const opened = openSimHost(join(dir, 'st'), host);
    opened.sim.fs.writeFile('/tmp/blob', ALL_BYTES.toString('base64'), { binary: true });
    opened.save();
    const got = await run(['cat', '/tmp/blob']);
    expect({ code: got.code, stderr: got.stderr }).toEqual({ code: 0, stderr: '' });
    expect(sha256(got.stdout)).toBe(sha256(ALL_BYTES));
    const ls = await run(['ls', '-l', '/tmp/blob']);
    expect(ls.stdout.toString()).toMatch(/^-rw-r--r-- {2}1 root {2}wheel {2}256 /);
  });
});
