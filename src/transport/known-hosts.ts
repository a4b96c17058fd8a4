/**
 * OpenSSH known_hosts: parsing, matching and appending (sshd(8) "SSH_KNOWN_HOSTS
 * FILE FORMAT"). Pure except for the two file helpers at the bottom.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export type KnownHostMarker = 'revoked' | 'cert-authority';

export interface KnownHostEntry {
  marker?: KnownHostMarker;
  /** Plain comma-separated patterns, or undefined for a hashed entry. */
  patterns?: string[];
  /** `|1|salt|hash` entry: HMAC-SHA1(salt, name). */
  hashed?: { salt: Buffer; hash: Buffer };
  keyType: string;
  /** The public key blob (base64-decoded). */
  key: Buffer;
  /** 1-based line number, for messages that tell the user what to remove. */
  line: number;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const entry = parseLine(raw.trim(), index + 1);
    if (entry) entries.push(entry);
  });
  return entries;
}

function parseLine(line: string, lineNo: number): KnownHostEntry | undefined {
  if (line === '' || line.startsWith('#')) return undefined;
  const fields = line.split(/\s+/);
  let marker: KnownHostMarker | undefined;
  if (fields[0]?.startsWith('@')) {
    const name = fields.shift()!.slice(1);
    // Unknown markers make OpenSSH ignore the line; so do we.
    if (name !== 'revoked' && name !== 'cert-authority') return undefined;
    marker = name;
  }
  const [hosts, keyType, keyBase64] = fields;
  if (!hosts || !keyType || !keyBase64) return undefined;
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length === 0) return undefined;
  const base = { keyType, key, line: lineNo, ...(marker ? { marker } : {}) };
  if (hosts.startsWith('|1|')) {
    const [, , salt, hash] = hosts.split('|');
    if (!salt || !hash) return undefined;
    return { ...base, hashed: { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') } };
  }
  return { ...base, patterns: hosts.split(',').filter((p) => p !== '') };
}

/** The name OpenSSH looks up: bare host on port 22, `[host]:port` otherwise. */
export function knownHostsName(address: string, port = 22): string {
  const host = address.toLowerCase();
  return port === 22 ? host : `[${host}]:${port}`;
}

export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  if (entry.hashed) {
    const mac = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return mac.length === entry.hashed.hash.length && timingSafeEqual(mac, entry.hashed.hash);
  }
  let matched = false;
  for (const pattern of entry.patterns ?? []) {
    const negated = pattern.startsWith('!');
    if (!globMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    // A matching negated pattern vetoes the whole line, as in OpenSSH.
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function globMatch(pattern: string, name: string): boolean {
  const source = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}

/** Key type from the blob's first length-prefixed string (RFC 4253 §6.6). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  if (length === 0 || 4 + length > blob.length) return 'unknown';
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** `SHA256:...` exactly as `ssh-keygen -lf` and ssh(1) print it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export type HostKeyVerdict =
  | { kind: 'known' }
  | { kind: 'unknown' }
  | { kind: 'revoked'; entry: KnownHostEntry }
  | { kind: 'changed'; expected: KnownHostEntry };

export function checkHostKey(entries: KnownHostEntry[], name: string, blob: Buffer): HostKeyVerdict {
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(blob));
  // A revoked key is refused for every host name, like OpenSSH does.
  if (revoked) return { kind: 'revoked', entry: revoked };
  const type = keyTypeOf(blob);
  const forHost = entries.filter((e) => e.marker === undefined && entryMatches(e, name));
  if (forHost.some((e) => e.key.equals(blob))) return { kind: 'known' };
  const sameType = forHost.find((e) => e.keyType === type);
  if (sameType) return { kind: 'changed', expected: sameType };
  return { kind: 'unknown' };
}

/** Key types recorded for a host, so the client can prefer them in key exchange. */
export function knownKeyTypes(entries: KnownHostEntry[], name: string): string[] {
  const types = entries.filter((e) => e.marker === undefined && entryMatches(e, name)).map((e) => e.keyType);
  return [...new Set(types)];
}

export function knownHostsLine(name: string, blob: Buffer): string {
  return `${name} ${keyTypeOf(blob)} ${blob.toString('base64')}\n`;
}

/**
 * The file as parsed last, under the stat that was current before it was
 * read: every host of a run checks its key against the same file, which was
 * read and parsed once per connection (issue 17: 50 hosts, 50 lines, ~20 ms
 * of the run's CPU). A file written since (an accepted key appended, a new
 * file renamed over it) has another size, inode or change time, and is read
 * again. Entries are never modified after parsing, so hosts share them.
 */
const parsed = new Map<string, { stamp: string; entries: Promise<KnownHostEntry[]> }>();

export async function readKnownHosts(file: string): Promise<KnownHostEntry[]> {
  let stamp: string;
  try {
    const st = await stat(file);
    stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const hit = parsed.get(file);
  if (hit?.stamp === stamp) return hit.entries;
  const entries = readFile(file, 'utf8').then(parseKnownHosts, (err: NodeJS.ErrnoException) => {
    parsed.delete(file);
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  parsed.set(file, { stamp, entries });
  return entries;
}

/**
 * Append one key. A single appendFile of one short line is one write(2) on
 * an O_APPEND descriptor, so hosts accepted in parallel do not interleave.
 */
export async function appendKnownHost(file: string, name: string, blob: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const existing = await readFile(file, 'utf8').catch(() => '');
  // Never glue our entry onto a last line that lacks its newline.
  const separator = existing !== '' && !existing.endsWith('\n') ? '\n' : '';
  await appendFile(file, separator + knownHostsLine(name, blob), { mode: 0o600 });
}
