import { accountsFact, type AccountGroup, type Accounts } from '../accounts/accounts-fact.js';
import { groupChanges, pwStep } from '../accounts/pw-step.js';
import { PlanError } from '../plan-error.js';
import { noChange, type FactReader, type Plan, type Step } from '../types.js';
import type { GroupArgs } from './args.js';

const where = (jail: string | undefined): string => (jail === undefined ? '' : ` in jail ${jail}`);

function changed(message: string, step: Step, before: string, after: string, args: GroupArgs): Plan {
  // No prediction: pw picks a new gid itself, and later tasks read the accounts again.
  return { changed: true, message, steps: [step], diffs: [{ label: `group ${args.name}${where(args.jail)}`, before, after }], updates: [] };
}

/** pw does not refuse a gid another group has on groupmod (pw_group.c): jailfleet does, for both. */
function checkGidFree(accounts: Accounts, args: GroupArgs): void {
  const other = accounts.groups.find((g) => g.gid === args.gid && g.name !== args.name);
  if (other) throw new PlanError(`gid ${args.gid} already belongs to group ${other.name}${where(args.jail)}`);
}

function remove(accounts: Accounts, group: AccountGroup, args: GroupArgs): Plan {
  const user = accounts.users.find((u) => u.gid === group.gid);
  if (user) throw new PlanError(`group ${group.name} is the primary group of user ${user.name}${where(args.jail)}: remove or change the user first`);
  const step = pwStep(args.jail, { title: `pw groupdel ${group.name}`, words: ['groupdel', '-n', group.name], changes: groupChanges(args.jail) });
  return changed(`group ${group.name} removed${where(args.jail)}`, step, `gid: ${group.gid}\n`, '', args);
}

export function planGroup(args: GroupArgs, facts: FactReader): Plan {
  const accounts = facts.get(accountsFact(args.jail));
  const group = accounts.groups.find((g) => g.name === args.name);
  if (args.state === 'absent') return group ? remove(accounts, group, args) : noChange(`group ${args.name} is absent${where(args.jail)}`);
  if (args.gid !== undefined) checkGidFree(accounts, args);
  if (!group) {
    const gid = args.gid === undefined ? [] : ['-g', String(args.gid)];
    const step = pwStep(args.jail, { title: `pw groupadd ${args.name}`, words: ['groupadd', '-n', args.name, ...gid], changes: groupChanges(args.jail) });
    return changed(`group ${args.name} added${where(args.jail)}`, step, '', `gid: ${args.gid ?? '(the next free one)'}\n`, args);
  }
  if (args.gid === undefined || args.gid === group.gid) return noChange(`group ${args.name} is as declared${where(args.jail)}`);
  const step = pwStep(args.jail, { title: `pw groupmod ${args.name}`, words: ['groupmod', '-n', args.name, '-g', String(args.gid)], changes: groupChanges(args.jail) });
  return changed(`group ${args.name}: gid ${group.gid} -> ${args.gid}${where(args.jail)}`, step, `gid: ${group.gid}\n`, `gid: ${args.gid}\n`, args);
}
