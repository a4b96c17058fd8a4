/**
 * zfs receive [-Fnsuv] [-d|-e] [-o prop=val]... [-x prop]... DS[@snap]
 * and zfs receive -A DS: full and incremental streams from stdin, with the
 * checks and messages of libzfs_sendrecv.c (freebsd.md §10).
 */
import { getopt, has } from '../jail/getopt.js';
import { badOption, noDataset, usageError, type ZfsContext, type ZfsSubcommand } from './context.js';
import { addDataset, parseProps } from './create.js';
import { findDataset, newestSnapshot, nextTxg, parentName, splitSnapshot, type ZfsDataset } from './model.js';
import { resumeTokenOf } from './props.js';
import { rollbackTo } from './rollback.js';
import { nicenum } from './sizes.js';
import { decodeStream, encodeSubstream, type Substream } from './stream.js';
import { applyDelta, currentTree, mountDataset, replaceTree, sameTree } from './tree.js';
import type { ArchiveEntry } from '../../archive/index.js';

const USAGE =
  '\treceive [-vMnsFhu] [-o <property=value>] ... [-x <property>] ...\n\t    <filesystem|volume|snapshot>\n\treceive [-vMnsFhu] [-o <property=value>] ... [-x <property>] ... \n\t    [-d | -e] <filesystem>\n\treceive -A <filesystem|volume>';

interface RecvFlags {
  force: boolean;
  noMount: boolean;
  resumable: boolean;
  dry: boolean;
  verbose: boolean;
  overrides: Record<string, string>;
  excluded: string[];
}

/** Where a substream lands: the named target, or with -d/-e a name built from the sender's. */
function targetOf(arg: string, s: Substream, mode: 'd' | 'e' | undefined): { ds: string; snap: string } {
  const sent = splitSnapshot(s.begin.toname);
  const snap = sent.snap ?? '';
  const given = splitSnapshot(arg);
  if (given.snap !== undefined) return { ds: given.ds, snap: given.snap };
  if (mode === 'e') return { ds: `${arg}/${sent.ds.slice(sent.ds.lastIndexOf('/') + 1)}`, snap };
  if (mode === 'd') return { ds: `${arg}/${sent.ds.split('/').slice(1).join('/')}`.replace(/\/$/, ''), snap };
  return { ds: `${arg}${s.begin.relname}`, snap };
}

function receivedProps(s: Substream, f: RecvFlags): Record<string, string> {
  const props = { ...(s.begin.props ?? {}) };
  for (const x of f.excluded) delete props[x];
  for (const k of Object.keys(f.overrides)) delete props[k];
  return props;
}

/** Keep what arrived of a cut stream (-s) and say how to resume it; without -s it is dropped. */
function incomplete(z: ZfsContext, errbuf: string, ds: ZfsDataset | undefined, s: Substream, entries: ArchiveEntry[], f: RecvFlags): number {
  if (!f.resumable || !ds) {
    z.out.err(`${errbuf}: checksum mismatch or incomplete stream\n`);
    return 1;
  }
  ds.partial = { snapshot: s.begin.toname, toguid: s.begin.toguid, entries, deleted: [], props: receivedProps(s, f) };
  if (s.begin.fromguid !== undefined) ds.partial.fromguid = s.begin.fromguid;
  z.out.err(
    `${errbuf}: checksum mismatch or incomplete stream.\nPartially received snapshot is saved.\nA resuming stream can be generated on the sending system by running:\n    zfs send -t ${resumeTokenOf(ds)}\n`,
  );
  return 1;
}

function finish(z: ZfsContext, ds: ZfsDataset, s: Substream, snap: string, tree: ArchiveEntry[], f: RecvFlags): void {
  replaceTree(z.state, z.fs, ds, tree);
  ds.received = { ...ds.received, ...receivedProps(s, f) };
  ds.partial = undefined;
  ds.snapshots.push({ name: snap, guid: s.begin.toguid, createtxg: nextTxg(z.state), creation: s.begin.creation, tree: structuredClone(tree) });
}

/** -v's closing line; the simulated transfer always takes one second. */
function receivedLine(z: ZfsContext, s: Substream): void {
  const size = nicenum(Buffer.byteLength(encodeSubstream(s)));
  z.out.out(`received ${size} stream in 1 seconds (${size}/sec)\n`);
}

function receiveOne(z: ZfsContext, s: Substream, target: { ds: string; snap: string }, f: RecvFlags): number {
  const incremental = s.begin.fromguid !== undefined;
  const errbuf = s.begin.resumeOffset !== undefined ? 'cannot receive resume stream' : `cannot receive ${incremental ? 'incremental' : 'new filesystem'} stream`;
  const fail = (why: string): number => {
    z.out.err(`${errbuf}: ${why}\n`);
    return 1;
  };
  let ds = findDataset(z.state, target.ds);
  const full = `${target.ds}@${target.snap}`;
  if (f.verbose) z.out.out(`receiving ${incremental ? 'incremental' : 'full'} stream of ${s.begin.toname} into ${full}\n`);

  // A resuming stream continues a saved partial receive.
  let entries = s.entries;
  if (s.begin.resumeOffset !== undefined) {
    if (!ds?.partial || ds.partial.toguid !== s.begin.toguid) return fail(`destination ${target.ds} does not have any resumable receive state`);
    entries = [...ds.partial.entries.slice(0, s.begin.resumeOffset), ...s.entries];
  } else if (ds?.partial) {
    return fail(`destination ${target.ds} contains partially-complete state from "zfs receive -s".`);
  }

  if (!incremental) {
    if (ds && s.begin.resumeOffset === undefined) {
      if (!f.force) return fail(`destination '${target.ds}' exists\nmust specify -F to overwrite it`);
      const first = ds.snapshots[0];
      if (first) return fail(`destination has snapshots (eg. ${target.ds}@${first.name})\nmust destroy them to overwrite it`);
    }
    const parent = parentName(target.ds);
    if (!ds && (!parent || !findDataset(z.state, parent))) return fail(`destination '${parent ?? target.ds}' does not exist`);
    if (f.dry) return 0;
    if (!s.complete) {
      // -s keeps a new file system holding the partial state; without it nothing is created.
      const holder = ds ?? (f.resumable ? addDataset(z.state, z.fs, target.ds, f.overrides, true) : undefined);
      return incomplete(z, errbuf, holder, s, entries, f);
    }
    if (!ds) ds = addDataset(z.state, z.fs, target.ds, f.overrides, true);
    else Object.assign(ds.properties, f.overrides);
    finish(z, ds, s, target.snap, entries, f);
    if (!f.noMount && !ds.mounted && (ds.properties.canmount ?? ds.received?.canmount ?? 'on') === 'on') mountDataset(z.state, z.fs, ds);
    if (f.verbose) receivedLine(z, s);
    return 0;
  }

  if (!ds) return fail(`destination '${target.ds}' does not exist`);
  const source = ds.snapshots.find((x) => x.guid === s.begin.fromguid);
  const newest = newestSnapshot(ds);
  if (!source || (source !== newest && !f.force)) return fail(`most recent snapshot of ${target.ds} does not match incremental source`);
  if (ds.snapshots.some((x) => x.name === target.snap)) return fail(`destination '${full}' exists`);
  const modified = s.begin.resumeOffset === undefined && !sameTree(currentTree(z.state, z.fs, ds), newest?.tree ?? []);
  if (modified && !f.force) return fail(`destination ${target.ds} has been modified since most recent snapshot`);
  if (f.dry) return 0;
  if (f.force && (modified || source !== newest)) rollbackTo(z.state, z.fs, ds, source);
  if (!s.complete) return incomplete(z, errbuf, ds, s, entries, f);
  finish(z, ds, s, target.snap, applyDelta(source.tree ?? [], entries, s.deleted), f);
  Object.assign(ds.properties, f.overrides);
  if (f.verbose) receivedLine(z, s);
  return 0;
}

function abort(z: ZfsContext, name: string | undefined) {
  if (name === undefined) return usageError(z, USAGE, 'missing filesystem argument');
  const ds = findDataset(z.state, name);
  if (!ds) return noDataset(z, name);
  if (!ds.partial) return z.out.err(`'${name}' does not have any resumable receive state to abort\n`).result(1);
  ds.partial = undefined;
  // A new file system that only ever held partial state goes away with it.
  if (!ds.snapshots.length) z.state.datasets.splice(z.state.datasets.indexOf(ds), 1);
  return z.out.result(0);
}

export const zfsReceive: ZfsSubcommand = (z, args) => {
  const spec = 'AcdehFMnsuvo:x:';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, USAGE, spec, opts.bad);
  if (has(opts, 'A')) return abort(z, opts.rest[0]);
  const [arg] = opts.rest;
  if (arg === undefined) return usageError(z, USAGE, 'missing snapshot argument');
  if (opts.rest.length > 1) return usageError(z, USAGE, 'too many arguments');
  const overrides: Record<string, string> = {};
  const bad = parseProps(opts.list.filter(([c]) => c === 'o').map(([, v]) => v), overrides);
  if (bad) return z.out.err(`cannot receive: ${bad}\n`).result(1);
  const flags: RecvFlags = {
    force: has(opts, 'F'),
    noMount: has(opts, 'u'),
    resumable: has(opts, 's'),
    dry: has(opts, 'n'),
    verbose: has(opts, 'v'),
    overrides,
    excluded: opts.list.filter(([c]) => c === 'x').map(([, v]) => v),
  };
  const decoded = decodeStream(z.stdin);
  if ('error' in decoded) {
    return z.out.err(decoded.error === 'empty' ? 'cannot receive: failed to read from stream\n' : 'cannot receive: invalid stream (bad magic number)\n').result(1);
  }
  // Cut inside the first BEGIN record: nothing to receive at all.
  if (!decoded.substreams.length) return z.out.err('cannot receive: failed to read from stream\n').result(1);
  const mode = has(opts, 'e') ? 'e' : has(opts, 'd') ? 'd' : undefined;
  for (const s of decoded.substreams) {
    // -o/-x act on the top file system; its descendants inherit from it.
    const top = s.begin.relname === '' || mode !== undefined;
    const code = receiveOne(z, s, targetOf(arg, s, mode), top ? flags : { ...flags, overrides: {}, excluded: [] });
    if (code) return z.out.result(code);
  }
  return z.out.result(0);
};
