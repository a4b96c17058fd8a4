/** Walking a directory tree into archive entries and writing entries back (tar -c / tar -x, zfs send/receive). */
import { type SimFs, SimFsError, dirname, normalize } from '../fs.js';
import type { SimNode } from '../types.js';
import { fileBytes, type ArchiveEntry } from './format.js';

/**
 * Entries for `rel` (relative to `base`, e.g. ".") and everything under it,
 * parents first. A file with more than one name is archived once: its later
 * names become 'hardlink' entries naming the first (bsdtar's
 * archive_entry_linkresolver, shared by every member of one archive through
 * `named`; libarchive's tar formats write them as hard link entries).
 */
export function collectTree(fs: SimFs, base: string, rel: string, named = new Map<SimNode, string>()): ArchiveEntry[] {
  const out: ArchiveEntry[] = [];
  const walk = (relPath: string): void => {
    const host = normalize(`${base}/${relPath}`);
    const node = fs.lstat(host);
    if (!node) throw new SimFsError('ENOENT', relPath);
    // bsdtar keeps names as given: "." gives "./", "./etc/", ...; "etc" gives "etc/", "etc/rc".
    const name = relPath === '.' ? './' : relPath;
    const common = { mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime };
    if (node.nlink !== undefined && node.kind !== 'dir') {
      const first = named.get(node);
      if (first !== undefined) {
        out.push({ name, kind: 'hardlink', target: first, ...common });
        return;
      }
      named.set(node, name);
    }
    if (node.kind === 'dir') {
      out.push({ name: name.endsWith('/') ? name : `${name}/`, kind: 'dir', ...common });
      for (const child of fs.readdir(host)) walk(`${relPath.replace(/\/$/, '')}/${child}`);
      return;
    }
    if (node.kind === 'link') {
      out.push({ name, kind: 'link', target: node.target, ...common });
      return;
    }
    out.push({ name, kind: 'file', data: fileBytes(node).toString('base64'), ...common });
  };
  walk(rel);
  return out;
}

/** Host path of an entry extracted under `dir`. */
export function entryPath(dir: string, name: string): string {
  // bsdtar's names start "./" and a directory's ends "/": trimmed first, the
  // join is already normal (normalize's fast path; a release is hundreds of entries).
  let start = 0;
  while (name.startsWith('./', start)) start += 2;
  let end = name.length;
  while (end > start && name.charCodeAt(end - 1) === 47) end--;
  const rel = name.slice(start, end);
  if (rel === '' || rel === '.') return normalize(dir);
  return normalize(dir === '/' ? `/${rel}` : `${dir}/${rel}`);
}

/** Whether stored bytes are plain UTF-8 text that round-trips (kept as a text file then). */
function isText(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes) && !bytes.includes(0);
}

/** What a file entry's data becomes on disk: UTF-8 text when it round-trips, else base64 as stored. */
interface Payload {
  /** The entry data this was computed from. */
  data: string;
  content: string;
  binary: boolean;
}

/**
 * Per entry object (decoded archives are shared between hosts, see
 * decoded.ts), checked against the entry's current data so it is never stale.
 */
const payloads = new WeakMap<Readonly<ArchiveEntry>, Payload>();

function payloadOf(e: Readonly<ArchiveEntry>): Payload {
  const data = e.data ?? '';
  const hit = payloads.get(e);
  if (hit?.data === data) return hit;
  const bytes = Buffer.from(data, 'base64');
  const payload: Payload = isText(bytes) ? { data, content: bytes.toString('utf8'), binary: false } : { data, content: data, binary: true };
  payloads.set(e, payload);
  return payload;
}

/**
 * Write entries under `dir`, creating parents, replacing files and links,
 * keeping modes and owners. Returns bsdtar-style per-entry error texts.
 */
export function extractTree(fs: SimFs, dir: string, entries: ReadonlyArray<Readonly<ArchiveEntry>>): string[] {
  const errors: string[] = [];
  // Directories (not links to one) this extraction saw: entries come parents
  // first, and nothing below turns a directory into something else.
  const dirs = new Set<string>();
  // Hard links last: a tree put back in name order (zfs receive of a delta) can list one before its file.
  const ordered = entries.some((e) => e.kind === 'hardlink') ? [...entries.filter((e) => e.kind !== 'hardlink'), ...entries.filter((e) => e.kind === 'hardlink')] : entries;
  const fresh = freshDirs(fs, dir);
  for (const e of ordered) {
    const path = entryPath(dir, e.name);
    if (fresh && createdFresh(fs, fresh, path, e)) continue;
    try {
      // `${path}/..` normalised, without splitting the path again (a release tree is thousands of entries).
      const parent = dirname(path);
      if (!dirs.has(parent)) {
        if (!fs.exists(parent)) fs.mkdir(parent, { parents: true });
        if (fs.lstat(parent)?.kind === 'dir') dirs.add(parent);
      }
      const existing = fs.lstat(path);
      if (e.kind === 'dir') {
        if (existing && existing.kind !== 'dir') fs.remove(path);
        if (!fs.lstat(path)) fs.mkdir(path, { mode: e.mode });
      } else {
        if (existing?.kind === 'dir') {
          errors.push(`${e.name}: Can't replace existing directory with non-directory`);
          continue;
        }
        if (existing) fs.remove(path);
        if (e.kind === 'hardlink') {
          // archive_write_disk_posix.c: link(2) to the earlier name; a hard link carrying no data is
          // "non-authoritative for meta data", so the file keeps its own mode, owner and times.
          if (!linkTo(fs, entryPath(dir, e.target ?? ''), path)) errors.push(`${e.name}: Can't create '${e.name}'`);
          continue;
        }
        if (e.kind === 'link') fs.symlink(e.target ?? '', path);
        else {
          const payload = payloadOf(e);
          if (!payload.binary) fs.writeFile(path, payload.content, { mode: e.mode });
          else fs.writeFile(path, payload.content, { mode: e.mode, binary: true });
        }
      }
      const node = fs.lstat(path);
      if (!node) continue;
      node.mode = e.mode & 0o7777;
      node.uid = e.uid;
      node.gid = e.gid;
      node.mtime = e.mtime;
    } catch (err) {
      if (!(err instanceof SimFsError)) throw err;
      errors.push(`${e.name}: ${err.strerror}`);
    }
  }
  return errors;
}

/**
 * The directories createdFresh may make nodes in: `dir` when it is a
 * directory reached without a symbolic link, then each directory it made
 * below it. Undefined when `dir` is not such a directory: then every entry
 * takes the general path.
 */
function freshDirs(fs: SimFs, dir: string): Set<string> | undefined {
  const root = normalize(dir);
  if (fs.realpath(root) !== root || fs.lstat(root)?.kind !== 'dir') return undefined;
  return new Set([root]);
}

/**
 * An entry at `path` (its entryPath) that makes a new node in a directory of
 * `fresh`, made at once as the general path would leave it (its mode, owner
 * and time from the entry). False when it takes that path: a node already
 * there, a hard link, a directory not known fresh (entryPath's normalising
 * keeps ".." inside).
 */
function createdFresh(fs: SimFs, fresh: Set<string>, path: string, e: Readonly<ArchiveEntry>): boolean {
  if (e.kind === 'hardlink') return false;
  if (!fresh.has(path.slice(0, path.lastIndexOf('/')) || '/')) return false;
  const owner = { mode: e.mode & 0o7777, uid: e.uid, gid: e.gid, mtime: e.mtime };
  let node: SimNode;
  if (e.kind === 'dir') node = { kind: 'dir', ...owner };
  else if (e.kind === 'link') node = { kind: 'link', target: e.target ?? '', ...owner };
  else {
    const payload = payloadOf(e);
    node = { kind: 'file', content: payload.content, ...owner };
    if (payload.binary) node.binary = true;
  }
  if (!fs.createFresh(path, node)) return false;
  if (e.kind === 'dir') fresh.add(path);
  return true;
}

/** link(2) without following a final symbolic link (libarchive uses linkat with no flags); false when it fails. */
function linkTo(fs: SimFs, existing: string, path: string): boolean {
  try {
    fs.link(existing, path, false);
    return true;
  } catch (err) {
    if (!(err instanceof SimFsError)) throw err;
    return false;
  }
}
