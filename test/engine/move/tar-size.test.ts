/**
 * The size of a tar stream estimated from an mtree specification (progress
 * of a move, issue 13): a 512-byte header per entry, file data padded to
 * 512 bytes, two zero blocks at the end, the whole padded to 10240-byte
 * records (tar(5), "General Format"; bsdtar's default block size 20 x 512).
 */
import { describe, expect, it } from 'vitest';
import { tarSize } from '../../../src/engine/move/copy-check.js';

describe('tarSize', () => {
  it('counts a header per entry and padded data, in whole 10240-byte records', () => {
    // mtree -c output (contrib/mtree/create.c): /set lines, entries indented by depth, continuations, ".." lines.
    const spec = [
      '#\t   user: root',
      '/set type=file uid=0 gid=0 mode=0644 nlink=1',
      '.               type=dir mode=0755 nlink=3',
      '    a.txt       size=1',
      '    big.bin     size=20000 \\',
      '                sha256digest=00',
      '# ./sub',
      'sub             type=dir mode=0755 nlink=2',
      '    c           size=512',
      '# ./sub',
      '..',
      '',
    ].join('\n');
    // 5 entries x 512 + 512 + 20480 + 512 data + 1024 end = 25088 -> 3 records.
    expect(tarSize(spec)).toBe(30720);
  });

  it('is one record for an empty tree', () => {
    expect(tarSize('.               type=dir mode=0755\n')).toBe(10240);
  });
});
