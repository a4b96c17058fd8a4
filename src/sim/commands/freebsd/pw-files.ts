/**
 * pw(8)'s view of a system's account files: ETC/master.passwd, ETC/passwd and
 * ETC/group, read and rewritten as FreeBSD's tools do.
 *  - Line formats: lib/libutil/pw_util.c pw_make ("%s:%s:%ju:%ju:%s:%ju:%ju:%s:%s:%s",
 *    10 fields) and pw_make_v7 ("%s:*:%ju:%ju:%s:%s:%s"); lib/libutil/gr_util.c
 *    gr_make ("%s:%s:%ju:" then the members joined by ",").
 *  - Adding or changing an entry: pw_util.c pw_copy / gr_util.c gr_copy copy
 *    every line as it is (comments and blank lines included, a missing final
 *    newline added), replace the entry of the same name, or append the new
 *    line and "\n" at the end.
 *  - FreeBSD then runs pwd_mkdb(8) -p (usr.sbin/pwd_mkdb/pwd_mkdb.c): it
 *    builds pwd.db/spwd.db (NOT modelled: the simulator keeps only the text
 *    files), writes ETC/passwd in v7 form (comments copied, every password
 *    "*", mode 0644) and leaves master.passwd mode 0600.
 *  - Reading (usr.sbin/pw/pw_vpw.c): comment ("#") and blank lines are
 *    skipped; a malformed line stops pw with "Invalid user entry" / "Invalid
 *    group entry" (exit 1, as tests/pw_useradd_test.sh expects) when a lookup
 *    reaches it.
 * Simulator accommodation: a root with /etc/passwd but no /etc/master.passwd
 * (a hand-made tree; the simulated base system, seed.ts writeBaseSystem,
 * ships both) has its passwd entries read as the master.passwd a stock
 * system would have (class "", change 0, expire 0), and the first write
 * creates master.passwd from them.
 */
import { SimFsError, type SimFs } from '../../fs.js';

/** sysexits(3) codes pw uses. */
export const EX_USAGE = 64;
export const EX_DATAERR = 65;
export const EX_NOUSER = 67;
export const EX_SOFTWARE = 70;
export const EX_OSFILE = 72;
export const EX_IOERR = 74;
export const EX_CONFIG = 78;

/** errx(3)/err(3) from pw: exit status and the message after "pw: " (or `text`, stderr as is). */
export class PwExit extends Error {
  constructor(
    readonly code: number,
    readonly msg?: string,
    readonly text?: string,
  ) {
    super(msg ?? text ?? `exit ${code}`);
  }
}

export interface PwEntry {
  name: string;
  passwd: string;
  uid: number;
  gid: number;
  cls: string;
  change: number;
  expire: number;
  gecos: string;
  dir: string;
  shell: string;
}

export interface GrEntry {
  name: string;
  passwd: string;
  gid: number;
  members: string[];
}

/** %ju of a uid_t/gid_t: unsigned 32-bit. */
export const u32 = (n: number): string => String(n >>> 0);

export const pwMake = (p: PwEntry): string =>
  `${p.name}:${p.passwd}:${u32(p.uid)}:${u32(p.gid)}:${p.cls}:${p.change}:${p.expire}:${p.gecos}:${p.dir}:${p.shell}`;
export const pwMakeV7 = (p: PwEntry): string => `${p.name}:*:${u32(p.uid)}:${u32(p.gid)}:${p.gecos}:${p.dir}:${p.shell}`;
export const grMake = (g: GrEntry): string => `${g.name}:${g.passwd}:${u32(g.gid)}:${g.members.join(',')}`;

/** Comment or blank line: leading white space, then "#" or nothing (pw_copy, pwd_mkdb scan). */
const isComment = (line: string): boolean => /^\s*(#|$)/.test(line);

/** atoi(3) of an id field. */
const atoi = (s: string): number => {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
};

function scanMaster(line: string): PwEntry | undefined {
  const f = line.split(':');
  if (f.length !== 10 || !f[0] || !/^-?\d*$/.test(f[2]!) || !/^-?\d*$/.test(f[3]!)) return undefined;
  return {
    name: f[0],
    passwd: f[1]!,
    uid: atoi(f[2]!),
    gid: atoi(f[3]!),
    cls: f[4]!,
    change: atoi(f[5]!),
    expire: atoi(f[6]!),
    gecos: f[7]!,
    dir: f[8]!,
    shell: f[9]!,
  };
}

function scanGroup(line: string): GrEntry | undefined {
  const f = line.split(':');
  if (f.length !== 4 || !f[0] || !/^-?\d+$/.test(f[2]!)) return undefined;
  return { name: f[0], passwd: f[1]!, gid: atoi(f[2]!), members: f[3]!.split(',').filter(Boolean) };
}

/** Lines of a text file, each without its "\n" (a final partial line included). */
function lines(text: string): string[] {
  if (text === '') return [];
  const all = text.split('\n');
  if (text.endsWith('\n')) all.pop();
  return all;
}

/** One system's account files, by host path of its etc directory. */
export class AccountFiles {
  constructor(
    private readonly fs: SimFs,
    private readonly realRoot: string,
    readonly etc: string,
  ) {}

  private path(name: string): string {
    return this.fs.realpath(`${this.etc}/${name}`, this.realRoot);
  }

  private read(name: string): string | undefined {
    const node = this.fs.stat(this.path(name));
    return node?.kind === 'file' ? node.content : undefined;
  }

  /** master.passwd as text (or what a stock one would hold, derived from passwd). */
  masterText(): string | undefined {
    const master = this.read('master.passwd');
    if (master !== undefined) return master;
    const v7 = this.read('passwd');
    if (v7 === undefined) return undefined;
    return lines(v7)
      .map((l) => {
        if (isComment(l)) return `${l}\n`;
        const f = l.split(':');
        return f.length === 7 ? `${f[0]}:${f[1]}:${f[2]}:${f[3]}::0:0:${f[4]}:${f[5]}:${f[6]}\n` : `${l}\n`;
      })
      .join('');
  }

  /** Every user, in file order; a malformed line ends pw when the scan reaches it. */
  *users(): Generator<PwEntry> {
    for (const line of lines(this.masterText() ?? '')) {
      if (isComment(line)) continue;
      const e = scanMaster(line);
      if (!e) throw new PwExit(1, 'Invalid user entry');
      yield e;
    }
  }

  *groups(): Generator<GrEntry> {
    for (const line of lines(this.read('group') ?? '')) {
      if (isComment(line)) continue;
      const e = scanGroup(line);
      if (!e) throw new PwExit(1, 'Invalid group entry');
      yield e;
    }
  }

  userByName(name: string): PwEntry | undefined {
    for (const u of this.users()) if (u.name === name) return u;
    return undefined;
  }

  userById(uid: number): PwEntry | undefined {
    for (const u of this.users()) if (u.uid >>> 0 === uid >>> 0) return u;
    return undefined;
  }

  groupByName(name: string): GrEntry | undefined {
    for (const g of this.groups()) if (g.name === name) return g;
    return undefined;
  }

  groupById(gid: number): GrEntry | undefined {
    for (const g of this.groups()) if (g.gid >>> 0 === gid >>> 0) return g;
    return undefined;
  }

  /** addpwent: pw_copy into master.passwd, then what pwd_mkdb -p writes (passwd). */
  addUser(entry: PwEntry): void {
    this.rewriteUsers(entry.name, pwMake(entry));
  }

  /** chgpwent (usermod): the line of `old` replaced by the entry, in place. */
  changeUser(old: string, entry: PwEntry): void {
    this.rewriteUsers(old, pwMake(entry));
  }

  /** delpwent (userdel): the line of `name` dropped. */
  deleteUser(name: string): void {
    this.rewriteUsers(name, undefined);
  }

  private rewriteUsers(target: string, line: string | undefined): void {
    const master = this.masterText();
    // INFERRED: pw_update's pw_lock() on a missing master.passwd: err(1, "pw_lock()").
    if (master === undefined) throw new PwExit(1, 'pw_lock(): No such file or directory');
    const text = copyWith(master, (l) => scanMaster(l)?.name, target, line);
    this.write('master.passwd', text, 0o600);
    const v7 = lines(text)
      .map((l) => {
        if (isComment(l)) return `${l}\n`;
        const e = scanMaster(l);
        return e ? `${pwMakeV7(e)}\n` : `${l}\n`;
      })
      .join('');
    this.write('passwd', v7, 0o644);
  }

  /** addgrent (old undefined) or chggrent (old = the group's current name): gr_copy into group. */
  putGroup(entry: GrEntry, old?: string): void {
    const text = this.read('group');
    // INFERRED: gr_update's gr_lock() on a missing group file: err(1, "gr_lock()").
    if (text === undefined) throw new PwExit(1, 'gr_lock(): No such file or directory');
    this.write('group', copyWith(text, (l) => scanGroup(l)?.name, old ?? entry.name, grMake(entry)), undefined);
  }

  /** delgrent (groupdel, userdel's own group): gr_copy without the group's line. */
  deleteGroup(name: string): void {
    const text = this.read('group');
    if (text === undefined) throw new PwExit(1, 'gr_lock(): No such file or directory');
    this.write('group', copyWith(text, (l) => scanGroup(l)?.name, name, undefined), undefined);
  }

  /** The temp file renamed over the old one: master.passwd 0600, passwd 0644, group keeps its mode. */
  private write(name: string, content: string, mode: number | undefined): void {
    const path = this.path(name);
    try {
      this.fs.writeFile(path, content, { mode: mode ?? 0o644 });
      if (mode !== undefined) this.fs.chmod(path, mode);
    } catch (e) {
      if (e instanceof SimFsError) throw new PwExit(EX_IOERR, `passwd file update: ${e.strerror}`);
      throw e;
    }
  }
}

/**
 * pw_copy / gr_copy: replace the line named `target`, or append `line`;
 * with no line (pw_copy's NULL new entry: delpwent, delgrent) drop it.
 */
function copyWith(text: string, nameOf: (line: string) => string | undefined, target: string, line: string | undefined): string {
  const src = lines(text);
  const out: string[] = [];
  let done = false;
  for (const l of src) {
    if (!done && !isComment(l) && nameOf(l.trimStart()) === target) {
      if (line !== undefined) out.push(line);
      done = true;
    } else {
      out.push(l);
    }
  }
  if (!done && line !== undefined) out.push(line);
  return out.map((l) => `${l}\n`).join('');
}
