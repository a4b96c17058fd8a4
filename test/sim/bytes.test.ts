/**
 * Bytes in the simulator's strings (src/sim/bytes.ts): well-formed UTF-8
 * (RFC 3629 §4: no overlong forms, no UTF-16 surrogates, nothing past
 * U+10FFFF) decodes as text; every other byte is escaped on its own and comes
 * back out unchanged.
 */
import { describe, expect, it } from 'vitest';
import { ByteTextDecoder, byteLengthOfText, bytesOfText, textOfBytes } from '../../src/sim/bytes.js';

const hex = (...b: number[]): Buffer => Buffer.from(b);

describe('bytes in simulator strings', () => {
  it.each([
    ['ASCII', hex(0x61, 0x0a), 'a\n'],
    ['a two-, three- and four-byte character', Buffer.from('é✓😀', 'utf8'), 'é✓😀'],
    ['a lone continuation byte', hex(0x61, 0x80), 'a\udc80'],
    ['an overlong NUL (C0 80)', hex(0xc0, 0x80), '\udcc0\udc80'],
    ['an encoded UTF-16 surrogate (ED A0 80)', hex(0xed, 0xa0, 0x80), '\udced\udca0\udc80'],
    ['a code point past U+10FFFF (F4 90 80 80)', hex(0xf4, 0x90, 0x80, 0x80), '\udcf4\udc90\udc80\udc80'],
    ['a truncated sequence at the end', hex(0x61, 0xe2, 0x9c), 'a\udce2\udc9c'],
    ['0xFF', hex(0xff), '\udcff'],
  ])('%s', (_what, bytes, text) => {
    expect(textOfBytes(bytes)).toBe(text);
    expect(bytesOfText(text).equals(bytes)).toBe(true);
    expect(byteLengthOfText(text)).toBe(bytes.length);
  });

  it('gives every byte string back unchanged, all 256 values included', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(bytesOfText(textOfBytes(all)).equals(all)).toBe(true);
    // A character whose UTF-16 low half lies in the escape range (U+10080 is D800 DC80) is a character, not a byte.
    const pair = Buffer.from('\u{10080}', 'utf8');
    expect(bytesOfText(textOfBytes(pair)).equals(pair)).toBe(true);
  });

  it('decodes a stream with characters split between chunks', () => {
    const data = Buffer.concat([Buffer.from('é✓😀x', 'utf8'), hex(0xff, 0xe2)]);
    for (let size = 1; size <= 4; size++) {
      const d = new ByteTextDecoder();
      let text = '';
      for (let i = 0; i < data.length; i += size) text += d.write(data.subarray(i, i + size));
      text += d.end();
      expect(text).toBe('é✓😀x\udcff\udce2');
    }
  });
});
