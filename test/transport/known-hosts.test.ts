import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  fingerprint,
  keyTypeOf,
  knownHostsLine,
  knownHostsName,
  knownKeyTypes,
  parseKnownHosts,
  readKnownHosts,
} from '../../src/transport/known-hosts.js';
import { preferredHostKeyAlgorithms } from '../../src/transport/host-key-check.js';
import { generateEd25519, publicBlobOf } from '../helpers/ssh2-server.js';

const keyA = publicBlobOf(generateEd25519().privateKey);
const keyB = publicBlobOf(generateEd25519().privateKey);
const b64 = (blob: Buffer): string => blob.toString('base64');

function hashedName(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts parsing', () => {
  it('reads plain, [host]:port, hashed and marked entries and skips comments', () => {
    const text = [
      '# a comment',
      '',
      `web1,10.0.0.1 ssh-ed25519 ${b64(keyA)} root@web1`,
      `[10.0.0.2]:2222 ssh-ed25519 ${b64(keyA)}`,
      `${hashedName('db1')} ssh-ed25519 ${b64(keyB)}`,
      `@revoked * ssh-ed25519 ${b64(keyB)}`,
      `@cert-authority *.example ssh-ed25519 ${b64(keyA)}`,
      `@bogus * ssh-ed25519 ${b64(keyA)}`,
      'truncated-line ssh-ed25519',
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({ patterns: ['web1', '10.0.0.1'], keyType: 'ssh-ed25519', line: 3 });
    expect(entries[2]?.hashed).toBeDefined();
    expect(entries[3]?.marker).toBe('revoked');
    expect(entries[4]?.marker).toBe('cert-authority');
  });

  it('names non-22 ports [host]:port, as OpenSSH does', () => {
    expect(knownHostsName('Web1.Example')).toBe('web1.example');
    expect(knownHostsName('127.0.0.5', 22)).toBe('127.0.0.5');
    expect(knownHostsName('127.0.0.5', 2222)).toBe('[127.0.0.5]:2222');
  });

  it('reads the key type from the blob and prints SHA256 fingerprints without padding', () => {
    expect(keyTypeOf(keyA)).toBe('ssh-ed25519');
    expect(fingerprint(keyA)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe('unknown');
  });
});

describe('reading the file', () => {
  // Every connection reads it; the parse is shared while the file is unchanged, and any change is seen.
  it('sees an appended key, a file renamed over it and its removal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jf-known-hosts-'));
    try {
      const file = join(dir, 'known_hosts');
      expect(await readKnownHosts(file)).toEqual([]);
      writeFileSync(file, `web1 ssh-ed25519 ${b64(keyA)}\n`);
      expect((await readKnownHosts(file)).map((e) => e.patterns)).toEqual([['web1']]);
      expect((await readKnownHosts(file)).map((e) => e.patterns)).toEqual([['web1']]);
      await appendKnownHost(file, 'web2', keyB);
      expect((await readKnownHosts(file)).map((e) => e.patterns)).toEqual([['web1'], ['web2']]);
      // Same length, same moment, another inode: what `ssh-keygen -R` and editors leave.
      writeFileSync(join(dir, 'next'), `web3 ssh-ed25519 ${b64(keyB)}\n`);
      renameSync(join(dir, 'next'), file);
      expect((await readKnownHosts(file)).map((e) => e.patterns)).toEqual([['web3']]);
      writeFileSync(join(dir, 'next'), `web4 ssh-ed25519 ${b64(keyA)}\n`);
      renameSync(join(dir, 'next'), file);
      const [only] = await readKnownHosts(file);
      expect(only?.patterns).toEqual(['web4']);
      expect(only?.key.equals(keyA)).toBe(true);
      rmSync(file);
      expect(await readKnownHosts(file)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('host key verdicts', () => {
  const entries = parseKnownHosts(
    [
      `web1,10.0.0.1 ssh-ed25519 ${b64(keyA)}`,
      `${hashedName('[10.0.0.9]:2200')} ssh-ed25519 ${b64(keyA)}`,
      `*.lab,!bad.lab ssh-ed25519 ${b64(keyA)}`,
    ].join('\n'),
  );

  it('accepts a matching plain, hashed or wildcard entry', () => {
    expect(checkHostKey(entries, 'web1', keyA)).toEqual({ kind: 'known' });
    expect(checkHostKey(entries, '10.0.0.1', keyA)).toEqual({ kind: 'known' });
    expect(checkHostKey(entries, '[10.0.0.9]:2200', keyA)).toEqual({ kind: 'known' });
    expect(checkHostKey(entries, 'good.lab', keyA)).toEqual({ kind: 'known' });
  });

  it('treats a negated pattern as no match, and another port as another host', () => {
    expect(checkHostKey(entries, 'bad.lab', keyA)).toEqual({ kind: 'unknown' });
    expect(checkHostKey(entries, '[10.0.0.1]:2222', keyA)).toEqual({ kind: 'unknown' });
  });

  it('reports a changed key with the entry it expected', () => {
    const verdict = checkHostKey(entries, 'web1', keyB);
    expect(verdict.kind).toBe('changed');
    expect(verdict.kind === 'changed' && verdict.expected.key.equals(keyA)).toBe(true);
  });

  it('refuses a revoked key even when it is also listed as known', () => {
    const withRevoked = parseKnownHosts(`web1 ssh-ed25519 ${b64(keyA)}\n@revoked * ssh-ed25519 ${b64(keyA)}\n`);
    expect(checkHostKey(withRevoked, 'web1', keyA).kind).toBe('revoked');
  });

  it('ignores @cert-authority lines for plain host keys', () => {
    const ca = parseKnownHosts(`@cert-authority * ssh-ed25519 ${b64(keyA)}\n`);
    expect(checkHostKey(ca, 'web1', keyA)).toEqual({ kind: 'unknown' });
  });

  it('writes lines that parse back', () => {
    const line = knownHostsLine('[127.0.0.3]:2022', keyB);
    expect(line).toBe(`[127.0.0.3]:2022 ssh-ed25519 ${b64(keyB)}\n`);
    expect(checkHostKey(parseKnownHosts(line), '[127.0.0.3]:2022', keyB)).toEqual({ kind: 'known' });
  });

  it('offers recorded key types first in key exchange', () => {
    const ecdsaOnly = parseKnownHosts(`web1 ecdsa-sha2-nistp256 ${b64(keyA)}\n`);
    expect(knownKeyTypes(ecdsaOnly, 'web1')).toEqual(['ecdsa-sha2-nistp256']);
    expect(preferredHostKeyAlgorithms(['ecdsa-sha2-nistp256'])[0]).toBe('ecdsa-sha2-nistp256');
    expect(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(preferredHostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
  });
});
