/**
 * bsdtar(1) over the simulator's archive container: -c (to a file or "-"),
 * -x (from a file or "-"), -t, with -C, --unlink, -p, --numeric-owner and
 * --clear-nochange-fflags accepted (flags are not modelled).
 */
import { SimFsError } from '../../fs.js';
import { archiveEntries, collectTree, encodeArchive, extractTree, type ArchiveEntries, type ArchiveEntry } from '../../archive/index.js';
import type { SimCommand, SimCommandContext, SimNode, SimResult } from '../../types.js';
import { Io } from './io.js';

interface TarArgs {
  mode?: 'c' | 'x' | 't';
  file?: string;
  dir?: string;
  verbose: boolean;
  members: string[];
}

/** Options that take a value in the next word. */
const WITH_ARG = new Set(['f', 'C', 'b', 'T', 'X']);
const IGNORED_LONG = new Set(['--unlink', '--unlink-first', '--numeric-owner', '--clear-nochange-fflags', '--preserve-permissions', '--one-file-system', '--no-same-owner', '--same-owner', '--fast-read', '--xattrs', '--acls', '--fflags']);

function parseTar(argv: string[]): TarArgs | string {
  const a: TarArgs = { verbose: false, members: [] };
  const args = [...argv];
  // The traditional form bundles the first word without a dash, its options' values in the words that follow,
  // in order: "tar cfj file -C dir ." (bsdtar.1 "Bundled" options; etcupdate.sh build_cmd uses this form).
  if (args[0] && !args[0].startsWith('-')) {
    const bundle = args.shift()!;
    const split: string[] = [];
    for (const ch of bundle) {
      split.push(`-${ch}`);
      if (WITH_ARG.has(ch) && args.length) split.push(args.shift()!);
    }
    args.unshift(...split);
  }
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w.startsWith('--')) {
      const [name, inline] = w.split('=', 2);
      if (name === '--directory' || name === '--cd') a.dir = inline ?? args[++i];
      else if (name === '--file') a.file = inline ?? args[++i];
      else if (name === '--exclude' || name === '--include') {
        if (inline === undefined) i++;
      } else if (!IGNORED_LONG.has(name!)) return `Option ${name} is not supported`;
      continue;
    }
    if (!w.startsWith('-') || w === '-') {
      a.members.push(w);
      continue;
    }
    for (let k = 1; k < w.length; k++) {
      const ch = w[k]!;
      if (ch === 'c' || ch === 'x' || ch === 't') a.mode = ch;
      else if (ch === 'v') a.verbose = true;
      else if (WITH_ARG.has(ch)) {
        const val = k + 1 < w.length ? w.slice(k + 1) : args[++i];
        if (val === undefined) return `Option -${ch} requires an argument`;
        if (ch === 'f') a.file = val;
        if (ch === 'C') a.dir = val;
        break;
      } else if (!'pPzJjyUkmoOqSsBw'.includes(ch)) return `Option -${ch} is not supported`;
    }
  }
  return a;
}

function readArchive(ctx: SimCommandContext, file: string): { entries?: ArchiveEntries; error?: string } {
  let entries: ArchiveEntries | undefined;
  if (file === '-') entries = archiveEntries(ctx.stdin, false);
  else {
    const node = ctx.host.fs.stat(ctx.host.fs.resolve(ctx.root, ctx.cwd, file));
    if (node?.kind !== 'file') return { error: `Error opening archive: Failed to open '${file}'` };
    entries = archiveEntries(node.content, node.binary === true);
  }
  return entries ? { entries } : { error: 'Error opening archive: Unrecognized archive format' };
}

export const tarCommand: SimCommand = (ctx): SimResult => {
  const io = new Io();
  const parsed = parseTar(ctx.argv.slice(1));
  if (typeof parsed === 'string') {
    io.warn('tar', parsed);
    return io.result(1);
  }
  if (!parsed.mode) {
    io.warn('tar', 'Must specify one of -c, -r, -t, -u, -x');
    return io.result(1);
  }
  const fs = ctx.host.fs;
  const file = parsed.file ?? '-';
  const dir = fs.resolve(ctx.root, ctx.cwd, parsed.dir ?? '.');
  if (parsed.dir !== undefined && !fs.isDir(dir)) {
    io.warn('tar', `could not chdir to '${parsed.dir}'`);
    return io.result(1);
  }

  if (parsed.mode === 'c') {
    if (!parsed.members.length) {
      io.warn('tar', 'no files or directories specified');
      return io.result(1);
    }
    const entries: ArchiveEntry[] = [];
    const named = new Map<SimNode, string>();
    for (const m of parsed.members) {
      try {
        entries.push(...collectTree(fs, dir, m, named));
      } catch (e) {
        if (!(e instanceof SimFsError)) throw e;
        io.warn('tar', `${m}: Cannot stat: No such file or directory`);
      }
    }
    const bytes = encodeArchive(entries);
    if (file === '-') io.print(bytes.toString('utf8'));
    else fs.writeFile(fs.resolve(ctx.root, ctx.cwd, file), bytes.toString('base64'), { binary: true });
    if (parsed.verbose) io.err += entries.map((e) => `a ${e.name.replace(/\/$/, '')}\n`).join('');
    return io.result(io.err.includes('Cannot stat') ? 1 : 0);
  }

  const read = readArchive(ctx, file);
  if (!read.entries) {
    io.warn('tar', read.error!);
    return io.result(1);
  }
  if (parsed.mode === 't') {
    for (const e of read.entries) io.print(`${e.name}\n`);
    return io.result(0);
  }
  const errors = extractTree(fs, dir, read.entries);
  if (parsed.verbose) io.err += read.entries.map((e) => `x ${e.name}\n`).join('');
  for (const e of errors) io.warn('tar', e);
  if (errors.length) io.warn('tar', 'Error exit delayed from previous errors.');
  return io.result(errors.length ? 1 : 0);
};
