/**
 * pw groupmod / groupdel (usr.sbin/pw/pw_group.c pw_group_mod, pw_group_del,
 * getgroup, delete_members, grp_add_members). What FreeBSD does:
 *  - a missing group is "unknown group `x'" / "unknown gid `n'", EX_DATAERR;
 *  - groupmod -g sets the gid with no duplicate check (gr_gidpolicy is not
 *    called); -M replaces the members (then -d and -m are ignored), else -d
 *    deletes members, else -m adds them; each member must be a user
 *    (lookup_pwent: "user `x' does not exist", EX_NOUSER); the group is
 *    rewritten even when nothing differs;
 *  - groupdel logs "NAME(ID) removed" with the id it was given: -1 as
 *    uintmax_t when the group was named.
 * Not modelled: -l (rename), group passwords (-h/-H), NIS.
 */
import { EX_DATAERR, EX_NOUSER, PwExit, u32, type GrEntry } from './pw-files.js';
import { GID_MAX, checkId, checkName, isAllDigits, type PwSession } from './pw-session.js';

function getGroup(s: PwSession, name: string | undefined, id: number): GrEntry {
  if (id < 0 && name === undefined) throw new PwExit(EX_DATAERR, 'groupname or id required');
  const grp = name !== undefined ? s.files.groupByName(name) : s.files.groupById(id);
  if (grp) return grp;
  throw new PwExit(EX_DATAERR, name === undefined ? `unknown gid \`${u32(id)}'` : `unknown group \`${name}'`);
}

/** lookup_pwent: a user by name, or by uid through the process's own getpwuid(3). */
function memberName(s: PwSession, user: string): string {
  const pwd = s.files.userByName(user) ?? (/^\d/.test(user) ? s.system.userById(Number(/^\d+/.exec(user)![0])) : undefined);
  if (!pwd) throw new PwExit(EX_NOUSER, `user \`${user}' does not exist`);
  return pwd.name;
}

const list = (v: string): string[] => v.split(/[, \t]+/).filter(Boolean);

function arg1Of(arg1: string | undefined): { name?: string; id: number } {
  if (arg1 === undefined) return { id: -1 };
  return isAllDigits(arg1) ? { id: checkId(arg1, GID_MAX) } : { name: arg1, id: -1 };
}

export function groupMod(s: PwSession, args: string[], arg1: string | undefined): number {
  let { name, id } = arg1Of(arg1);
  let members: string | undefined;
  let oldmembers: string | undefined;
  let newmembers: string | undefined;
  let quiet = false;
  for (const [c, v] of s.getopt(args, 'C:qn:d:g:l:h:H:M:m:NPY')) {
    if (c === 'q') quiet = true;
    else if (c === 'n') name = v;
    else if (c === 'g') id = checkId(v!, GID_MAX);
    else if (c === 'M') members = v;
    else if (c === 'd') oldmembers = v;
    else if (c === 'm') newmembers = v;
    else if (c !== 'C') throw new PwExit(1, `groupmod -${c} is not supported by the simulator`);
  }
  s.quiet = quiet;
  const old = getGroup(s, name, id);
  const grp: GrEntry = { ...old, members: [...old.members] };
  if (id > 0) grp.gid = id;
  checkName(grp.name, false);
  if (members !== undefined) {
    grp.members = [];
    for (const m of list(members)) addMember(grp, memberName(s, m));
  } else if (oldmembers !== undefined) {
    for (const m of list(oldmembers)) grp.members = grp.members.filter((x) => x !== m);
  } else if (newmembers !== undefined) {
    for (const m of list(newmembers)) addMember(grp, memberName(s, m));
  }
  s.files.putGroup(grp, old.name);
  s.log('group', 'mod', `${grp.name}(${u32(grp.gid)})`);
  return 0;
}

function addMember(grp: GrEntry, name: string): void {
  if (!grp.members.includes(name)) grp.members.push(name);
}

export function groupDel(s: PwSession, args: string[], arg1: string | undefined): number {
  let { name, id } = arg1Of(arg1);
  let quiet = false;
  for (const [c, v] of s.getopt(args, 'C:qn:g:Y')) {
    if (c === 'q') quiet = true;
    else if (c === 'n') name = v;
    else if (c === 'g') id = checkId(v!, GID_MAX);
    else if (c === 'Y') throw new PwExit(1, 'groupdel -Y is not supported by the simulator');
  }
  s.quiet = quiet;
  const grp = getGroup(s, name, id);
  s.files.deleteGroup(grp.name);
  // pw_log(..., "%s(%ju) removed", name, (uintmax_t)id): the arguments as given.
  s.log('group', 'del', `${name ?? '(null)'}(${id < 0 ? '18446744073709551615' : String(id)}) removed`);
  return 0;
}
