/**
 * Which connection failures are worth retrying. Only transient network
 * conditions are: retrying a refused key or host key only hammers the host
 * (and can trip fail2ban/sshguard on it).
 */
import type { UnreachableReason } from '../errors.js';

export interface ConnectFailure {
  reason: UnreachableReason;
  retriable: boolean;
  detail: string;
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/** ssh2 tags its errors with `level`; sockets add `code`. */
export interface TaggedError {
  message: string;
  level?: string;
  code?: string;
}

export function classifyConnectError(err: TaggedError, hostKeyRefusal: string | undefined): ConnectFailure {
  if (hostKeyRefusal !== undefined) return { reason: 'hostkey', retriable: false, detail: hostKeyRefusal };
  if (err.level === 'client-authentication') {
    return { reason: 'auth', retriable: false, detail: `authentication failed: ${err.message}` };
  }
  if (err.level === 'client-timeout') return { reason: 'timeout', retriable: true, detail: `connect timed out: ${err.message}` };
  if (err.code && TRANSIENT_CODES.has(err.code)) return { reason: 'connect', retriable: true, detail: err.message };
  // sshd closing before the banner (MaxStartups, a restart) is transient too.
  if (/before handshake|connection lost|closed before/i.test(err.message)) {
    return { reason: 'connect', retriable: true, detail: err.message };
  }
  return { reason: 'connect', retriable: false, detail: err.message };
}

/** Never let a secret reach an error message, whatever a library put in it. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join('***');
}
