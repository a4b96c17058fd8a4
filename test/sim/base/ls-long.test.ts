/**
 * ls -l as FreeBSD 14 prints it. bin/ls/print.c printlong():
 *   "%s %*ju %-*s  %-*s  " — strmode(3)'s mode (with its trailing space), the
 *   link count right-aligned, owner and group left-aligned with two spaces
 *   after each; then printsize() "%*jd " right-aligned, printtime() and the
 *   name, plus printlink()'s " -> target".
 * Column widths are the widest value in the listed set (bin/ls/ls.c display()).
 * "total" is howmany(sum of st_blocks, blocksize) with blocksize from -k or
 * getbsize(3)'s BLOCKSIZE (ls(1) ENVIRONMENT), default 512 bytes. The
 * simulator approximates st_blocks as whole 4 KiB blocks (8 units each) and 0
 * for a symbolic link (ls-long.ts).
 */
import { describe, expect, it } from 'vitest';
import { CLOCK, full, newHost, sh, type Case } from '../shell/fixture.js';

// Sizes 5000, 0, 5 (link), 3 and 512 (dir): blocks 16 + 0 + 0 + 8 + 8 = 32.
const setup = "mkdir -p /w/L; cd /w/L; printf abc > small; printf '%5000s' x > big; : > empty; mkdir sub; ln -s small link; ";

const listing = [
  '-rw-r--r--  1 root  wheel  5000 Nov 28 15:09 big\n',
  '-rw-r--r--  1 root  wheel     0 Nov 28 15:09 empty\n',
  'lrwxr-xr-x  1 root  wheel     5 Nov 28 15:09 link -> small\n',
  '-rw-r--r--  1 root  wheel     3 Nov 28 15:09 small\n',
  'drwxr-xr-x  2 root  wheel   512 Nov 28 15:09 sub\n',
].join('');

const cases: Case[] = [
  [`${setup}ls -l`, { stdout: `total 32\n${listing}` }],
  // -a adds . (this directory, 3 links: itself, its entry in /w, sub/..) and .. (/w, 3 links: itself, its entry in /, L/..), 8 blocks each.
  [
    `${setup}ls -la`,
    {
      stdout:
        'total 48\n' +
        'drwxr-xr-x  3 root  wheel   512 Nov 28 15:09 .\n' +
        'drwxr-xr-x  3 root  wheel   512 Nov 28 15:09 ..\n' +
        '-rw-r--r--  1 root  wheel  5000 Nov 28 15:09 big\n' +
        '-rw-r--r--  1 root  wheel     0 Nov 28 15:09 empty\n' +
        'lrwxr-xr-x  1 root  wheel     5 Nov 28 15:09 link -> small\n' +
        '-rw-r--r--  1 root  wheel     3 Nov 28 15:09 small\n' +
        'drwxr-xr-x  2 root  wheel   512 Nov 28 15:09 sub\n',
    },
  ],
  // Owner and group columns pad to the longest name, then two spaces.
  [`${setup}chown www:www small; ls -l small big`, { stdout: '-rw-r--r--  1 root  wheel  5000 Nov 28 15:09 big\n-rw-r--r--  1 www   www       3 Nov 28 15:09 small\n' }],
  [`${setup}ls -lnd small sub`, { stdout: '-rw-r--r--  1 0  0    3 Nov 28 15:09 small\ndrwxr-xr-x  2 0  0  512 Nov 28 15:09 sub\n' }],
  // The link count is right-aligned to the widest count.
  ['mkdir -p /P/1 /P/2 /P/3 /P/4 /P/5 /P/6 /P/7 /P/8 /P/9 /P/10; ls -ld /P /P/1', { stdout: 'drwxr-xr-x  12 root  wheel  512 Nov 28 15:09 /P\ndrwxr-xr-x   2 root  wheel  512 Nov 28 15:09 /P/1\n' }],
  // BLOCKSIZE and -k change only the total: 32 units of 512 bytes = 16 KiB = 4 blocks of 4096.
  [`${setup}BLOCKSIZE=1k ls -l`, { stdout: `total 16\n${listing}` }],
  [`${setup}BLOCKSIZE=1K ls -l`, { stdout: `total 16\n${listing}` }],
  [`${setup}BLOCKSIZE=4096 ls -l`, { stdout: `total 4\n${listing}` }],
  [`${setup}ls -lk`, { stdout: `total 16\n${listing}` }],
  // getbsize(3)'s warnings; ls goes on with 512-byte blocks and exits 0.
  [`${setup}BLOCKSIZE=100 ls -l; echo $?`, { stdout: `total 32\n${listing}0\n`, stderr: 'ls: minimum blocksize is 512\n' }],
  [`${setup}BLOCKSIZE=1x ls -l`, { stdout: `total 32\n${listing}`, stderr: 'ls: 1x: unknown blocksize\n' }],
  // An empty directory prints no "total" line (display() returns before printlong when there are no entries).
  ['mkdir /E; ls -l /E; echo $?', { stdout: '0\n' }],
  // Named files (not directory contents) get no "total" line either.
  [`${setup}ls -l small`, { stdout: '-rw-r--r--  1 root  wheel  3 Nov 28 15:09 small\n' }],
];

describe('ls -l long format', () => {
  it.each(cases)('%s', (script, expected) => {
    expect(sh(script)).toEqual(full(expected));
  });
});

// print.c printtime(): "%b %e %R" when ftime + SIXMONTHS > now && ftime < now + SIXMONTHS
// (SIXMONTHS = (365 / 2) * 86400), else "%b %e  %Y"; -T is "%b %e %T %Y". `now` is about CLOCK, 2024-11-28 15:09 UTC.
const dates: Array<[mtime: number, shown: string]> = [
  [1672574400, 'Jan  1  2023'], // 2023-01-01 12:00: older than six months
  [1719835200, 'Jul  1 12:00'], // 2024-07-01 12:00: within six months
  // Either side of the six-month line (the host's clock moves on a second or so per command).
  [CLOCK - 182 * 86400 - 60, 'May 30  2024'],
  [CLOCK - 182 * 86400 + 3600, 'May 30 16:09'],
  [1740816300, 'Mar  1 08:05'], // 2025-03-01 08:05: in the future, but within six months
  [1767312000, 'Jan  2  2026'], // 2026-01-02: more than six months ahead
];

describe('ls -l dates', () => {
  it.each(dates)('mtime %i shows %s', (mtime, shown) => {
    const host = newHost();
    host.exec('touch /tmp/f');
    host.fs.lstat('/tmp/f')!.mtime = mtime;
    expect(host.exec('ls -l /tmp/f')).toEqual(full({ stdout: `-rw-r--r--  1 root  wheel  0 ${shown} /tmp/f\n` }));
  });

  it('-T shows seconds and the year', () => {
    const host = newHost();
    host.exec('touch /tmp/f');
    host.fs.lstat('/tmp/f')!.mtime = 1672574405;
    expect(host.exec('ls -lT /tmp/f')).toEqual(full({ stdout: '-rw-r--r--  1 root  wheel  0 Jan  1 12:00:05 2023 /tmp/f\n' }));
  });
});
