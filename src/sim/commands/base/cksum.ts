/**
 * cksum(1), FreeBSD usr.bin/cksum: the POSIX CRC (polynomial 0x04C11DB7,
 * most significant bit first, the length appended least significant byte
 * first, complemented) and the byte count. print.c pcrc() prints
 * "%lu %jd" and, for a file operand, " %s" with its name: `CRC LENGTH` for
 * stdin, `CRC LENGTH FILE` for each file; cksum.c opens every operand as a
 * file ("-" too) and warns `cksum: FILE: strerror`, exit 1. The `-o`
 * algorithms are not simulated. A session checks each round's input with it
 * before running it (the controller's script).
 */
import type { SimCommand, SimCommandContext } from '../../types.js';
import { fsError, hostPath } from './util.js';

const USAGE = 'usage: cksum [-o 1 | 2 | 3] [file ...]\n       sum [file ...]\n';

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let bit = 0; bit < 8; bit++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c;
  }
  return table;
})();

/** The POSIX cksum CRC of `bytes`. */
export function posixCrc(bytes: Uint8Array): number {
  // int32 arithmetic, one table lookup a byte: each session round is checked with it.
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ bytes[i]!) & 0xff]!;
  for (let n = bytes.length; n > 0; n = Math.floor(n / 256)) crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ n) & 0xff]!;
  return ~crc >>> 0;
}

/** A file's bytes as the host has them (archives are kept base64-encoded). */
function fileBytes(ctx: SimCommandContext, path: string): Buffer {
  const node = ctx.host.fs.stat(hostPath(ctx, path));
  if (node?.kind === 'file') return node.binary ? Buffer.from(node.content, 'base64') : Buffer.from(node.content, 'utf8');
  // Missing, a directory: the host's own error.
  return Buffer.from(ctx.host.fs.readFile(hostPath(ctx, path)), 'utf8');
}

export const cksum: SimCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  else if (args[0]?.startsWith('-') && args[0] !== '-') return { stdout: '', stderr: `cksum: illegal option -- ${args[0].slice(1, 2)}\n${USAGE}`, code: 1 };
  if (args.length === 0) {
    const bytes = Buffer.from(ctx.stdin, 'utf8');
    return { stdout: `${posixCrc(bytes)} ${bytes.length}\n`, stderr: '', code: 0 };
  }
  let stdout = '';
  let stderr = '';
  for (const file of args) {
    try {
      const bytes = fileBytes(ctx, file);
      stdout += `${posixCrc(bytes)} ${bytes.length} ${file}\n`;
    } catch (err) {
      stderr += fsError('cksum', file, err);
    }
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
};
