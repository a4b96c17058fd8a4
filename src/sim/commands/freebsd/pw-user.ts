/**
 * pw useradd / usershow / usernext (usr.sbin/pw/pw_user.c: pw_user_add,
 * pw_uidpolicy, pw_gidpolicy, pw_homepolicy, shell_path, pw_password,
 * print_user, pw_user_show, pw_user_next; usr.sbin/pw/cpdir.c copymkdir).
 * Home parents follow FreeBSD 14 (commit bbb2d2ce4220, 14.0 release notes:
 * homes go in /home, no /usr/home with a /home symlink any more).
 */
import { EX_CONFIG, EX_DATAERR, EX_NOUSER, EX_OSFILE, EX_SOFTWARE, EX_USAGE, PwExit, pwMake, pwMakeV7, u32, type PwEntry } from './pw-files.js';
import { addGroup, gidPolicy, idBitmap } from './pw-group.js';
import { PWDASH, checkFd, encryptedPassword, readFd } from './pw-password.js';
import { CONF, GID_MAX, UID_MAX, UMASK, checkId, checkName, isAllDigits, type PwSession } from './pw-session.js';

/** fakeuser: what usershow -F prints for a missing user, and useradd's defaults. */
export const FAKEUSER: PwEntry = { name: 'nouser', passwd: '*', uid: -1, gid: -1, cls: '', change: 0, expire: 0, gecos: 'User &', dir: '/nonexistent', shell: '/bin/sh' };

function unsupported(sub: string, opt: string): PwExit {
  return new PwExit(1, `${sub} -${opt} is not supported by the simulator`);
}

/** pw_uidpolicy: the uid asked for (refused if taken, unless -o), or the one after the highest in range. */
function uidPolicy(s: PwSession, id: number): number {
  if (id >= 0) {
    const pwd = s.files.userById(id);
    if (pwd && s.checkDuplicate) throw new PwExit(EX_DATAERR, `uid \`${u32(pwd.uid)}' has already been allocated`);
    return id;
  }
  const bm = idBitmap([...s.files.users()].map((u) => u.uid), CONF.minUid, CONF.maxUid);
  let uid = bm.lastset + CONF.minUid + 1;
  if (uid > CONF.maxUid) uid = bm.firstunset + CONF.minUid;
  if (uid < CONF.minUid || uid > CONF.maxUid) throw new PwExit(EX_SOFTWARE, 'unable to allocate a new uid - range fully used');
  return uid;
}

/** group_from_name_or_id (pw_user.c). */
export function groupNameOrId(s: PwSession, name: string): string {
  const byName = s.files.groupByName(name);
  if (byName) return byName.name;
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(name);
  const byId = m && Number(m[1]) <= GID_MAX ? s.files.groupById(Number(m[1])) : undefined;
  if (!byId) throw new PwExit(EX_NOUSER, `group \`${name}' does not exist`);
  return byId.name;
}

/** shell_path: a full path (or "") as is, else the first executable SHELLDIR/NAME (access(2), the process's own root). */
export function shellPath(s: PwSession, sh: string): string {
  if (sh === '' || sh.startsWith('/')) return sh;
  for (const dir of CONF.shelldir.split(/[: \t\r\n]+/).filter(Boolean)) {
    const node = s.fs.stat(s.inProcess(`${dir}/${sh}`));
    if (node && node.kind !== 'dir' && node.mode & 0o111) return `${dir}/${sh}`;
  }
  // shell_path's own quirk: a named shell that is not found reports the "no default" error.
  throw new PwExit(EX_CONFIG, 'no default shell available or defined');
}

/** C locale strftime "%c". */
export function cTime(t: number): string {
  const d = new Date(t * 1000);
  const day = d.toLocaleString('en-US', { weekday: 'short', timeZone: 'UTC' });
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** strtok(3) over one string: each call takes the next token ending at one of `delims`. */
function strtok(str: string): (delims: string) => string | undefined {
  let pos = 0;
  return (delims) => {
    while (pos < str.length && delims.includes(str[pos]!)) pos++;
    if (pos >= str.length) return undefined;
    const start = pos;
    while (pos < str.length && !delims.includes(str[pos]!)) pos++;
    const token = str.slice(start, pos);
    if (pos < str.length) pos++;
    return token;
  };
}

/** %-26.26s */
const col26 = (v: string): string => v.slice(0, 26).padEnd(26);

/** print_user: pw_make, pw_make_v7 (-7) or the -P card. */
export function printUser(s: PwSession, pwd: PwEntry, pretty: boolean, v7: boolean): void {
  if (!pretty) {
    s.stdout += `${v7 ? pwMakeV7(pwd) : pwMake(pwd)}\n`;
    return;
  }
  const grp = s.files.groupById(pwd.gid);
  // strtok(gecos, ","), three times, then strtok(NULL, "") for the rest; strlcpy into char[60].
  const tok = strtok(pwd.gecos);
  const fields = ['User &', '[None]', '[None]', '[None]'];
  for (let k = 0; k < 4; k++) {
    const t = tok(k < 3 ? ',' : '');
    if (t === undefined) break;
    fields[k] = t.slice(0, 59);
  }
  let uname = fields[0]!;
  const [, office, wphone, hphone] = fields as [string, string, string, string];
  const amp = uname.indexOf('&');
  if (amp >= 0) uname = `${uname.slice(0, amp)}${pwd.name.charAt(0).toUpperCase()}${pwd.name.slice(1)}${uname.slice(amp + 1)}`;
  const acexpire = pwd.expire > 0 ? cTime(pwd.expire) : '[None]';
  const pwexpire = pwd.change > 0 ? cTime(pwd.change) : '[None]';
  s.stdout +=
    `Login Name: ${pwd.name.padEnd(15)}   #${u32(pwd.uid).padEnd(12)} Group: ${(grp ? grp.name : '(invalid)').padEnd(15)}   #${u32(pwd.gid)}\n` +
    ` Full Name: ${uname}\n` +
    `      Home: ${col26(pwd.dir)}      Class: ${pwd.cls}\n` +
    `     Shell: ${col26(pwd.shell)}     Office: ${office}\n` +
    `Work Phone: ${col26(wphone)} Home Phone: ${hphone}\n` +
    `Acc Expire: ${col26(acexpire)} Pwd Expire: ${pwexpire}\n`;
  const member = [...s.files.groups()].filter((g) => g.members.includes(pwd.name)).map((g) => g.name);
  if (member.length) s.stdout += `    Groups: ${member.join(',')}\n`;
}

/** mkdir_home_parents (FreeBSD 14): create the missing parents of a home directory. */
export function mkdirHomeParents(s: PwSession, dir: string): void {
  if (!dir.startsWith('/')) throw new PwExit(EX_DATAERR, `invalid base directory for home '${dir}'`);
  const rel = dir.slice(1);
  const st = s.fs.stat(s.inRoot(rel));
  if (st) {
    if (st.kind === 'dir') return;
    throw new PwExit(EX_OSFILE, `root home \`/${rel}' is not a directory`);
  }
  const slash = rel.lastIndexOf('/');
  if (slash < 0) return;
  const dirs = rel.slice(0, slash);
  const mkdir = (p: string): void => {
    const host = s.inRoot(p);
    const parent = s.fs.stat(host.slice(0, host.lastIndexOf('/')) || '/');
    if (parent?.kind !== 'dir') throw new PwExit(EX_OSFILE, `'${p}' (root home parent) is not a directory: ${parent ? 'Not a directory' : 'No such file or directory'}`);
    s.fs.mkdir(host, { mode: 0o777 & ~UMASK });
  };
  if (!s.fs.stat(s.inRoot(dirs))) {
    for (let at = dirs.indexOf('/', 1); at >= 0; at = dirs.indexOf('/', at + 1)) {
      const prefix = dirs.slice(0, at);
      if (!s.fs.stat(s.inRoot(prefix))) mkdir(prefix);
    }
  }
  if (!s.fs.stat(s.inRoot(dirs))) {
    mkdir(dirs);
    s.fs.chown(s.inRoot(dirs), 0, 0);
  }
}

/** copymkdir (cpdir.c): make the directory (or fix an existing one's mode), chown it, copy the skeleton (dot.X -> .X). */
export function copyMkdir(s: PwSession, dir: string, skel: string | undefined, mode: number, uid: number, gid: number): void {
  const host = s.inRoot(dir);
  const existing = s.fs.stat(host);
  if (existing) {
    if (existing.kind !== 'dir') {
      s.warnx(`mkdir(${dir.replace(/^\//, '')}): File exists`);
      return;
    }
    s.fs.chmod(host, mode & ~UMASK);
  } else {
    const parent = s.fs.stat(host.slice(0, host.lastIndexOf('/')) || '/');
    if (parent?.kind !== 'dir') {
      s.warnx(`mkdir(${dir.replace(/^\//, '')}): ${parent ? 'Not a directory' : 'No such file or directory'}`);
      return;
    }
    s.fs.mkdir(host, { mode: mode & ~UMASK });
  }
  s.fs.chown(host, uid >>> 0, gid >>> 0);
  if (skel === undefined) return;
  for (const entry of s.fs.readdir(skel)) {
    const src = `${skel}/${entry}`;
    const st = s.fs.lstat(src);
    if (!st) continue;
    const name = entry.startsWith('dot.') ? entry.slice(3) : entry;
    const dst = `${dir}/${name}`;
    if (st.kind === 'dir') {
      copyMkdir(s, dst, src, st.mode & 0o777, uid, gid);
    } else if (st.kind === 'link') {
      const to = s.inRoot(dst);
      if (s.fs.lstat(to)) continue;
      s.fs.symlink(st.target, to);
      s.fs.lstat(to)!.uid = uid >>> 0;
      s.fs.lstat(to)!.gid = gid >>> 0;
    } else {
      const to = s.inRoot(dst);
      if (s.fs.lstat(to)) continue; // O_EXCL: files already there are left alone
      s.fs.writeFile(to, st.content, { mode: st.mode & ~UMASK, uid: uid >>> 0, gid: gid >>> 0, ...(st.binary ? { binary: true } : {}) });
    }
  }
}

export function userAdd(s: PwSession, args: string[], arg1: string | undefined): number {
  let name: string | undefined;
  let id = -1;
  if (arg1 !== undefined) {
    if (isAllDigits(arg1)) id = checkId(arg1, UID_MAX);
    else name = checkName(arg1, false);
  }
  let userid: string | undefined;
  let gecos: string | undefined;
  let homedir: string | undefined;
  let grname: string | undefined;
  const groups: string[] = [];
  let createhome = false;
  let homemode = CONF.homemode;
  let skel: string | undefined;
  let shell = CONF.shellDefault;
  let cls = '';
  let password = '*'; // defaultpasswd "no" (pw_conf.c): P_NO, no login
  let dryrun = false;
  let pretty = false;
  let quiet = false;
  let fd: number | undefined;
  let precrypted = false;
  for (const [c, v] of s.getopt(args, 'C:qn:u:c:d:e:p:g:G:mM:k:s:oL:i:w:h:H:Db:NPy:Y')) {
    const val = v ?? '';
    switch (c) {
      case 'q': quiet = true; break;
      case 'n': name = checkName(val, false); break;
      case 'u': userid = val; break;
      case 'c': gecos = checkName(val, true); break;
      case 'd': homedir = val; break;
      case 'g': grname = val === '' ? val : (groupNameOrId(s, val), val); break;
      case 'G':
        for (const g of val.split(/[, \t]+/).filter(Boolean)) groups.push(groupNameOrId(s, g));
        break;
      case 'm': createhome = true; break;
      case 'M':
        if (/^[0-7]+$/.test(val)) homemode = parseInt(val, 8) & 0o7777;
        else if (/^[ugoa]*[-+=]/.test(val)) throw unsupported('useradd', 'M with a symbolic mode');
        else throw new PwExit(EX_DATAERR, `invalid directory creation mode '${val}'`);
        break;
      case 'k': {
        const st = s.fs.stat(s.inRoot(val.replace(/^\//, '')));
        if (!st) throw new PwExit(EX_OSFILE, `skeleton \`${val}' does not exists`);
        if (st.kind !== 'dir') throw new PwExit(EX_OSFILE, `skeleton \`${val}' is not a directory`);
        skel = val;
        break;
      }
      case 's': shell = val; break;
      case 'o': s.checkDuplicate = false; break;
      case 'L': cls = checkName(val, false); break;
      case 'w':
        // passwd_val: "no" and "none" need no crypt(3); yes/random would.
        if (val === 'no') password = '*';
        else if (val === 'none') password = '';
        else if (val === 'yes' || val === 'random') throw unsupported('useradd', `w ${val}`);
        else throw new PwExit(1, 'Invalid value for default password');
        break;
      case 'h':
      case 'H':
        if (fd !== undefined) throw new PwExit(EX_USAGE, "'-h' and '-H' are mutually exclusive options");
        fd = checkFd(val);
        precrypted = c === 'H';
        if (precrypted && fd === PWDASH) throw new PwExit(EX_USAGE, '-H expects a file descriptor');
        break;
      case 'N': dryrun = true; break;
      case 'P': pretty = true; break;
      default: throw unsupported('useradd', c);
    }
  }
  s.quiet = quiet; // freopen(_PATH_DEVNULL, "w", stderr) comes after the option loop
  const typed = fd === undefined ? undefined : readFd(s, fd, precrypted);
  if (userid !== undefined) id = checkId(userid, UID_MAX);
  if (id < 0 && name === undefined) throw new PwExit(EX_DATAERR, 'user name or id required');
  if (name === undefined) throw new PwExit(EX_DATAERR, 'login name required');
  if (s.files.userByName(name)) throw new PwExit(EX_DATAERR, `login name \`${name}' already exists`);

  const uid = uidPolicy(s, id);
  const gid = gidForUser(s, grname, name, uid, dryrun);
  const pwd: PwEntry = {
    ...FAKEUSER,
    name,
    cls,
    uid,
    gid,
    dir: homedir ?? `${CONF.home}/${name}`,
    shell: shellPath(s, shell),
    passwd: password,
  };
  if (uid === 0 && name !== 'root') s.warnx(`WARNING: new account \`${name}' has a uid of 0 (superuser access!)`);
  if (gecos !== undefined) pwd.gecos = gecos;
  // pw_set_passwd comes after the uid and gid policies: a group it made stays if this fails.
  if (fd === PWDASH && !pwd.passwd.startsWith('*')) pwd.passwd = '*';
  if (fd !== undefined && typed !== undefined) pwd.passwd = encryptedPassword(typed, fd);
  if (dryrun) {
    printUser(s, pwd, pretty, false);
    return 0;
  }
  s.files.addUser(pwd);
  for (const g of groups) {
    const grp = s.files.groupByName(g)!;
    if (grp.members.includes(name)) continue;
    s.files.putGroup({ ...grp, members: [...grp.members, name] }, grp.name);
  }
  const grp = s.files.groupById(gid);
  s.log('user', 'add', `${name}(${u32(uid)}):${grp ? grp.name : 'unknown'}(${u32(grp ? grp.gid : -1)}):${pwd.gecos}:${pwd.dir}:${pwd.shell}`);
  if (s.altdir !== 'V') {
    // An empty mailbox, if the root has a /var/mail (contents and mode of an existing one kept).
    const mail = s.inRoot(`/var/mail/${name}`);
    if (s.fs.stat(mail.slice(0, mail.lastIndexOf('/')))?.kind === 'dir') {
      if (!s.fs.stat(mail)) s.fs.writeFile(mail, '', { mode: 0o600 & ~UMASK });
      s.fs.chown(mail, uid >>> 0, gid >>> 0);
    }
    if (createhome && pwd.dir.startsWith('/') && pwd.dir.length > 1) {
      mkdirHomeParents(s, pwd.dir);
      const dot = skel ?? CONF.dotdir;
      const skelHost = s.inRoot(dot.replace(/^\//, ''));
      copyMkdir(s, pwd.dir, s.fs.stat(skelHost)?.kind === 'dir' ? skelHost : undefined, homemode, uid, gid);
      s.log('user', 'add', `${name}(${u32(uid)}) home ${pwd.dir} made`);
    }
  }
  return 0;
}

/** pw_gidpolicy: -g's group, a member-less group of the user's name, or a new one (gid = uid when free). */
function gidForUser(s: PwSession, grname: string | undefined, name: string, uid: number, dryrun: boolean): number {
  if (grname !== undefined) {
    const byName = s.files.groupByName(grname);
    if (byName) return byName.gid;
    return s.files.groupById(checkId(grname, GID_MAX))!.gid;
  }
  const own = s.files.groupByName(name);
  if (own && own.members.length === 0) return own.gid;
  if (dryrun) return gidPolicy(s, -1);
  const grid = s.files.groupById(uid) ? gidPolicy(s, -1) : uid;
  addGroup(s, name, grid, undefined, false, false);
  return s.files.groupByName(name)?.gid ?? -1;
}

export function userShow(s: PwSession, args: string[], arg1: string | undefined): number {
  let name: string | undefined;
  let id = -1;
  if (arg1 !== undefined) {
    if (isAllDigits(arg1)) id = checkId(arg1, UID_MAX);
    else name = arg1;
  }
  let all = false;
  let pretty = false;
  let force = false;
  let v7 = false;
  let quiet = false;
  for (const [c, v] of s.getopt(args, 'C:qn:u:FPa7')) {
    if (c === 'q') quiet = true;
    else if (c === 'n') name = v;
    else if (c === 'u') id = checkId(v!, UID_MAX);
    else if (c === 'F') force = true;
    else if (c === 'P') pretty = true;
    else if (c === 'a') all = true;
    else if (c === '7') v7 = true;
  }
  s.quiet = quiet;
  if (all) {
    for (const u of s.files.users()) printUser(s, u, pretty, v7);
    return 0;
  }
  if (id < 0 && name === undefined) throw new PwExit(EX_DATAERR, 'username or id required');
  const pwd = name !== undefined ? s.files.userByName(checkName(name, false)) : s.files.userById(id);
  if (!pwd && !force) throw new PwExit(EX_NOUSER, name === undefined ? `no such uid \`${u32(id)}'` : `no such user \`${name}'`);
  printUser(s, pwd ?? FAKEUSER, pretty, v7);
  return 0;
}

export function userNext(s: PwSession, args: string[]): number {
  let quiet = false;
  for (const [c] of s.getopt(args, 'C:q')) if (c === 'q') quiet = true;
  s.quiet = quiet;
  s.stdout += `${u32(uidPolicy(s, -1))}:`;
  // pw_groupnext(cnf, quiet): with -q it returns the gid instead of printing it.
  const gid = gidPolicy(s, -1);
  if (!s.quiet) s.stdout += `${u32(gid)}\n`;
  return 0;
}
