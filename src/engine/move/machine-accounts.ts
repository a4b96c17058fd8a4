/**
 * An old machine's own users and groups (uid/gid ≥ 1000, not nobody or
 * nogroup) merged into the jail it becomes, by name and id (issue 13): an
 * account already there with the same name and id is kept; one whose name
 * or id is taken by another is a conflict, found before anything changes.
 */

export interface Account {
  name: string;
  id: number;
  /** Users: the rest of the master.passwd entry. */
  passwd?: string;
  gid?: number;
  gecos?: string;
  home?: string;
  shell?: string;
  /** Groups: members. */
  members?: string[];
}

/** The system's own ids above 1000 (nogroup, nobody), never merged. */
const SYSTEM_HIGH = new Set([65533, 65534]);

const own = (a: Account): boolean => a.id >= 1000 && !SYSTEM_HIGH.has(a.id);

/** master.passwd(5) lines (10 fields), or passwd(5) lines (7 fields, no password) when that is all there is. */
export function parseUsers(text: string): Account[] {
  const users: Account[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length === 10) users.push({ name: f[0]!, passwd: f[1]!, id: Number(f[2]), gid: Number(f[3]), gecos: f[7]!, home: f[8]!, shell: f[9]! });
    else if (f.length === 7) users.push({ name: f[0]!, id: Number(f[2]), gid: Number(f[3]), gecos: f[4]!, home: f[5]!, shell: f[6]! });
  }
  return users.filter((u) => Number.isInteger(u.id));
}

/** group(5) lines. */
export function parseGroups(text: string): Account[] {
  const groups: Account[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length === 4) groups.push({ name: f[0]!, id: Number(f[2]), members: f[3]!.split(',').filter(Boolean) });
  }
  return groups.filter((g) => Number.isInteger(g.id));
}

export interface AccountMerge {
  groups: Account[];
  users: Account[];
  conflicts: string[];
}

/**
 * What of the source's own accounts the target lacks, and what conflicts.
 * `target` is the jail root's accounts when it exists; before the jail is
 * built, the destination's system accounts (id < 1000, nobody, nogroup:
 * the base system's, the same in a jail of the same release).
 */
export function mergeAccounts(source: { users: Account[]; groups: Account[] }, target: { users: Account[]; groups: Account[] }): AccountMerge {
  const conflicts: string[] = [];
  const missing = (kind: string, mine: Account[], theirs: Account[]): Account[] =>
    mine.filter(own).filter((a) => {
      const byName = theirs.find((t) => t.name === a.name);
      const byId = theirs.find((t) => t.id === a.id);
      if (byName && byName.id === a.id) return false;
      if (byName) conflicts.push(`${kind} ${a.name} is ${a.id} on the source but ${byName.id} in the jail`);
      else if (byId) conflicts.push(`${kind} id ${a.id} is ${a.name} on the source but ${byId.name} in the jail`);
      return !byName && !byId;
    });
  const groups = missing('group', source.groups, target.groups);
  const users = missing('user', source.users, target.users);
  const known = new Set([...target.groups.map((g) => g.id), ...groups.map((g) => g.id)]);
  for (const u of users) if (u.gid !== undefined && !known.has(u.gid)) conflicts.push(`user ${u.name}'s group ${u.gid} is in neither the source's own groups nor the jail's`);
  return { groups, users, conflicts };
}

/** The system's own accounts of a host (what any jail of its release has too). */
export function systemAccounts(accounts: Account[]): Account[] {
  return accounts.filter((a) => !own(a));
}
