/**
 * Keys of a served simulated fleet, kept in the state directory so that host
 * keys survive restarts (known_hosts stays valid) and the client key stays
 * the one the user's ssh -i points at.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateSshKeyPair, publicKeyLineOf, type SshKeyPair } from './ssh-server.js';

/** Reads the private key at `file` (and writes `file.pub` beside it), generating both when missing. */
export function loadOrCreateKeyPair(file: string, comment: string): SshKeyPair {
  if (existsSync(file)) {
    const privateKey = readFileSync(file, 'utf8');
    return { privateKey, publicKey: `${publicKeyLineOf(privateKey)} ${comment}` };
  }
  const pair = generateSshKeyPair(comment);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // ssh(1) refuses a private key that others can read.
  writeFileSync(file, pair.privateKey, { mode: 0o600 });
  writeFileSync(`${file}.pub`, `${pair.publicKey.trim()}\n`, { mode: 0o644 });
  return pair;
}
