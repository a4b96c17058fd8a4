/**
 * zfs send [-Rpvn P] [-i|-I snap] DS@snap, and zfs send -t TOKEN: the
 * stream goes to stdout; -v/-P describe it (on stdout with -n, else stderr).
 */
import { getopt, has, value } from '../jail/getopt.js';
import { badOption, usageError, type ZfsContext, type ZfsSubcommand } from './context.js';
import { descendants, findDataset, splitSnapshot, type ZfsDataset, type ZfsSnapshot } from './model.js';
import { parseResumeToken } from './props.js';
import { nicenum } from './sizes.js';
import { encodeSubstream, type StreamBegin } from './stream.js';
import { treeDelta } from './tree.js';

const USAGE =
  '\tsend [-DLPbcehnpsVvw] [-i|-I snapshot]\n\t     [-R [-X dataset[,dataset]...]]     <snapshot>\n\tsend [-DnVvPLecw] [-i snapshot|bookmark] <filesystem|volume|snapshot>\n\tsend [-PnVv] --saved filesystem\n\tsend [-PnVv] -t <receive_resume_token>';

interface Piece {
  text: string;
  begin: StreamBegin;
}

function piece(ds: ZfsDataset, relname: string, to: ZfsSnapshot, from: ZfsSnapshot | undefined, withProps: boolean, resumeOffset?: number): Piece {
  const begin: StreamBegin = { toname: `${ds.name}@${to.name}`, toguid: to.guid, relname, creation: to.creation ?? 0 };
  if (from) {
    begin.fromguid = from.guid;
    begin.fromname = from.name;
  }
  if (withProps) begin.props = { ...ds.received, ...ds.properties };
  let entries = to.tree ?? [];
  let deleted: string[] = [];
  if (from) ({ changed: entries, deleted } = treeDelta(from.tree ?? [], to.tree ?? []));
  if (resumeOffset !== undefined) {
    begin.resumeOffset = resumeOffset;
    entries = entries.slice(resumeOffset);
  }
  return { text: encodeSubstream({ begin, entries, deleted }), begin };
}

/** The snapshots to send for one dataset: a chain of (from, to) pairs ending at `to`. */
function chain(ds: ZfsDataset, from: ZfsSnapshot | undefined, to: ZfsSnapshot, all: boolean): Array<[ZfsSnapshot | undefined, ZfsSnapshot]> {
  const end = ds.snapshots.indexOf(to);
  if (!all) return [[from, to]];
  const start = from ? ds.snapshots.indexOf(from) : -1;
  const out: Array<[ZfsSnapshot | undefined, ZfsSnapshot]> = [];
  let prev = from;
  for (let i = start + 1; i <= end; i++) {
    out.push([prev, ds.snapshots[i]!]);
    prev = ds.snapshots[i];
  }
  return out;
}

function describe(z: ZfsContext, pieces: Piece[], parsable: boolean, toStdout: boolean): void {
  const bytes = (p: Piece) => Buffer.byteLength(p.text);
  const lines = pieces.map((p) => {
    const b = p.begin;
    if (parsable) return b.fromname ? `incremental\t${b.fromname}\t${b.toname}\t${bytes(p)}` : `full\t${b.toname}\t${bytes(p)}`;
    return b.fromname ? `send from @${b.fromname} to ${b.toname} estimated size is ${nicenum(bytes(p))}` : `full send of ${b.toname} estimated size is ${nicenum(bytes(p))}`;
  });
  const total = pieces.reduce((n, p) => n + bytes(p), 0);
  lines.push(parsable ? `size\t${total}` : `total estimated size is ${nicenum(total)}`);
  const text = lines.map((l) => `${l}\n`).join('');
  if (toStdout) z.out.out(text);
  else z.out.err(text);
}

function resume(z: ZfsContext, token: string, dry: boolean, verbose: boolean, parsable: boolean) {
  const t = parseResumeToken(token);
  if (!t) return z.out.err('cannot resume send: invalid resume token\n').result(1);
  const { ds: name, snap } = splitSnapshot(t.toname);
  const ds = findDataset(z.state, name);
  const to = ds?.snapshots.find((s) => s.name === snap && s.guid === t.toguid);
  const from = t.fromguid === null ? undefined : ds?.snapshots.find((s) => s.guid === t.fromguid);
  if (!ds || !to || (t.fromguid !== null && !from)) return z.out.err(`cannot resume send: '${t.toname}' is no longer the same snapshot used in the initial send\n`).result(1);
  const p = piece(ds, '', to, from, false, t.offset);
  if (verbose || parsable) describe(z, [p], parsable, dry);
  if (!dry) z.out.out(p.text);
  return z.out.result(0);
}

export const zfsSend: ZfsSubcommand = (z, args) => {
  const spec = 'DLPbcehnpsVvwRi:I:t:';
  const opts = getopt(args, spec);
  if (opts.bad) return badOption(z, USAGE, spec, opts.bad);
  const dry = has(opts, 'n');
  const parsable = has(opts, 'P');
  const verbose = has(opts, 'v') || parsable;
  const token = value(opts, 't');
  if (token !== undefined) return resume(z, token, dry, verbose, parsable);
  const [target] = opts.rest;
  if (target === undefined) return usageError(z, USAGE, 'missing snapshot argument');
  if (opts.rest.length > 1) return usageError(z, USAGE, 'too many arguments');
  const { ds: name, snap } = splitSnapshot(target);
  const ds = findDataset(z.state, name);
  const to = snap === undefined ? undefined : ds?.snapshots.find((s) => s.name === snap);
  if (!ds || !to) return z.out.err(`cannot open '${target}': dataset does not exist\n`).result(1);
  const fromText = value(opts, 'I') ?? value(opts, 'i');
  const all = has(opts, 'I');
  let fromSnap: string | undefined;
  if (fromText !== undefined) {
    const f = splitSnapshot(fromText.startsWith('@') ? `${name}${fromText}` : fromText.includes('@') ? fromText : `${name}@${fromText}`);
    if (f.ds !== name) return z.out.err(`cannot send '${target}': incremental source must be in same filesystem\n`).result(1);
    fromSnap = f.snap;
    const from = ds.snapshots.find((s) => s.name === fromSnap);
    if (!from) return z.out.err(`cannot send '${target}': incremental source (${name}@${fromSnap}) does not exist\n`).result(1);
    if (ds.snapshots.indexOf(from) >= ds.snapshots.indexOf(to)) return z.out.err(`cannot send '${target}': incremental source must be earlier\n`).result(1);
  }
  const replicate = has(opts, 'R');
  const withProps = replicate || has(opts, 'p');
  const members = replicate ? [ds, ...descendants(z.state, name)] : [ds];
  const pieces: Piece[] = [];
  for (const d of members) {
    const dTo = d.snapshots.find((s) => s.name === snap);
    if (!dTo) continue;
    const dFrom = fromSnap === undefined ? undefined : d.snapshots.find((s) => s.name === fromSnap);
    // -R without -i sends every snapshot up to the target (zfs_main sets doall).
    for (const [f, t] of chain(d, dFrom, dTo, all || (replicate && fromSnap === undefined))) pieces.push(piece(d, d.name.slice(name.length), t, f, withProps));
  }
  if (verbose) describe(z, pieces, parsable, dry);
  if (!dry) z.out.out(pieces.map((p) => p.text).join(''));
  return z.out.result(0);
};
