/**
 * pw groupadd / groupshow / groupnext (usr.sbin/pw/pw_group.c: pw_group_add,
 * groupadd, gr_gidpolicy, pw_group_show, getgroup, print_group,
 * pw_group_next, lookup_pwent) and the id bitmap of usr.sbin/pw/bitmap.c.
 */
import { EX_DATAERR, EX_IOERR, EX_NOUSER, EX_SOFTWARE, PwExit, grMake, u32, type GrEntry } from './pw-files.js';
import { CONF, GID_MAX, checkId, checkName, isAllDigits, type PwSession } from './pw-session.js';

/**
 * bitmap.c over [min, max]: bm_lastset (the highest set bit, 0 when none is
 * set) and bm_firstunset (which scans whole bytes, so may pass `max`).
 */
export function idBitmap(used: Iterable<number>, min: number, max: number): { lastset: number; firstunset: number } {
  const set = new Set<number>();
  let lastset = 0;
  for (const raw of used) {
    const id = raw >>> 0;
    if (id < min || id > max) continue;
    set.add(id - min);
    lastset = Math.max(lastset, id - min);
  }
  const bits = Math.ceil((max - min + 1) / 8) * 8;
  let firstunset = 0;
  while (firstunset < bits && set.has(firstunset)) firstunset++;
  return { lastset, firstunset };
}

/** gr_gidpolicy: the id asked for (refused if taken, unless -o), or the next free one. */
export function gidPolicy(s: PwSession, id: number): number {
  if (id > 0) {
    const grp = s.files.groupById(id);
    if (grp && s.checkDuplicate) throw new PwExit(EX_DATAERR, `gid \`${u32(grp.gid)}' has already been allocated`);
    return id;
  }
  const bm = idBitmap([...s.files.groups()].map((g) => g.gid), CONF.minGid, CONF.maxGid);
  // reuse_gids is off: bm_lastset + 1 is never set, so this is lastset + 1 + min.
  const gid = bm.lastset + 1 + CONF.minGid;
  if (gid < CONF.minGid || gid > CONF.maxGid) throw new PwExit(EX_SOFTWARE, 'unable to allocate a new gid - range fully used');
  return gid;
}

function printGroup(s: PwSession, grp: GrEntry, pretty: boolean): void {
  if (pretty) s.stdout += `Group Name: ${grp.name.padEnd(15)}   #${u32(grp.gid)}\n   Members: ${grp.members.join(',')}\n\n`;
  else s.stdout += `${grMake(grp)}\n`;
}

/** lookup_pwent: a member by name, or by uid through the system's own getpwuid(3). */
function lookupMember(s: PwSession, user: string): string {
  const pwd = s.files.userByName(user);
  if (pwd) return pwd.name;
  // The uid form calls plain getpwuid(3): the process's own /etc, not the -R root's.
  if (/^\d/.test(user)) {
    const byId = s.system.userById(Number(/^\d+/.exec(user)![0]));
    if (byId) return byId.name;
  }
  throw new PwExit(EX_NOUSER, `user \`${user}' does not exist`);
}

/** groupadd(): add one group (also what useradd does for a user's own group). */
export function addGroup(s: PwSession, name: string, id: number, members: string | undefined, dryrun: boolean, pretty: boolean): number {
  const grp: GrEntry = { name: checkName(name, false), passwd: '*', gid: gidPolicy(s, id), members: [] };
  for (const m of (members ?? '').split(/[, \t]+/).filter(Boolean)) {
    const member = lookupMember(s, m);
    if (!grp.members.includes(member)) grp.members.push(member);
  }
  if (dryrun) {
    printGroup(s, grp, pretty);
    return 0;
  }
  // addgrent returns -1 for a name already there (useradd's own group with members).
  if (s.files.groupByName(grp.name)) throw new PwExit(EX_IOERR, `group '${grp.name}' already exists`);
  s.files.putGroup(grp);
  s.log('group', 'add', `${grp.name}(${u32(grp.gid)})`);
  return 0;
}

function unsupported(opt: string): PwExit {
  return new PwExit(1, `groupadd -${opt} is not supported by the simulator`);
}

export function groupAdd(s: PwSession, args: string[], arg1: string | undefined): number {
  let name: string | undefined;
  let id = -1;
  if (arg1 !== undefined) {
    if (isAllDigits(arg1)) id = checkId(arg1, GID_MAX);
    else name = arg1;
  }
  let members: string | undefined;
  let dryrun = false;
  let pretty = false;
  let quiet = false;
  for (const [c, v] of s.getopt(args, 'C:qn:g:h:H:M:oNPY')) {
    if (c === 'q') quiet = true;
    else if (c === 'n') name = v;
    else if (c === 'g') id = checkId(v!, GID_MAX);
    else if (c === 'M') members = v;
    else if (c === 'o') s.checkDuplicate = false;
    else if (c === 'N') dryrun = true;
    else if (c === 'P') pretty = true;
    else if (c === 'h' && v === '-') continue; // pw_checkfd("-"): the password stays "*"
    else throw unsupported(c);
  }
  s.quiet = quiet;
  if (name === undefined) throw new PwExit(EX_DATAERR, 'group name required');
  if (s.files.groupByName(name)) throw new PwExit(EX_DATAERR, `group name \`${name}' already exists`);
  return addGroup(s, name, gidPolicy(s, id), members, dryrun, pretty);
}

export function groupShow(s: PwSession, args: string[], arg1: string | undefined): number {
  let name: string | undefined;
  let id = -1;
  if (arg1 !== undefined) {
    if (isAllDigits(arg1)) id = checkId(arg1, GID_MAX);
    else name = arg1;
  }
  let all = false;
  let force = false;
  let pretty = false;
  let quiet = false;
  for (const [c, v] of s.getopt(args, 'C:qn:g:FPa')) {
    if (c === 'q') quiet = true;
    else if (c === 'n') name = v;
    else if (c === 'g') id = checkId(v!, GID_MAX);
    else if (c === 'F') force = true;
    else if (c === 'P') pretty = true;
    else if (c === 'a') all = true;
  }
  s.quiet = quiet;
  if (all) {
    for (const g of s.files.groups()) printGroup(s, g, pretty);
    return 0;
  }
  if (id < 0 && name === undefined) throw new PwExit(EX_DATAERR, 'groupname or id required');
  const grp = name !== undefined ? s.files.groupByName(name) : s.files.groupById(id);
  if (!grp && !force) throw new PwExit(EX_DATAERR, name === undefined ? `unknown gid \`${u32(id)}'` : `unknown group \`${name}'`);
  printGroup(s, grp ?? { name: 'nogroup', passwd: '*', gid: -1, members: [] }, pretty);
  return 0;
}

export function groupNext(s: PwSession, args: string[]): number {
  let quiet = false;
  for (const [c] of s.getopt(args, 'C:q')) if (c === 'q') quiet = true;
  s.quiet = quiet;
  const gid = gidPolicy(s, -1);
  // pw_group_next returns pw_groupnext(cnf, quiet): with -q, the gid itself is the exit status.
  if (s.quiet) return gid & 0xff;
  s.stdout += `${u32(gid)}\n`;
  return 0;
}
