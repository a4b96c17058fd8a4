/**
 * pw usermod / userdel (usr.sbin/pw/pw_user.c pw_user_mod, pw_user_del;
 * usr.sbin/pw/rm_r.c). What FreeBSD does that the simulator keeps:
 *  - usermod compares each given field and rewrites master.passwd only when
 *    one differs (`edited`); -u is NOT checked for duplicates (no
 *    pw_uidpolicy there); -g is ignored for uid 0; -G replaces every
 *    secondary membership (the user is first taken out of every group, then
 *    added to each listed one: `-G ''` leaves none); -m creates the home
 *    directory if missing, never overwriting files; -H reads an encrypted
 *    password, and then `edited` is pw_set_passwd's result alone.
 *  - userdel refuses root, removes the user's crontab (`crontab -u NAME -r`
 *    through system(3), only without -R/-V), the mail file, the user's own
 *    group if it has no members and is the primary group, the user from every
 *    group's member list, and with -r the home: rm_r removes what the user
 *    owns (and symbolic links), directories only if owned by the user and
 *    empty by then.
 * Not modelled: -l (rename), -e/-p dates, -w yes|random, -L with login.conf,
 * NIS, at jobs (rmat).
 */
import { EX_DATAERR, EX_NOUSER, EX_USAGE, PwExit, u32, type PwEntry } from './pw-files.js';
import { PWDASH, checkFd, encryptedPassword, readFd } from './pw-password.js';
import { CONF, GID_MAX, UID_MAX, checkId, checkName, isAllDigits, type PwSession } from './pw-session.js';
import { copyMkdir, groupNameOrId, mkdirHomeParents, printUser, shellPath } from './pw-user.js';

function unsupported(sub: string, opt: string): PwExit {
  return new PwExit(1, `${sub} -${opt} is not supported by the simulator`);
}

/** The user named, or by uid: "no such user `x'" / "no such uid `n'" (EX_NOUSER). */
function findUser(s: PwSession, name: string | undefined, id: number): PwEntry {
  if (id < 0 && name === undefined) throw new PwExit(EX_DATAERR, 'username or id required');
  const pwd = name !== undefined ? s.files.userByName(checkName(name, false)) : s.files.userById(id);
  if (pwd) return pwd;
  throw new PwExit(EX_NOUSER, name === undefined ? `no such uid \`${u32(id)}'` : `no such user \`${name}'`);
}

interface ModOptions {
  name?: string;
  id: number;
  gecos?: string;
  homedir?: string;
  grname?: string;
  groups?: string[];
  createhome: boolean;
  homemode?: number;
  shell?: string;
  cls?: string;
  fd?: number;
  precrypted: boolean;
  dryrun: boolean;
  pretty: boolean;
  quiet: boolean;
}

function modOptions(s: PwSession, args: string[], arg1: string | undefined): ModOptions {
  const o: ModOptions = { id: -1, createhome: false, precrypted: false, dryrun: false, pretty: false, quiet: false };
  if (arg1 !== undefined) {
    if (isAllDigits(arg1)) o.id = checkId(arg1, UID_MAX);
    else o.name = arg1;
  }
  for (const [c, v] of s.getopt(args, 'C:qn:u:c:d:e:p:g:G:mM:l:k:s:w:L:h:H:NPYy:')) {
    const val = v ?? '';
    switch (c) {
      case 'q': o.quiet = true; break;
      case 'n': o.name = val; break;
      case 'u': o.id = checkId(val, UID_MAX); break;
      case 'c': o.gecos = checkName(val, true); break;
      case 'd': o.homedir = val; break;
      case 'g': groupNameOrId(s, val); o.grname = val; break;
      // split_groups: each name or gid must exist; `-G ''` is an empty list, not none.
      case 'G': o.groups = [...(o.groups ?? []), ...val.split(/[, \t]+/).filter(Boolean).map((g) => groupNameOrId(s, g))]; break;
      case 'm': o.createhome = true; break;
      case 'M':
        if (!/^[0-7]+$/.test(val)) throw unsupported('usermod', 'M with a symbolic mode');
        o.homemode = parseInt(val, 8) & 0o7777;
        break;
      case 's': o.shell = val; break;
      case 'L': o.cls = checkName(val, false); break;
      case 'h':
      case 'H':
        if (o.fd !== undefined) throw new PwExit(EX_USAGE, "'-h' and '-H' are mutually exclusive options");
        o.fd = checkFd(val);
        o.precrypted = c === 'H';
        if (o.precrypted && o.fd === PWDASH) throw new PwExit(EX_USAGE, '-H expects a file descriptor');
        break;
      case 'N': o.dryrun = true; break;
      case 'P': o.pretty = true; break;
      default: throw unsupported('usermod', c);
    }
  }
  return o;
}

export function userMod(s: PwSession, args: string[], arg1: string | undefined): number {
  const o = modOptions(s, args, arg1);
  s.quiet = o.quiet;
  const typed = o.fd === undefined ? undefined : readFd(s, o.fd, o.precrypted);
  const old = findUser(s, o.name, o.name === undefined ? o.id : -1);
  const name = old.name;
  const pwd: PwEntry = { ...old };
  let edited = false;
  if (o.id >= 0 && pwd.uid >>> 0 !== o.id >>> 0) {
    pwd.uid = o.id;
    edited = true;
    if (pwd.uid !== 0 && pwd.name === 'root') throw new PwExit(EX_DATAERR, "can't change uid of `root' account");
    if (pwd.uid === 0 && pwd.name !== 'root') s.warnx(`WARNING: account \`${pwd.name}' will have a uid of 0 (superuser access!)`);
  }
  if (o.grname !== undefined && pwd.uid !== 0) {
    const grp = s.files.groupByName(o.grname) ?? s.files.groupById(checkId(o.grname, GID_MAX));
    if (grp && grp.gid >>> 0 !== pwd.gid >>> 0) {
      pwd.gid = grp.gid;
      edited = true;
    }
  }
  if (o.shell !== undefined) {
    const shell = shellPath(s, o.shell);
    if (shell !== pwd.shell) {
      pwd.shell = shell;
      edited = true;
    }
  }
  if (o.cls !== undefined && o.cls !== pwd.cls) {
    pwd.cls = o.cls;
    edited = true;
  }
  if (o.homedir !== undefined && o.homedir !== pwd.dir) {
    pwd.dir = o.homedir;
    edited = true;
    const st = s.fs.stat(s.inRoot(o.homedir.replace(/^\//, '')));
    if (!st) {
      if (!o.createhome) s.warnx(`WARNING: home \`${o.homedir}' does not exist`);
    } else if (st.kind !== 'dir') {
      s.warnx(`WARNING: home \`${o.homedir}' is not a directory`);
    }
  }
  if (o.gecos !== undefined && o.gecos !== pwd.gecos) {
    pwd.gecos = o.gecos;
    edited = true;
  }
  if (o.fd !== undefined) edited = setPasswd(pwd, o.fd, typed);
  if (o.dryrun) {
    printUser(s, pwd, o.pretty, false);
    return 0;
  }
  if (edited) s.files.changeUser(name, pwd);
  if (o.groups !== undefined) replaceMemberships(s, name, o.groups);
  const grp = s.files.groupById(pwd.gid);
  s.log('user', 'mod', `${pwd.name}(${u32(pwd.uid)}):${grp ? grp.name : 'unknown'}(${u32(grp ? grp.gid : -1)}):${pwd.gecos}:${pwd.dir}:${pwd.shell}`);
  if (s.altdir !== 'V' && o.createhome && pwd.dir.startsWith('/') && pwd.dir.length > 1) {
    mkdirHomeParents(s, pwd.dir);
    const skelHost = s.inRoot(CONF.dotdir.replace(/^\//, ''));
    copyMkdir(s, pwd.dir, s.fs.stat(skelHost)?.kind === 'dir' ? skelHost : undefined, o.homemode ?? CONF.homemode, pwd.uid, pwd.gid);
  }
  return 0;
}

/** pw_set_passwd in update mode: "-" makes "*" (edited only if it was not); an fd gives the encrypted text. */
function setPasswd(pwd: PwEntry, fd: number, typed: string | undefined): boolean {
  if (fd === PWDASH) {
    if (pwd.passwd.startsWith('*')) return false;
    pwd.passwd = '*';
    return true;
  }
  pwd.passwd = encryptedPassword(typed ?? '', fd);
  return true;
}

/** The user out of every group's member list, then into each of `groups` (gr_add skips a member already there). */
function replaceMemberships(s: PwSession, name: string, groups: string[]): void {
  for (const g of [...s.files.groups()]) {
    if (g.members.includes(name)) s.files.putGroup({ ...g, members: g.members.filter((m) => m !== name) }, g.name);
  }
  for (const gname of groups) {
    const g = s.files.groupByName(gname);
    if (!g || g.members.includes(name)) continue;
    s.files.putGroup({ ...g, members: [...g.members, name] }, g.name);
  }
}

export function userDel(s: PwSession, args: string[], arg1: string | undefined): number {
  let name: string | undefined;
  let id = -1;
  if (arg1 !== undefined) {
    if (isAllDigits(arg1)) id = checkId(arg1, UID_MAX);
    else name = arg1;
  }
  let deletehome = false;
  let quiet = false;
  for (const [c, v] of s.getopt(args, 'C:qn:u:rYy:')) {
    if (c === 'q') quiet = true;
    else if (c === 'n') name = v;
    else if (c === 'u') id = checkId(v!, UID_MAX);
    else if (c === 'r') deletehome = true;
    else if (c === 'Y' || c === 'y') throw unsupported('userdel', c);
  }
  s.quiet = quiet;
  const pwd = findUser(s, name, name === undefined ? id : -1);
  name ??= pwd.name;
  if (pwd.name === 'root') throw new PwExit(EX_DATAERR, "cannot remove user 'root'");
  if (s.altdir === undefined && s.fs.stat(s.inProcess(`/var/cron/tabs/${pwd.name}`))) {
    // system("crontab -u NAME -r"): its output goes where pw's does.
    const r = s.ctx.run(`crontab -u ${pwd.name} -r`, { root: s.ctx.root, ...(s.ctx.jail === undefined ? {} : { jail: s.ctx.jail }) });
    s.stdout += r.stdout;
    s.stderr += r.stderr;
  }
  const primary = s.files.groupById(pwd.gid)?.name ?? '';
  s.files.deleteUser(pwd.name);
  const own = s.files.groupByName(name);
  if (own && own.members.length === 0 && name === primary) s.files.deleteGroup(name);
  for (const g of [...s.files.groups()]) {
    if (g.members.includes(name)) s.files.putGroup({ ...g, members: g.members.filter((m) => m !== name) }, g.name);
  }
  s.log('user', 'del', `${name}(${u32(pwd.uid)}) account removed`);
  if (s.altdir !== 'V') {
    const mail = s.inRoot(`var/mail/${pwd.name}`);
    if (s.fs.lstat(mail)?.kind === 'file') s.fs.remove(mail);
  }
  const home = pwd.dir;
  if (s.altdir !== 'V' && deletehome && home.startsWith('/') && !s.files.userById(pwd.uid) && s.fs.stat(s.inRoot(home.slice(1)))) {
    rmR(s, s.inRoot(home.slice(1)), pwd.uid >>> 0);
    const left = s.fs.stat(s.inRoot(home.slice(1))) ? 'not completely ' : '';
    s.log('user', 'del', `${name}(${u32(pwd.uid)}) home '${home}' ${left}removed`);
  }
  return 0;
}

/** rm_r.c: what `uid` owns and every symlink goes; a directory only if `uid` owns it and it is empty by then. */
function rmR(s: PwSession, dir: string, uid: number): void {
  for (const entry of s.fs.readdir(dir)) {
    const path = `${dir}/${entry}`;
    const st = s.fs.lstat(path);
    if (!st) continue;
    if (st.kind === 'dir') rmR(s, path, uid);
    else if (st.kind === 'link' || st.uid === uid) s.fs.remove(path);
  }
  const st = s.fs.lstat(dir);
  if (!st) return;
  if (st.kind === 'link') s.fs.remove(dir);
  else if (st.uid === uid && s.fs.readdir(dir).length === 0) s.fs.remove(dir);
}
