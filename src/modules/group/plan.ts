/**
 * pw groupadd / groupmod -g / groupdel from the accounts fact. The accounts
 * after the step are predicted where pw's result is certain (gr_copy,
 * usr.sbin/pw/pw_group.c): a new group with a given gid is appended with no
 * members, groupmod -g changes the gid in place, groupdel drops the line. A
 * group added without a gid gets one pw chooses: no prediction, later tasks
 * read the accounts again.
 */
import { accountsFact, type AccountGroup, type Accounts } from '../accounts/accounts-fact.js';
import { groupChanges, pwStep } from '../accounts/pw-step.js';
import { PlanError } from '../plan-error.js';
import { noChange, type FactReader, type Plan } from '../types.js';
import type { GroupArgs } from './args.js';

const where = (jail: string | undefined): string => (jail === undefined ? '' : ` in jail ${jail}`);

interface Change {
  message: string;
  words: string[];
  before: string;
  after: string;
  /** The accounts once pw has run, when certain. */
  next?: Accounts;
}

function changed(args: GroupArgs, c: Change): Plan {
  const step = pwStep(args.jail, { title: `pw ${c.words[0]} ${args.name}`, words: c.words, changes: groupChanges(args.jail) });
  return {
    changed: true,
    message: `${c.message}${where(args.jail)}`,
    steps: [step],
    diffs: [{ label: `group ${args.name}${where(args.jail)}`, before: c.before, after: c.after }],
    updates: c.next ? [{ spec: accountsFact(args.jail), value: c.next }] : [],
  };
}

/** pw does not refuse a gid another group has on groupmod (pw_group.c): jailfleet does, for both. */
function checkGidFree(accounts: Accounts, args: GroupArgs): void {
  const other = accounts.groups.find((g) => g.gid === args.gid && g.name !== args.name);
  if (other) throw new PlanError(`gid ${args.gid} already belongs to group ${other.name}${where(args.jail)}`);
}

function remove(accounts: Accounts, group: AccountGroup, args: GroupArgs): Plan {
  const user = accounts.users.find((u) => u.gid === group.gid);
  if (user) throw new PlanError(`group ${group.name} is the primary group of user ${user.name}${where(args.jail)}: remove or change the user first`);
  const next = { ...accounts, groups: accounts.groups.filter((g) => g !== group) };
  return changed(args, { message: `group ${group.name} removed`, words: ['groupdel', '-n', group.name], before: `gid: ${group.gid}\n`, after: '', next });
}

function add(accounts: Accounts, args: GroupArgs): Plan {
  const gid = args.gid === undefined ? [] : ['-g', String(args.gid)];
  const next = args.gid === undefined ? undefined : { ...accounts, groups: [...accounts.groups, { name: args.name, gid: args.gid, members: [] }] };
  return changed(args, {
    message: `group ${args.name} added`,
    words: ['groupadd', '-n', args.name, ...gid],
    before: '',
    after: `gid: ${args.gid ?? '(the next free one)'}\n`,
    ...(next ? { next } : {}),
  });
}

export function planGroup(args: GroupArgs, facts: FactReader): Plan {
  const accounts = facts.get(accountsFact(args.jail));
  const group = accounts.groups.find((g) => g.name === args.name);
  if (args.state === 'absent') return group ? remove(accounts, group, args) : noChange(`group ${args.name} is absent${where(args.jail)}`);
  if (args.gid !== undefined) checkGidFree(accounts, args);
  if (!group) return add(accounts, args);
  const gid = args.gid;
  if (gid === undefined || gid === group.gid) return noChange(`group ${args.name} is as declared${where(args.jail)}`);
  const next = { ...accounts, groups: accounts.groups.map((g) => (g === group ? { ...g, gid } : g)) };
  return changed(args, { message: `group ${args.name}: gid ${group.gid} -> ${gid}`, words: ['groupmod', '-n', args.name, '-g', String(gid)], before: `gid: ${group.gid}\n`, after: `gid: ${gid}\n`, next });
}
