/**
 * Issue 17: every file fact of a host read by one command (file-batch.ts)
 * must give each fact exactly what the fact's own command prints, so its
 * parser sees the same text. Compared path by path in dash and bash (the
 * lab's Linux targets, GNU ls and head) and in the simulator (FreeBSD), on a
 * tree with every kind of path a fact meets: absent, directory, FIFO,
 * symlink, empty file, no final newline, bytes that are not UTF-8, quotes
 * and spaces in names, and content that looks like head's file headers.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBatchCommand, splitFileBatch } from '../../src/modules/facts/file-batch.js';
import { fileFact, fileFactCommand } from '../../src/modules/facts/file-fact.js';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';
import type { FactOutput } from '../../src/modules/types.js';

const dir = mkdtempSync(join(tmpdir(), "jf batch'es "));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Name → content (a string: a regular file), or the other kinds. */
const TREE: Array<[string, string | Buffer | 'dir' | 'fifo' | { link: string }]> = [
  ['etc', 'dir'],
  ['rc.conf', 'sshd_enable="YES"\n'],
  ['no newline', 'a\n\nb'],
  ['empty', ''],
  ["it's", 'x\n'],
  ['latin1', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff])],
  // A line head itself would print before the next file: the size ls saw still ends the content where it ends.
  ['tricky', ''],
  ['z-next', 'after\n'],
  ['fifo', 'fifo'],
  ['link', { link: 'rc.conf' }],
  ['dangling', { link: 'nowhere' }],
  ['utf8 ✓', 'é✓😀\n'],
];
const tricky = `before\n\n==> ${join(dir, 'z-next')} <==\n@@jailfleet-ls:0\n`;
const ABSENT = join(dir, 'absent');

function build(root: string, mk: { dir(p: string): void; file(p: string, c: string | Buffer): void; fifo(p: string): void; link(t: string, p: string): void }): string[] {
  const paths: string[] = [];
  for (const [name, what] of TREE) {
    const p = join(root, name);
    if (what === 'dir') mk.dir(p);
    else if (what === 'fifo') mk.fifo(p);
    else if (typeof what === 'object' && !Buffer.isBuffer(what)) mk.link(what.link, p);
    else mk.file(p, name === 'tricky' ? tricky.replace(dir, root) : what);
    paths.push(p);
  }
  return [...paths, join(root, 'absent'), join(root, 'etc')];
}

const local = build(dir, {
  dir: (p) => mkdirSync(p),
  file: (p, c) => writeFileSync(p, c),
  fifo: (p) => spawnSync('mkfifo', [p]),
  link: (t, p) => symlinkSync(t, p),
});

/** ls aligns its columns over all the paths it lists: one path alone has narrower ones. */
const unaligned = (o: FactOutput): FactOutput => ({ ...o, stdout: o.stdout.replace(/^[^\n]*/, (line) => (line.startsWith('@@') ? line : line.replace(/ +/g, ' '))) });

function run(shell: string, command: string): FactOutput {
  const r = spawnSync(shell, ['-c', `( ${command}\n) </dev/null`], { encoding: 'utf8', timeout: 10_000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 128 };
}

/** Distinct paths, as the engine hands them to the batch. */
const distinct = [...new Set(local)];

describe.each(['/usr/bin/dash', '/usr/bin/bash'])('in %s (GNU ls and head)', (shell) => {
  it('gives each path what its own command prints', () => {
    const batch = run(shell, fileBatchCommand(distinct));
    const split = splitFileBatch(batch, distinct);
    expect(split.map(unaligned)).toEqual(distinct.map((p) => unaligned(run(shell, fileFactCommand(p)))));
    expect(split[distinct.indexOf(join(dir, 'tricky'))]!.stdout).toMatch(/@@jailfleet-content\nbefore\n\n==> .*z-next <==\n@@jailfleet-ls:0\n$/);
    expect(split[distinct.indexOf(ABSENT)]).toEqual({ stdout: 'absent\n', stderr: '', code: 0 });
  });

  it('parses to the same facts', () => {
    const split = splitFileBatch(run(shell, fileBatchCommand(distinct)), distinct);
    expect(distinct.map((p, i) => fileFact(p).parse(split[i]!))).toEqual(distinct.map((p) => fileFact(p).parse(run(shell, fileFactCommand(p)))));
  });
});

describe('in the simulator (FreeBSD ls and head)', () => {
  const host = new SimHost('h', freshHostState({ hostname: 'h', address: '192.0.2.10' }));
  const root = '/var/tmp/batch dir';
  host.fs.mkdir(root, { parents: true });
  const paths = [
    ...new Set(
      build(root, {
        dir: (p) => host.fs.mkdir(p, { parents: true }),
        file: (p, c) => host.fs.writeFile(p, typeof c === 'string' ? c : c.toString('latin1')),
        fifo: () => undefined,
        link: (t, p) => host.fs.symlink(t, p),
      }),
    ),
  ].filter((p) => !p.endsWith('/fifo'));
  const sim = (command: string): FactOutput => host.exec(`( ${command}\n) </dev/null`, { stdin: '' });

  it('gives each path what its own command prints', () => {
    const split = splitFileBatch(sim(fileBatchCommand(paths)), paths);
    expect(split.map(unaligned)).toEqual(paths.map((p) => unaligned(sim(fileFactCommand(p)))));
    expect(split.filter((o) => o.stdout.includes('@@jailfleet-content')).length).toBe(9);
  });
});

describe('failures name the fact, as its own command does', () => {
  const a = '/etc/a';
  const b = '/etc/b';
  const lsA = '-rw-r--r--  1 root  wheel  2 Nov 28 15:12 /etc/a';
  const lsB = '-rw-------  1 root  wheel  3 Nov 28 15:12 /etc/b';

  it('a file head could not open: its fact fails with head\'s words, the other is read', () => {
    // head.c: warn("%s", *argv) and no header for a file fopen refused; exit 1 at the end.
    const out = { stdout: `@@jailfleet-kinds:ff\n${lsA}\n${lsB}\n@@jailfleet-ls:0\n==> /dev/null <==\n\n==> /etc/b <==\nbb\n`, stderr: 'head: /etc/a: Permission denied\n', code: 1 };
    const [fa, fb] = splitFileBatch(out, [a, b]);
    expect(() => fileFact(a).parse(fa!)).toThrow(new FactParseError('file::/etc/a', 'cannot read the path', fa!));
    expect(fa!.stderr).toBe('head: /etc/a: Permission denied\n');
    expect(fileFact(b).parse(fb!)).toEqual({ kind: 'file', content: 'bb\n', mode: 0o600, owner: 'root', group: 'wheel' });
  });

  it('a path ls could not list: ls\'s status and words', () => {
    const out = { stdout: `@@jailfleet-kinds:ee\n${lsB.replace('-rw', 'drw')}\n@@jailfleet-ls:1\n`, stderr: 'ls: /etc/a: No such file or directory\n', code: 0 };
    const [fa, fb] = splitFileBatch(out, [a, b]);
    expect(fa).toEqual({ stdout: '', stderr: 'ls: /etc/a: No such file or directory\n', code: 1 });
    expect(fileFact(b).parse(fb!)).toMatchObject({ kind: 'directory', mode: 0o600 });
  });

  it('output of another shape: every fact gets all of it, and its parser rejects it naming the fact', () => {
    const out = { stdout: 'sh: syntax error\n', stderr: '', code: 2 };
    const split = splitFileBatch(out, [a, b]);
    expect(split).toEqual([out, out]);
    expect(() => fileFact(b).parse(split[1]!)).toThrow('fact file::/etc/b: cannot read the path (exit 2)');
  });
});

describe('batching', () => {
  it('leaves a path with a newline to its own command (ls and head would split its line)', () => {
    expect(fileFact('/etc/a\nb').batch).toBeUndefined();
    expect(fileFact('/etc/a b').batch).toMatchObject({ kind: 'file', member: '/etc/a b' });
  });
});
