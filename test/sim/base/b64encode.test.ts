/**
 * b64encode(1) as FreeBSD 14 builds it (usr.bin/bintrans/uuencode.c,
 * main_encode and do_base64_encode): `begin-base64 MODE NAME`, the Base64
 * of RFC 4648 §4 wrapped at 76 columns, `====`; `-r` drops the framing
 * lines, `-w 0` does not wrap. The expected Base64 below is RFC 4648's
 * alphabet worked by hand ("hello\n" is aGVsbG8K; bytes 00 01 FF are AAH/).
 */
import { describe, expect, it } from 'vitest';
import { simHost } from '../../helpers/sim-host.js';

const host = () => simHost('h', { address: '192.0.2.20' });

describe('b64encode', () => {
  it('frames a file with its permission bits and the given name', () => {
    const h = host();
    h.exec("printf 'hello\\n' > /tmp/h && chmod 640 /tmp/h");
    expect(h.exec('b64encode /tmp/h greeting')).toEqual({ stdout: 'begin-base64 640 greeting\naGVsbG8K\n====\n', stderr: '', code: 0 });
  });

  it('carries bytes that are not text', () => {
    const h = host();
    h.fs.writeFile('/tmp/bin', Buffer.from([0, 1, 255]).toString('base64'), { binary: true });
    expect(h.exec('b64encode -r /tmp/bin x').stdout).toBe('AAH/\n');
  });

  it('wraps at 76 columns; an empty file has no data line', () => {
    const h = host();
    // 60 bytes of "a" are 80 Base64 characters: 76 on the first line, 4 on the second.
    h.exec("printf '%060d' 0 | tr 0 a > /tmp/a && : > /tmp/empty");
    const a = 'YWFh'.repeat(20);
    expect(h.exec('b64encode -r /tmp/a a').stdout).toBe(`${a.slice(0, 76)}\n${a.slice(76)}\n`);
    expect(h.exec('b64encode -r -w 0 /tmp/a a').stdout).toBe(`${a}\n`);
    expect(h.exec('b64encode /tmp/empty e').stdout).toBe('begin-base64 644 e\n====\n');
  });

  it('reads stdin with one operand; a missing file is err(1, file)', () => {
    const h = host();
    expect(h.exec("printf 'hello\\n' | b64encode -r x").stdout).toBe('aGVsbG8K\n');
    expect(h.exec('b64encode /nonexistent x')).toEqual({ stdout: '', stderr: 'b64encode: /nonexistent: No such file or directory\n', code: 1 });
  });
});
