/**
 * Bytes in the simulator's strings. Commands, files and pipes carry JS
 * strings; where bytes come in (a binary file, the CLI's stdin) a byte that
 * is not part of well-formed UTF-8 is kept as the lone surrogate
 * U+DC80..U+DCFF ("surrogateescape"). Well-formed UTF-8 never decodes to a
 * lone surrogate, so any byte string survives textOfBytes then bytesOfText
 * unchanged, and text that is UTF-8 stays plain text.
 */
import { isUtf8 } from 'node:buffer';

/** A lone low surrogate of the escaped range (the `u` flag: a surrogate pair is one code point, not matched). */
const ESCAPED = /[\uDC80-\uDCFF]/u;

/** Length of the well-formed UTF-8 sequence at i (RFC 3629 §4), 0 when there is none. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let len: number;
  if (c >= 0xc2 && c <= 0xdf) len = 2;
  else if (c >= 0xe0 && c <= 0xef) len = 3;
  else if (c >= 0xf0 && c <= 0xf4) len = 4;
  else return 0;
  if (i + len > b.length) return 0;
  // The second byte's range excludes overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
  const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
  const c1 = b[i + 1]!;
  if (c1 < lo || c1 > hi) return 0;
  for (let k = 2; k < len; k++) {
    const x = b[i + k]!;
    if (x < 0x80 || x > 0xbf) return 0;
  }
  return len;
}

/** Bytes as a simulator string: UTF-8 text as is, every other byte b as U+DC00+b. */
export function textOfBytes(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return buf.toString('utf8');
  let out = '';
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    const len = sequenceLength(buf, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (i > start) out += buf.toString('utf8', start, i);
    out += String.fromCharCode(0xdc00 + buf[i]!);
    i++;
    start = i;
  }
  if (start < buf.length) out += buf.toString('utf8', start);
  return out;
}

/** A simulator string as the bytes it stands for: the inverse of textOfBytes. */
export function bytesOfText(text: string): Buffer {
  if (!ESCAPED.test(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc80 || c > 0xdcff) continue;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    // The low half of a surrogate pair is a character's, not an escaped byte.
    if (prev >= 0xd800 && prev <= 0xdbff) continue;
    if (i > start) parts.push(Buffer.from(text.slice(start, i), 'utf8'));
    parts.push(Buffer.of(c - 0xdc00));
    start = i + 1;
  }
  if (start < text.length) parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** How many bytes a simulator string stands for. */
export function byteLengthOfText(text: string): number {
  return ESCAPED.test(text) ? bytesOfText(text).length : Buffer.byteLength(text);
}

/** Expected length of a UTF-8 sequence from its first byte; 0 for a byte no sequence starts with. */
function leadLength(c: number): number {
  if (c >= 0xc2 && c <= 0xdf) return 2;
  if (c >= 0xe0 && c <= 0xef) return 3;
  if (c >= 0xf0 && c <= 0xf4) return 4;
  return 0;
}

/**
 * textOfBytes over a stream of chunks (the SSH server's stdin): a character
 * split between two chunks is held back until the rest arrives. Holding an
 * ill-formed tail changes nothing: it is escaped byte by byte either way.
 */
export class ByteTextDecoder {
  private pending: Buffer = Buffer.alloc(0);

  write(chunk: Uint8Array): string {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let cut = buf.length;
    for (let i = buf.length - 1; i >= Math.max(0, buf.length - 3); i--) {
      const c = buf[i]!;
      if (c >= 0x80 && c <= 0xbf) continue;
      if (leadLength(c) > buf.length - i) cut = i;
      break;
    }
    this.pending = Buffer.from(buf.subarray(cut));
    return textOfBytes(buf.subarray(0, cut));
  }

  end(): string {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return textOfBytes(rest);
  }
}
