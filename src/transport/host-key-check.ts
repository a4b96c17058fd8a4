/**
 * The host-key policy behind ssh2's hostVerifier: strict refuses unknown keys,
 * accept-new records them, and a changed or revoked key is refused always.
 */
import {
  appendKnownHost,
  checkHostKey,
  fingerprint,
  keyTypeOf,
  knownHostsName,
  type KnownHostEntry,
} from './known-hosts.js';

export type HostKeyPolicy = 'strict' | 'accept-new';

export interface HostKeyCheckInput {
  /** Inventory name, for messages. */
  host: string;
  address: string;
  port: number;
  knownHostsFile: string;
  policy: HostKeyPolicy;
  entries: KnownHostEntry[];
}

export interface HostKeyCheck {
  /** Resolves true to accept the key; on false, refusal() explains why. */
  verify(blob: Buffer): Promise<boolean>;
  refusal(): string | undefined;
}

export function createHostKeyCheck(input: HostKeyCheckInput): HostKeyCheck {
  let refusal: string | undefined;
  const name = knownHostsName(input.address, input.port);
  const where = `${input.host} (${name})`;
  return {
    refusal: () => refusal,
    async verify(blob) {
      const type = keyTypeOf(blob);
      const presented = fingerprint(blob);
      const verdict = checkHostKey(input.entries, name, blob);
      switch (verdict.kind) {
        case 'known':
          return true;
        case 'revoked':
          refusal =
            `host key for ${where} is marked @revoked in ${input.knownHostsFile}:${verdict.entry.line}: ` +
            `${type} ${presented}. Refusing to connect.`;
          return false;
        case 'changed':
          refusal =
            `HOST KEY CHANGED for ${where}: expected ${verdict.expected.keyType} ${fingerprint(verdict.expected.key)} ` +
            `(${input.knownHostsFile}:${verdict.expected.line}), got ${type} ${presented}. ` +
            `Someone could be eavesdropping, or the host was reinstalled. Refusing to connect; ` +
            `if the change is expected run: ssh-keygen -R '${name}' -f ${input.knownHostsFile}`;
          return false;
        case 'unknown':
          if (input.policy === 'strict') {
            refusal =
              `host key for ${where} is not known: ${type} ${presented} is not in ${input.knownHostsFile}. ` +
              `Refusing to connect (ssh_host_key_checking: strict); verify the fingerprint and add it, ` +
              `or use ssh_host_key_checking: accept-new`;
            return false;
          }
          try {
            await appendKnownHost(input.knownHostsFile, name, blob);
          } catch (err) {
            refusal = `cannot record host key for ${where} in ${input.knownHostsFile}: ${(err as Error).message}`;
            return false;
          }
          return true;
      }
    },
  };
}

/** ssh2's host-key algorithms in its default order (lib/protocol/constants.js). */
const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;

export type HostKeyAlgorithm = (typeof DEFAULT_HOST_KEY_ALGORITHMS)[number];

/**
 * Offer the key types already recorded for the host first, as ssh(1) does;
 * otherwise a host known by its ECDSA key would present its Ed25519 key and be
 * refused as unknown under strict checking.
 */
export function preferredHostKeyAlgorithms(knownTypes: string[]): HostKeyAlgorithm[] {
  const algorithmsOf = (type: string): string[] => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type]);
  const preferred = new Set(knownTypes.flatMap(algorithmsOf));
  const first = DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => preferred.has(a));
  const rest = DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !preferred.has(a));
  return [...first, ...rest];
}
