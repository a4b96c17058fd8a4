/**
 * pw useradd / usermod / userdel from the accounts fact (Ansible's user
 * module semantics: only the attributes a task names are compared). The
 * password is compared with the master.passwd field and shown in messages
 * and diffs only as "(set)", "(none)" or "(changed)". The accounts after
 * usermod and userdel are predicted (exact, as pw writes them); after
 * useradd they are read again (pw and pw.conf choose the uid, the group,
 * the defaults).
 */
import { accountsFact, findGroup, type Account, type Accounts } from '../accounts/accounts-fact.js';
import { accountChanges, crontabChanges, pwStep } from '../accounts/pw-step.js';
import { PlanError } from '../plan-error.js';
import { noChange, type FactReader, type Plan, type Step } from '../types.js';
import type { UserArgs } from './args.js';

const where = (jail: string | undefined): string => (jail === undefined ? '' : ` in jail ${jail}`);

/** pw.conf's default home base on FreeBSD 14 (pw.conf(5) `home`, 14.0: /home). Passed explicitly so the plan knows the path it makes. */
const HOME_BASE = '/home';

/** "*" (pw's "no login") and "" are no password; anything else is a hash, never shown. */
const shownPassword = (p: string): string => (p === '' || p.startsWith('*') ? '(none)' : '(set)');

function groupGid(accounts: Accounts, ref: string, args: UserArgs): number {
  const g = findGroup(accounts, ref);
  if (!g) throw new PlanError(`group ${ref} does not exist${where(args.jail)}`);
  return g.gid;
}

/** Secondary groups by name, as pw -G takes them; every one must exist. */
function groupNames(accounts: Accounts, refs: string[], args: UserArgs): string[] {
  return refs.map((r) => {
    const g = findGroup(accounts, r);
    if (!g) throw new PlanError(`group ${r} does not exist${where(args.jail)}`);
    return g.name;
  });
}

interface Change {
  key: string;
  before: string;
  after: string;
  words: string[];
}

function plan(args: UserArgs, message: string, step: Step, changes: Change[], next?: Accounts): Plan {
  const label = `user ${args.name}${where(args.jail)}`;
  // A user that is not there (before an add, after a removal) is no text at all.
  const text = (side: 'before' | 'after'): string => (changes.every((c) => c[side] === '') ? '' : changes.map((c) => `${c.key}: ${c[side]}\n`).join(''));
  const updates = next ? [{ spec: accountsFact(args.jail), value: next }] : [];
  return { changed: true, message, steps: [step], diffs: [{ label, before: text('before'), after: text('after') }], updates };
}

function addUser(args: UserArgs, accounts: Accounts): Plan {
  const home = args.home ?? (args.create_home ? `${HOME_BASE}/${args.name}` : undefined);
  const groups = args.groups === undefined ? [] : groupNames(accounts, args.groups, args);
  if (args.group !== undefined) groupGid(accounts, args.group, args);
  const attrs: Change[] = [
    ...(args.uid !== undefined ? [{ key: 'uid', before: '', after: String(args.uid), words: ['-u', String(args.uid)] }] : []),
    ...(args.group !== undefined ? [{ key: 'group', before: '', after: args.group, words: ['-g', args.group] }] : []),
    ...(groups.length ? [{ key: 'groups', before: '', after: groups.join(','), words: ['-G', groups.join(',')] }] : []),
    ...(args.comment !== undefined ? [{ key: 'comment', before: '', after: args.comment, words: ['-c', args.comment] }] : []),
    ...(home !== undefined ? [{ key: 'home', before: '', after: home, words: ['-d', home, ...(args.create_home ? ['-m'] : [])] }] : []),
    ...(args.shell !== undefined ? [{ key: 'shell', before: '', after: args.shell, words: ['-s', args.shell] }] : []),
    ...(args.password !== undefined ? [{ key: 'password', before: '', after: '(set)', words: [] }] : []),
  ];
  const paths = [`/var/mail/${args.name}`, ...(args.create_home && home !== undefined ? [home] : [])];
  const step = pwStep(args.jail, {
    title: `pw useradd ${args.name}`,
    words: ['useradd', '-n', args.name, ...attrs.flatMap((a) => a.words)],
    ...(args.password !== undefined ? { password: args.password } : {}),
    changes: accountChanges(args.jail, paths),
  });
  return plan(args, `user ${args.name} added${where(args.jail)}`, step, [{ key: 'name', before: '', after: args.name, words: [] }, ...attrs]);
}

function currentGroups(accounts: Accounts, name: string): string[] {
  return accounts.groups.filter((g) => g.members.includes(name)).map((g) => g.name);
}

function modifications(args: UserArgs, user: Account, accounts: Accounts): Change[] {
  const out: Change[] = [];
  const add = (key: string, before: string, after: string, words: string[]): void => {
    if (before !== after) out.push({ key, before, after, words });
  };
  if (args.uid !== undefined) add('uid', String(user.uid), String(args.uid), ['-u', String(args.uid)]);
  if (args.group !== undefined) {
    const gid = groupGid(accounts, args.group, args);
    const name = (id: number): string => accounts.groups.find((g) => g.gid === id)?.name ?? String(id);
    // pw_user_mod skips -g for uid 0: the task would change it on every run.
    if (gid !== user.gid && (args.uid ?? user.uid) === 0) throw new PlanError(`pw usermod cannot change the primary group of ${user.name} (uid 0)${where(args.jail)}`);
    if (gid !== user.gid) out.push({ key: 'group', before: name(user.gid), after: name(gid), words: ['-g', args.group] });
  }
  if (args.groups !== undefined) {
    const now = currentGroups(accounts, user.name);
    const named = groupNames(accounts, args.groups, args);
    const want = args.append ? [...now, ...named.filter((g) => !now.includes(g))] : [...new Set(named)];
    const same = want.length === now.length && want.every((g) => now.includes(g));
    if (!same) out.push({ key: 'groups', before: now.join(','), after: want.join(','), words: ['-G', want.join(',')] });
  }
  if (args.comment !== undefined) add('comment', user.gecos, args.comment, ['-c', args.comment]);
  if (args.home !== undefined) add('home', user.home, args.home, ['-d', args.home, ...(args.create_home ? ['-m'] : [])]);
  if (args.shell !== undefined) add('shell', user.shell, args.shell, ['-s', args.shell]);
  if (args.password !== undefined && args.update_password === 'always' && args.password !== user.passwd) {
    const before = shownPassword(user.passwd);
    out.push({ key: 'password', before, after: before === '(set)' ? '(changed)' : '(set)', words: [] });
  }
  return out;
}

/**
 * The accounts after pw usermod (pw_user_mod, usr.sbin/pw/pw_user.c): the
 * fields set in place; with -G the user is first taken out of every group,
 * then appended to each listed one (gr_add), in that order.
 */
function afterMod(accounts: Accounts, user: Account, args: UserArgs, mods: Change[]): Accounts {
  const set = (key: string): boolean => mods.some((m) => m.key === key);
  const next: Account = {
    ...user,
    ...(set('uid') ? { uid: args.uid! } : {}),
    ...(set('group') ? { gid: groupGid(accounts, args.group!, args) } : {}),
    ...(set('comment') ? { gecos: args.comment! } : {}),
    ...(set('home') ? { home: args.home! } : {}),
    ...(set('shell') ? { shell: args.shell! } : {}),
    ...(set('password') ? { passwd: args.password! } : {}),
  };
  const want = mods.find((m) => m.key === 'groups')?.after.split(',').filter(Boolean);
  const groups = want === undefined ? accounts.groups : accounts.groups.map((g) => {
    const members = g.members.filter((m) => m !== user.name);
    return { ...g, members: want.includes(g.name) ? [...members, user.name] : members };
  });
  return { users: accounts.users.map((u) => (u === user ? next : u)), groups };
}

/** The accounts after pw userdel (pw_user_del): the user, its own member-less group if primary, its memberships gone. */
function afterDel(accounts: Accounts, user: Account): Accounts {
  const primary = accounts.groups.find((g) => g.gid === user.gid)?.name;
  const groups = accounts.groups
    .filter((g) => !(g.name === user.name && g.members.length === 0 && primary === user.name))
    .map((g) => ({ ...g, members: g.members.filter((m) => m !== user.name) }));
  return { users: accounts.users.filter((u) => u !== user), groups };
}

function modifyUser(args: UserArgs, user: Account, accounts: Accounts): Plan {
  const mods = modifications(args, user, accounts);
  if (!mods.length) return noChange(`user ${args.name} is as declared${where(args.jail)}`);
  const password = mods.some((m) => m.key === 'password') ? args.password : undefined;
  const newHome = mods.some((m) => m.key === 'home') && args.create_home ? [args.home!] : [];
  const step = pwStep(args.jail, {
    title: `pw usermod ${args.name}`,
    words: ['usermod', '-n', args.name, ...mods.flatMap((m) => m.words)],
    ...(password !== undefined ? { password } : {}),
    changes: accountChanges(args.jail, newHome),
  });
  const summary = mods.map((m) => (m.key === 'password' ? 'password changed' : `${m.key} ${m.before || '(none)'} -> ${m.after || '(none)'}`));
  return plan(args, `user ${args.name}: ${summary.join(', ')}${where(args.jail)}`, step, mods, afterMod(accounts, user, args, mods));
}

function removeUser(args: UserArgs, user: Account, accounts: Accounts): Plan {
  if (user.name === 'root') throw new PlanError('refusing to remove user root');
  const home = args.remove && user.home.startsWith('/') ? [user.home] : [];
  const changes = [...accountChanges(args.jail, [`/var/mail/${user.name}`, ...home]), ...(args.jail === undefined ? crontabChanges(user.name) : [])];
  const step = pwStep(args.jail, { title: `pw userdel ${user.name}`, words: ['userdel', '-n', user.name, ...(args.remove ? ['-r'] : [])], changes });
  const before: Change[] = [
    { key: 'name', before: user.name, after: '', words: [] },
    { key: 'uid', before: String(user.uid), after: '', words: [] },
    { key: 'home', before: user.home, after: '', words: [] },
  ];
  return plan(args, `user ${user.name} removed${args.remove ? ` with its home ${user.home}` : ''}${where(args.jail)}`, step, before, afterDel(accounts, user));
}

export function planUser(args: UserArgs, facts: FactReader): Plan {
  const accounts = facts.get(accountsFact(args.jail));
  const user = accounts.users.find((u) => u.name === args.name);
  if (args.state === 'absent') return user ? removeUser(args, user, accounts) : noChange(`user ${args.name} is absent${where(args.jail)}`);
  return user ? modifyUser(args, user, accounts) : addUser(args, accounts);
}
