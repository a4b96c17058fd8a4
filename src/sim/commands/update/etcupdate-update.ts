/**
 * etcupdate's update_cmd (usr.sbin/etcupdate/etcupdate.sh, freebsd-src
 * @016bfb0): the new tree extracted from -t TARBALL into a temporary
 * directory, compared with WORKDIR/current (the old tree) and DESTDIR file
 * by file — removed, then in both, then added (handle_removed_file,
 * handle_removed_directory, handle_modified_file, handle_added_file) —
 * printing "  D", "  U", "  M", "  A" or "  C" and the path, then
 * post_update and "Warnings:", then the trees rotated (current -> old, the
 * new tree -> current), conflicts or not: the exit status is 0 with
 * conflicts, which stay in WORKDIR/conflicts for `etcupdate status` and
 * `resolve`. -I PATTERN (ignore(): `case $1 in $pattern)`, patterns split
 * on white space) skips matching files in every pass. Not modelled: -F, -A,
 * -n, -p, -r, the post-install
 * database rebuilds (pwd_mkdb, cap_mkdb, services_mkdb; the simulator keeps
 * no databases) and tzsetup.
 */
import type { SimFs } from '../../fs.js';
import type { SimCommandContext, SimResult } from '../../types.js';
import { matchPattern } from '../../shell/pattern.js';
import { shQuote } from '../freebsd/output.js';
import { changedGroups, merge3 } from './diff3.js';
import { compare, DIFFFILES, DIFFLINKS, DIFFTYPE, EQUAL, fileType, installDirs, ONLYFIRST, ONLYSECOND, tempDir, treeFiles, trimEmptyDirs } from './etcupdate-trees.js';

export interface UpdateEnv {
  ctx: SimCommandContext;
  fs: SimFs;
  /** DESTDIR as a host path (the jail's root for a jailed etcupdate without -D). */
  destdir: string;
  /** Whether -D was given: newaliases(1) only runs for an empty DESTDIR. */
  destdirSet: boolean;
  workdir: string;
  tarball?: string;
  /** -I patterns. */
  ignore: string[];
}

class Panic extends Error {}

class Merger {
  out = '';
  warnings = '';
  newaliasWarn = false;
  constructor(
    readonly e: UpdateEnv,
    readonly oldTree: string,
    readonly newTree: string,
  ) {}

  get fs(): SimFs {
    return this.e.fs;
  }
  private dest(f: string): string {
    return `${this.e.destdir}${f}`;
  }
  private echo(code: string, f: string): void {
    this.out += `  ${code} ${f}\n`;
  }
  warn(msg: string): void {
    this.warnings += `  ${msg}\n`;
  }
  private link(path: string): string {
    const n = this.fs.lstat(path);
    return n?.kind === 'link' ? n.target : '';
  }

  /** install_new(): `cp -Rp NEW DEST`, then post_install_file. */
  private installNew(f: string): boolean {
    if (!installDirs(this.fs, this.newTree, this.e.destdir, f, (m) => this.warn(m))) return false;
    this.e.ctx.run(`cp -Rp ${shQuote(`${this.newTree}${f}`)} ${shQuote(this.dest(f))}`, { root: '/', cwd: '/' });
    // post_install_file: newaliases only works for an empty DESTDIR.
    if (f === '/etc/mail/aliases' && this.e.destdirSet) this.newaliasWarn = true;
    return true;
  }

  /** update_unmodified(). */
  private updateUnmodified(f: string): boolean {
    const dest = this.fs.lstat(this.dest(f));
    const neu = this.fs.lstat(`${this.newTree}${f}`);
    if (dest?.kind === 'dir') {
      if (this.fs.readdir(this.dest(f)).length) return false;
      this.fs.remove(this.dest(f));
    } else if (!(dest?.kind === 'file' && neu?.kind === 'file') && dest) this.fs.remove(this.dest(f));
    if (neu?.kind === 'dir') this.echo(this.fs.readdir(`${this.newTree}${f}`).length ? 'U' : 'D', f);
    else if (this.installNew(f)) this.echo('U', f);
    return true;
  }

  private conflictsDir(): string {
    return `${this.e.workdir}/conflicts`;
  }

  /** new_conflict(). */
  private newConflict(f: string): void {
    installDirs(this.fs, this.newTree, this.conflictsDir(), f, (m) => this.warn(m));
    this.fs.writeFile(`${this.conflictsDir()}${f}`, changedGroups(this.fs.readFile(this.dest(f)), this.fs.readFile(`${this.newTree}${f}`)));
  }

  /** merge_file(): `diff3 -E -m DEST OLD NEW`. */
  private mergeFile(f: string): void {
    const m = merge3(this.fs.readFile(this.dest(f)), this.fs.readFile(`${this.oldTree}${f}`), this.fs.readFile(`${this.newTree}${f}`));
    if (!m.conflict) {
      this.fs.writeFile(this.dest(f), m.text); // "cat > DEST" keeps its mode and owner
      this.echo('M', f);
      return;
    }
    installDirs(this.fs, this.newTree, this.conflictsDir(), f, (msg) => this.warn(msg));
    this.fs.writeFile(`${this.conflictsDir()}${f}`, m.text);
    this.echo('C', f);
  }

  /** ignore(): IGNORE_FILES patterns (/.cshrc and /.profile hard-linked to root's are not modelled). */
  ignored(f: string): boolean {
    return this.e.ignore.some((p) => matchPattern(p, f));
  }

  removedFile(f: string): void {
    if (this.ignored(f)) return;
    const cmp = compare(this.fs, this.dest(f), `${this.oldTree}${f}`);
    if (cmp === EQUAL) {
      if (this.fs.lstat(this.dest(f))?.kind !== 'dir') {
        if (this.fs.lstat(this.dest(f))) this.fs.remove(this.dest(f));
        this.echo('D', f);
      }
      return;
    }
    if (cmp === ONLYFIRST) throw new Panic('Removed file now missing');
    if (cmp === ONLYSECOND) return;
    this.warn(`Modified ${fileType(this.fs.lstat(this.dest(f)))} remains: ${f}`);
  }

  removedDirectory(f: string): void {
    if (this.ignored(f)) return;
    if (!this.fs.isDir(this.dest(f)) || this.fs.lstat(`${this.oldTree}${f}`)?.kind !== 'dir') return;
    if (this.fs.lstat(this.dest(f))?.kind !== 'dir') return;
    if (this.fs.readdir(this.dest(f)).length) {
      this.warn(`Non-empty directory remains: ${f}`);
      return;
    }
    this.fs.remove(this.dest(f));
    this.echo('D', f);
  }

  modifiedFile(f: string): void {
    if (this.ignored(f)) return;
    const oldF = `${this.oldTree}${f}`;
    const newF = `${this.newTree}${f}`;
    const cmp = compare(this.fs, oldF, newF);
    if (cmp === EQUAL) return;
    if (cmp === ONLYFIRST || cmp === ONLYSECOND) throw new Panic('Changed file now missing');
    const newdest = compare(this.fs, newF, this.dest(f));
    if (newdest === EQUAL) return;
    if (compare(this.fs, oldF, this.dest(f)) === EQUAL && this.updateUnmodified(f)) return;
    if (newdest === ONLYFIRST) {
      if (cmp === DIFFTYPE) this.warn(`Remove mismatch: ${f} (${fileType(this.fs.lstat(oldF))} became ${fileType(this.fs.lstat(newF))})`);
      if (cmp === DIFFLINKS) this.warn(`Removed link changed: ${f} ("${this.link(oldF)}" became "${this.link(newF)}")`);
      if (cmp === DIFFFILES) this.warn(`Removed file changed: ${f}`);
      return;
    }
    if (cmp === DIFFTYPE) {
      if (newdest === DIFFLINKS) {
        this.warn(`New link conflict: ${f} ("${this.link(newF)}" vs "${this.link(this.dest(f))}")`);
        return;
      }
      if (newdest === DIFFFILES) {
        this.newConflict(f);
        this.echo('C', f);
        return;
      }
    } else if (newdest === DIFFTYPE) {
      this.warn(`Modified mismatch: ${f} (${fileType(this.fs.lstat(newF))} vs ${fileType(this.fs.lstat(this.dest(f)))})`);
      return;
    }
    if (cmp === DIFFTYPE) this.warn(`Modified ${fileType(this.fs.lstat(this.dest(f)))} changed: ${f} (${fileType(this.fs.lstat(oldF))} became ${fileType(this.fs.lstat(newF))})`);
    else if (cmp === DIFFLINKS) this.warn(`Modified link changed: ${f} ("${this.link(oldF)}" became "${this.link(newF)}")`);
    else this.mergeFile(f);
  }

  addedFile(f: string): void {
    if (this.ignored(f)) return;
    const newF = `${this.newTree}${f}`;
    const cmp = compare(this.fs, this.dest(f), newF);
    if (cmp === EQUAL) return;
    if (cmp === ONLYFIRST) throw new Panic('Added file now missing');
    if (cmp === ONLYSECOND) {
      if (this.fs.lstat(newF)?.kind !== 'dir' && this.installNew(f)) this.echo('A', f);
      return;
    }
    if (cmp === DIFFTYPE) this.warn(`New file mismatch: ${f} (${fileType(this.fs.lstat(newF))} vs ${fileType(this.fs.lstat(this.dest(f)))})`);
    else if (cmp === DIFFLINKS) this.warn(`New link conflict: ${f} ("${this.link(newF)}" vs "${this.link(this.dest(f))}")`);
    else {
      this.newConflict(f);
      this.echo('C', f);
    }
  }

  /** post_update(): /etc/localtime, a regular file, needs tzsetup -r, which needs /var/db/zoneinfo. */
  postUpdate(): void {
    const lt = this.fs.lstat(this.dest('/etc/localtime'));
    if (lt?.kind !== 'file') return;
    if (this.fs.lstat(this.dest('/var/db/zoneinfo'))?.kind === 'file') return;
    this.warn('Needs update: /etc/localtime (required manual update via tzsetup(8))');
  }
}

function fail(stdout: string): SimResult {
  return { stdout, stderr: '', code: 1 };
}

function comm(a: string[], b: string[]): { removed: string[]; added: string[]; both: string[] } {
  const inB = new Set(b);
  const inA = new Set(a);
  return { removed: a.filter((f) => !inB.has(f)), added: b.filter((f) => !inA.has(f)), both: a.filter((f) => inB.has(f)) };
}

export function update(e: UpdateEnv): SimResult {
  const { fs } = e;
  const conflicts = `${e.workdir}/conflicts`;
  // Trim the conflicts tree; whine if there is anything left.
  if (fs.isDir(conflicts)) trimEmptyDirs(fs, conflicts);
  if (fs.isDir(conflicts)) return fail('Conflicts remain from previous update, aborting.\n');
  const dir = tempDir(fs, e.workdir);
  if (!e.tarball) {
    fs.remove(dir, { recursive: true });
    return fail('Failed to build new tree.\n'); // building from SRCDIR is `etcupdate build`'s job here
  }
  if (e.ctx.run(`tar xf ${shQuote(e.tarball)} -C ${shQuote(dir)}`, { root: '/', cwd: '/' }).code !== 0) {
    fs.remove(dir, { recursive: true });
    return fail('Failed to extract new tree.\n');
  }
  const oldTree = `${e.workdir}/current`;
  if (!fs.isDir(oldTree)) {
    fs.remove(dir, { recursive: true });
    return fail('No previous tree to compare against, a sane comparison is not possible.\n');
  }
  const lists = comm(treeFiles(fs, oldTree), treeFiles(fs, dir));
  const m = new Merger(e, oldTree, dir);
  if (fs.lstat(`${e.workdir}/warnings`)) fs.remove(`${e.workdir}/warnings`);
  fs.mkdir(conflicts, { parents: true });
  try {
    for (const f of lists.removed) m.removedFile(f);
    for (const f of [...lists.removed].reverse()) m.removedDirectory(f);
    for (const f of lists.both) m.modifiedFile(f);
    for (const f of lists.added) m.addedFile(f);
  } catch (err) {
    if (err instanceof Panic) return { stdout: `${m.out}PANIC: ${err.message}\n`, stderr: '', code: 10 };
    throw err;
  }
  if (m.newaliasWarn) m.warn('Needs update: /etc/mail/aliases.db (requires manual update via newaliases(1))');
  m.postUpdate();
  if (m.warnings) fs.writeFile(`${e.workdir}/warnings`, m.warnings);
  const out = m.out + (m.warnings ? `Warnings:\n${m.warnings}` : '');
  // Rotate: the previous old tree goes, current becomes old, the new tree current.
  const old = `${e.workdir}/old`;
  if (fs.lstat(old)) fs.remove(old, { recursive: true });
  fs.rename(oldTree, old);
  fs.rename(dir, oldTree);
  return { stdout: out, stderr: '', code: 0 };
}
