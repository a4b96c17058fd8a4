/**
 * The simulated host's filesystem: a flat map of absolute host paths to
 * nodes inside SimState, so it serialises as-is. Jails see a subtree: callers
 * resolve a jail-relative path with resolve(root, cwd, path) first.
 */
import { textOfBytes } from './bytes.js';
import { fnv1a } from './fnv1a.js';
import { MountView, under } from './mount-view.js';
import type { SimDir, SimFile, SimLink, SimNode, SimState } from './types.js';

export type SimFsCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL' | 'EROFS' | 'EBUSY' | 'EPERM' | 'EXDEV';

const STRERROR: Record<SimFsCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  EROFS: 'Read-only file system',
  EBUSY: 'Device busy',
  EPERM: 'Operation not permitted',
  EXDEV: 'Cross-device link',
};

export class SimFsError extends Error {
  readonly code: SimFsCode;
  readonly path: string;

  constructor(code: SimFsCode, path: string) {
    // An errno of the simulated host, caught and printed by its commands: no JS stack to capture (it costs
    // more than most commands' own work, and `grep PATTERN dir/*` of a missing dir throws one per run).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(STRERROR[code]);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.path = path;
  }
  /** The strerror text FreeBSD utilities print after "name: path: ". */
  get strerror(): string {
    return STRERROR[this.code];
  }
}

/** Anything normalize() would change in a path that starts with "/" (a regular expression: a scan by hand measured twice as slow). */
const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)|.\/$/;

/** Normalise an absolute path: collapse //, ., .. (never above /). */
export function normalize(path: string): string {
  // Most paths are already normal; the simulator normalises on every lookup.
  if (path.charCodeAt(0) === 47 && !NOT_NORMAL.test(path)) return path;
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export function dirname(path: string): string {
  const n = normalize(path);
  const i = n.lastIndexOf('/');
  return i <= 0 ? '/' : n.slice(0, i);
}

export function basename(path: string): string {
  const n = normalize(path);
  return n === '/' ? '/' : n.slice(n.lastIndexOf('/') + 1);
}

export interface NewNodeOptions {
  mode?: number;
  uid?: number;
  gid?: number;
}

const MAX_LINKS = 16;

/**
 * Where the symbolic links are, per state's node record: every stat walks a
 * path's prefixes looking for one, and a host has none or a handful. Built
 * from the record on first use (a state loaded from JSON starts without one)
 * and kept current by SimFs's own writes, the only writers of node kinds;
 * SimState.fs stays the source of truth and stays plain JSON.
 */
const linkIndex = new WeakMap<Record<string, SimNode>, Set<string>>();
/**
 * The names in each directory, per state's node record, for readdir: a
 * scan of the whole record per call made every tree walk (rm -r, find,
 * tar, mtree) quadratic in the host's size. Built on first use and kept by
 * SimFs's writes, as linkIndex is; a name whose node went away by other
 * means (a test editing SimState.fs) is dropped when next listed.
 */
const childIndex = new WeakMap<Record<string, SimNode>, Map<string, Set<string>>>();

/**
 * The hard-linked files, per state's node record: inode number → the one
 * node object all its paths share. Built with linkIndex by one scan of the
 * record (scan() below), which also joins the copies a state file holds
 * (one per path, JSON knows no shared objects) back into one object, so a
 * write, chmod or touch through any path is seen through all of them. A
 * host without hard links has an empty map and pays nothing more.
 */
const inoIndex = new WeakMap<Record<string, SimNode>, Map<number, SimNode>>();

function scan(nodes: Record<string, SimNode>): void {
  const links = new Set<string>();
  const inos = new Map<number, SimNode>();
  for (const path in nodes) {
    const node = nodes[path]!;
    if (node.kind === 'link') links.add(path);
    if (node.ino === undefined) continue;
    const first = inos.get(node.ino);
    if (first === undefined) inos.set(node.ino, node);
    else nodes[path] = first;
  }
  linkIndex.set(nodes, links);
  inoIndex.set(nodes, inos);
}

/**
 * The inode number of a node with one name: derived from its node key
 * (FNV-1a), stable across runs and saves, never below 3 (UFS's root is 2).
 * A hard-linked node keeps the number it had when linked (SimOwner.ino).
 */
export function derivedIno(key: string): number {
  return (fnv1a(key) % 2_000_000_000) + 3;
}

function parentAndName(path: string): [string, string] {
  const i = path.lastIndexOf('/');
  return [i === 0 ? '/' : path.slice(0, i), path.slice(i + 1)];
}

function indexChild(index: Map<string, Set<string>>, path: string): void {
  const [parent, name] = parentAndName(path);
  let names = index.get(parent);
  if (!names) index.set(parent, (names = new Set()));
  names.add(name);
}

/** Past this many links the per-component walk is the cheaper test. */
const MAX_INDEXED_SCAN = 8;

export class SimFs {
  /**
   * Bumped by every change made through SimFs: a command that waits for
   * stdin checks it did not change the filesystem before blocking (shell/unit.ts).
   */
  generation = 0;

  /** nullfs aliases and read-only mounts of state.mounts (mount-view.ts), consulted only when there are any. */
  private readonly view: MountView;
  /** The mounts array last looked at, its length then, and whether it had a nullfs or read-only mount. */
  private seenMounts: SimState['mounts'] | undefined;
  private seenLength = -1;
  private special = false;

  /**
   * The root of the process running now (a jail's path, else "/"): the
   * kernel resolves a symbolic link a jailed process meets against the
   * jail's root, an absolute target as well as ".." (namei() stops at
   * fd_jdir, vfs_lookup.c), so no link in a jail's tree leads a process in
   * it out. Set by the shell for each command run with a root (confined()).
   */
  private linkRoot = '/';

  constructor(private readonly state: SimState) {
    this.view = new MountView(state);
  }

  /**
   * Run `fn` as a process whose root is `root`: links resolve inside it. A
   * process only ever narrows its root (a jailed process cannot leave its
   * jail), so a run asked for with "/" from inside a jail keeps the jail's.
   */
  confined<T>(root: string, fn: () => T): T {
    const r = normalize(root);
    const before = this.linkRoot;
    if (r === before || !under(r, before)) return fn();
    this.linkRoot = r;
    try {
      return fn();
    } finally {
      this.linkRoot = before;
    }
  }

  /** Whether two paths are on different mounted file systems (rename(2) and link(2) fail with EXDEV). */
  crossDevice(a: string, b: string): boolean {
    return !this.view.sameDevice(normalize(a), normalize(b));
  }

  /**
   * Whether no mount changes lookups or writes (nearly every host): then a
   * path is its own node key and nothing is read-only, at the cost of two
   * comparisons per lookup (measured: see mount-view.ts).
   */
  private plain(): boolean {
    const m = this.state.mounts;
    if (m !== this.seenMounts || m.length !== this.seenLength) {
      this.seenMounts = m;
      this.seenLength = m.length;
      this.special = m.some((x) => x.fstype === 'nullfs' || x.options.includes('read-only'));
    }
    return !this.special;
  }

  private key(path: string): string {
    return this.plain() ? path : this.view.key(path);
  }

  /** The node record last looked at: a new one (a state just loaded) is scanned once (scan()). */
  private seenFs: Record<string, SimNode> | undefined;

  private get nodes(): Record<string, SimNode> {
    const nodes = this.state.fs;
    if (nodes !== this.seenFs) {
      this.seenFs = nodes;
      if (!inoIndex.has(nodes)) scan(nodes);
    }
    return nodes;
  }

  /**
   * Host path for a path as seen by a process whose "/" is `root` and whose
   * working directory (relative to that root) is `cwd`. ".." never climbs
   * above the root, as in a jail.
   */
  resolve(root: string, cwd: string, path: string): string {
    const inside = normalize(path.startsWith('/') ? path : `${cwd}/${path}`);
    const r = normalize(root);
    if (r === '/') return inside;
    return inside === '/' ? r : r + inside;
  }

  /** Follow symbolic links in every component (as stat(2) does). */
  realpath(hostPath: string, root = this.linkRoot): string {
    let path = normalize(hostPath);
    if (!this.crossesLink(path)) return path;
    for (let hops = 0; hops < MAX_LINKS; hops++) {
      const parts = path.split('/').filter(Boolean);
      let cur = '';
      let followed = false;
      for (let i = 0; i < parts.length; i++) {
        cur = `${cur}/${parts[i]}`;
        const node = this.nodes[this.key(cur)];
        if (node?.kind !== 'link') continue;
        const base = node.target.startsWith('/') ? this.resolve(root, '/', node.target) : this.relativeTarget(root, dirname(cur), node.target);
        path = normalize([base, ...parts.slice(i + 1)].join('/'));
        followed = true;
        break;
      }
      if (!followed) return path;
    }
    throw new SimFsError('EINVAL', hostPath);
  }

  /** A relative link's target from its directory; ".." stops at the root (`dir` below it). */
  private relativeTarget(root: string, dir: string, target: string): string {
    const r = normalize(root);
    if (r === '/') return `${dir}/${target}`;
    if (!under(dir, r)) return `${dir}/${target}`;
    return this.resolve(r, dir === r ? '/' : dir.slice(r.length), target);
  }

  /** The link index of the record last asked about: every lookup asks, and a WeakMap lookup per ask showed. */
  private linksOf: Record<string, SimNode> | undefined;
  private linkSet: Set<string> = new Set();

  private links(): Set<string> {
    const nodes = this.nodes;
    if (nodes === this.linksOf) return this.linkSet;
    if (!linkIndex.has(nodes)) scan(nodes);
    this.linksOf = nodes;
    this.linkSet = linkIndex.get(nodes)!;
    return this.linkSet;
  }

  private children(): Map<string, Set<string>> {
    const nodes = this.nodes;
    let index = childIndex.get(nodes);
    if (!index) {
      index = new Map();
      for (const path in nodes) if (path !== '/') indexChild(index, path);
      childIndex.set(nodes, index);
    }
    return index;
  }

  /** A path gained a node: its directory's index learns the name (if that index was built). */
  private added(path: string): void {
    const index = childIndex.get(this.nodes);
    if (index && path !== '/') indexChild(index, path);
  }

  private removed(path: string): void {
    const [parent, name] = parentAndName(path);
    childIndex.get(this.nodes)?.get(parent)?.delete(name);
  }

  /** Whether any component of a normal path is a symbolic link (the common case is no). */
  private hasLinkPrefix(path: string): boolean {
    const links = this.links();
    if (links.size === 0) return false;
    if (links.size <= MAX_INDEXED_SCAN) {
      for (const link of links) if (path.startsWith(link) && (path.length === link.length || path.charCodeAt(link.length) === 47)) return true;
      return false;
    }
    const nodes = this.nodes;
    for (let i = path.indexOf('/', 1); ; i = path.indexOf('/', i + 1)) {
      const prefix = i < 0 ? path : path.slice(0, i);
      if (nodes[prefix]?.kind === 'link') return true;
      if (i < 0) return false;
    }
  }

  /** Whether resolving a normal path meets a link: in its own components, or in those of the node key a nullfs mount maps it to. */
  private crossesLink(path: string): boolean {
    return this.hasLinkPrefix(path) || (!this.plain() && this.hasLinkPrefix(this.view.key(path)));
  }

  /**
   * A normal path with the links in its directories followed and its last
   * component not: what lstat(2), mkdir(2), unlink(2), rename(2) and the
   * like name (namei follows every link on the way, the last only when
   * asked). Nearly always the path itself: no link above it.
   */
  private lpath(hostPath: string): string {
    const path = normalize(hostPath);
    const i = path.lastIndexOf('/');
    if (i <= 0) return path;
    const parent = path.slice(0, i);
    if (!this.crossesLink(parent)) return path;
    const real = this.realpath(parent);
    return real === '/' ? path.slice(i) : real + path.slice(i);
  }

  lstat(hostPath: string): SimNode | undefined {
    return this.nodes[this.key(this.lpath(hostPath))];
  }

  stat(hostPath: string): SimNode | undefined {
    return this.nodes[this.key(this.realpath(hostPath))];
  }

  /** Whether a change at this path (links followed) would fail with EROFS. */
  isReadOnly(hostPath: string): boolean {
    return !this.plain() && this.view.readOnly(this.realpath(hostPath));
  }

  /** Throw EROFS for a path (links followed) under a read-only mount: utimes(2), chflags(2) and the like. */
  assertWritable(hostPath: string): void {
    if (this.isReadOnly(hostPath)) throw new SimFsError('EROFS', hostPath);
  }

  /** Whether something is mounted on this normal path (only asked for a directory being removed or renamed). */
  private isMountPoint(path: string): boolean {
    return this.state.mounts.some((m) => m.on === path);
  }

  private writable(path: string, shown: string): void {
    if (!this.plain() && this.view.readOnly(path)) throw new SimFsError('EROFS', shown);
  }

  exists(hostPath: string): boolean {
    return this.stat(hostPath) !== undefined;
  }

  isDir(hostPath: string): boolean {
    return this.stat(hostPath)?.kind === 'dir';
  }

  readFile(hostPath: string): string {
    const node = this.stat(hostPath);
    if (!node) throw new SimFsError('ENOENT', hostPath);
    if (node.kind === 'dir') throw new SimFsError('EISDIR', hostPath);
    const file = node as SimFile;
    // Binary content is kept base64 (types.ts); a reader (cat) gets its bytes (bytes.ts).
    return file.binary ? textOfBytes(Buffer.from(file.content, 'base64')) : file.content;
  }

  private requireParentDir(path: string): void {
    const parent = this.stat(dirname(path));
    if (!parent) throw new SimFsError('ENOENT', path);
    if (parent.kind !== 'dir') throw new SimFsError('ENOTDIR', path);
  }

  /** Create or replace a file's content; an existing file keeps mode and owner. */
  writeFile(hostPath: string, content: string, options: NewNodeOptions & { binary?: boolean } = {}): void {
    this.generation++;
    const path = this.realpath(hostPath);
    const key = this.key(path);
    const existing = this.nodes[key];
    if (existing?.kind === 'dir') throw new SimFsError('EISDIR', hostPath);
    if (!existing) this.requireParentDir(path);
    this.writable(path, hostPath);
    if (existing?.kind === 'file' && existing.ino !== undefined) {
      // Written through one name of a hard-linked file: the one node all its names share.
      existing.content = content;
      if (options.binary) existing.binary = true;
      else delete existing.binary;
      existing.mtime = this.state.clock;
      return;
    }
    const file: SimFile = {
      kind: 'file',
      content,
      mode: existing?.mode ?? options.mode ?? 0o644,
      uid: existing?.uid ?? options.uid ?? 0,
      gid: existing?.gid ?? options.gid ?? 0,
      mtime: this.state.clock,
    };
    if (options.binary) file.binary = true;
    this.nodes[key] = file;
    if (!existing) this.added(key);
  }

  appendFile(hostPath: string, content: string): void {
    const path = this.realpath(hostPath);
    const existing = this.nodes[this.key(path)];
    if (existing?.kind === 'file' && !existing.binary) {
      // A file written a line at a time (a session round's log, `>>`): its one node grows in place, as
      // writeFile already grows the node a hard-linked file's names share, instead of a new node a write.
      this.writable(path, hostPath);
      this.generation++;
      existing.content += content;
      existing.mtime = this.state.clock;
      return;
    }
    const before = existing?.kind === 'file' ? existing.content : '';
    this.writeFile(hostPath, before + content);
  }

  mkdir(hostPath: string, options: NewNodeOptions & { parents?: boolean } = {}): void {
    this.generation++;
    const path = this.lpath(hostPath);
    const key = this.key(path);
    if (this.nodes[key]) {
      if (options.parents && this.isDir(path)) return;
      throw new SimFsError('EEXIST', hostPath);
    }
    if (options.parents && !this.exists(dirname(path))) this.mkdir(dirname(path), { ...options, mode: 0o755 });
    this.requireParentDir(path);
    this.writable(path, hostPath);
    const dir: SimDir = {
      kind: 'dir',
      mode: options.mode ?? 0o755,
      uid: options.uid ?? 0,
      gid: options.gid ?? 0,
      mtime: this.state.clock,
    };
    this.nodes[key] = dir;
    this.added(key);
  }

  /**
   * A node at a normal host path that has none yet, whose directory the
   * caller knows to be a directory with no symbolic link on its way (one it
   * made this way, or checked): what mkdir, writeFile or symlink would make
   * there, without their lookups (an archive extracted into a new jail root
   * is hundreds of them). False, and nothing done, when it takes their full
   * path: a mount with another view (nullfs, read-only), or a node there.
   */
  createFresh(path: string, node: SimNode): boolean {
    if (!this.plain()) return false;
    const nodes = this.nodes;
    if (nodes[path] !== undefined) return false;
    this.generation++;
    nodes[path] = node;
    this.added(path);
    if (node.kind === 'link') this.links().add(path);
    return true;
  }

  symlink(target: string, hostPath: string): void {
    this.generation++;
    const path = this.lpath(hostPath);
    const key = this.key(path);
    if (this.nodes[key]) throw new SimFsError('EEXIST', hostPath);
    this.requireParentDir(path);
    this.writable(path, hostPath);
    const link: SimLink = { kind: 'link', target, mode: 0o755, uid: 0, gid: 0, mtime: this.state.clock };
    this.nodes[key] = link;
    this.added(key);
    this.links().add(key);
  }

  /**
   * link(2): `hostPath` becomes another name of the file at `existing`
   * (linkat(2) with AT_SYMLINK_FOLLOW when `follow`, as ln(1) -L, its
   * default). Both names then share one node (and inode number).
   */
  link(existing: string, hostPath: string, follow = true): void {
    this.generation++;
    const fromPath = this.pathOf(existing, follow);
    const fromKey = this.key(fromPath);
    const node = this.nodes[fromKey];
    if (!node) throw new SimFsError('ENOENT', existing);
    // link(2) ERRORS: [EPERM] "The file named by name1 is a directory."
    if (node.kind === 'dir') throw new SimFsError('EPERM', existing);
    const path = this.lpath(hostPath);
    const key = this.key(path);
    if (this.nodes[key]) throw new SimFsError('EEXIST', hostPath);
    this.requireParentDir(path);
    this.writable(path, hostPath);
    if (!this.view.sameDevice(fromPath, path)) throw new SimFsError('EXDEV', hostPath);
    const inos = inoIndex.get(this.nodes)!;
    if (node.ino === undefined) {
      let ino = derivedIno(fromKey);
      while (inos.has(ino)) ino++;
      node.ino = ino;
      inos.set(ino, node);
    }
    node.nlink = (node.nlink ?? 1) + 1;
    this.nodes[key] = node;
    this.added(key);
    if (node.kind === 'link') this.links().add(key);
  }

  /** A path's node key, its last component followed or not; the directories above it always are, as by every lookup. */
  private keyOf(hostPath: string, follow: boolean): string {
    return this.key(this.pathOf(hostPath, follow));
  }

  private pathOf(hostPath: string, follow: boolean): string {
    return follow ? this.realpath(hostPath) : this.lpath(hostPath);
  }

  /** The inode number of the file at a path (see derivedIno); undefined when there is none. */
  inode(hostPath: string, follow = true): number | undefined {
    const key = this.keyOf(hostPath, follow);
    const node = this.nodes[key];
    if (!node) return undefined;
    return node.ino ?? derivedIno(key);
  }

  /** One name of a node went away: the others keep it; the last one takes its inode number along. */
  private unlinked(node: SimNode): void {
    if (node.nlink !== undefined) {
      if (node.nlink > 2) node.nlink--;
      else delete node.nlink;
      return;
    }
    if (node.ino !== undefined) inoIndex.get(this.nodes)?.delete(node.ino);
  }

  /**
   * A new file renamed over `hostPath` (links followed), keeping the old
   * one's mode and owner, as sed -i writes (usr.bin/sed/main.c: a temp file,
   * fchown/fchmod from the original, rename(2) onto it): other hard links
   * to the old file keep the old content.
   */
  replaceFile(hostPath: string, content: string): void {
    const path = this.realpath(hostPath);
    const old = this.nodes[this.key(path)];
    if (old?.kind === 'file' && old.ino !== undefined) {
      this.remove(path);
      this.writeFile(path, content, { mode: old.mode, uid: old.uid, gid: old.gid });
      return;
    }
    this.writeFile(path, content);
  }

  /** Names in a directory, sorted as ls sorts them (byte order). */
  readdir(hostPath: string): string[] {
    const path = this.key(this.realpath(hostPath));
    const node = this.nodes[path];
    if (!node) throw new SimFsError('ENOENT', hostPath);
    if (node.kind !== 'dir') throw new SimFsError('ENOTDIR', hostPath);
    const prefix = path === '/' ? '/' : `${path}/`;
    const names: string[] = [];
    const known = this.children().get(path);
    if (known) {
      for (const name of known) {
        if (this.nodes[prefix + name]) names.push(name);
        else known.delete(name);
      }
    }
    return names.sort();
  }

  /** Remove a node; a directory needs `recursive` unless empty. Links are removed, not followed. */
  remove(hostPath: string, options: { recursive?: boolean } = {}): void {
    this.generation++;
    const path = this.lpath(hostPath);
    const key = this.key(path);
    const node = this.nodes[key];
    if (!node) throw new SimFsError('ENOENT', hostPath);
    this.writable(path, hostPath);
    if (node.kind === 'dir') {
      // rmdir(2) of a mount point: EBUSY (vfs_lookup.c: a covered vnode is VV_ROOT of the mount);
      // what is below it (a nullfs source's files) goes first, as rm -r takes it.
      const children = this.readdir(path);
      if (children.length && !options.recursive) throw new SimFsError('ENOTEMPTY', hostPath);
      for (const child of children) this.remove(`${path}/${child}`, options);
      if (this.isMountPoint(path)) throw new SimFsError('EBUSY', hostPath);
    }
    delete this.nodes[key];
    this.removed(key);
    this.unlinked(node);
    if (node.kind === 'link') this.links().delete(key);
  }

  /** rename(2): atomic replace of a file; moves a whole subtree for a directory. */
  rename(fromPath: string, toPath: string): void {
    this.generation++;
    const fromName = this.lpath(fromPath);
    const from = this.key(fromName);
    let toName = this.lpath(toPath);
    const node = this.nodes[from];
    if (!node) throw new SimFsError('ENOENT', fromPath);
    if (this.isDir(toName) && node.kind !== 'dir') toName = normalize(`${this.realpath(toName)}/${basename(fromName)}`);
    this.requireParentDir(toName);
    this.writable(fromName, fromPath);
    this.writable(toName, toPath);
    if (node.kind === 'dir' && this.isMountPoint(fromName)) throw new SimFsError('EBUSY', fromPath);
    const to = this.key(toName);
    const target = this.nodes[to];
    if (target?.kind === 'dir' && node.kind !== 'dir') throw new SimFsError('EISDIR', toPath);
    // rename(2) ERRORS: [EXDEV] "The link named by to and the file named by from are on different
    // logical devices (file systems)"; mv(1) then copies and removes (commands/base/mv.ts).
    if (!this.view.sameDevice(fromName, toName)) throw new SimFsError('EXDEV', fromPath);
    // kern_renameat (vfs_syscalls.c): links to the same vnode, "then there is nothing to do" (POSIX rename() alike).
    if (target === node && to !== from) return;
    const prefix = `${from}/`;
    const links = this.links();
    // Only a directory drags a subtree along; a file (the common atomic
    // `mv -f tmp file`) is one key, with no scan of the whole filesystem.
    const keys = node.kind === 'dir' ? Object.keys(this.nodes) : [from];
    for (const key of keys) {
      if (key !== from && !key.startsWith(prefix)) continue;
      const dest = to + key.slice(from.length);
      // rename(2) of a path onto itself changes nothing.
      if (dest === key) continue;
      const moved = this.nodes[key]!;
      const replaced = this.nodes[dest];
      if (replaced?.kind === 'link') links.delete(dest);
      if (replaced) this.unlinked(replaced);
      delete this.nodes[key];
      this.removed(key);
      this.nodes[dest] = moved;
      if (!replaced) this.added(dest);
      if (moved.kind === 'link') {
        links.delete(key);
        links.add(dest);
      }
    }
  }

  chmod(hostPath: string, mode: number): void {
    this.generation++;
    const node = this.stat(hostPath);
    if (!node) throw new SimFsError('ENOENT', hostPath);
    this.assertWritable(hostPath);
    node.mode = mode & 0o7777;
  }

  chown(hostPath: string, uid?: number, gid?: number): void {
    this.generation++;
    const node = this.stat(hostPath);
    if (!node) throw new SimFsError('ENOENT', hostPath);
    this.assertWritable(hostPath);
    if (uid !== undefined) node.uid = uid;
    if (gid !== undefined) node.gid = gid;
  }
}
