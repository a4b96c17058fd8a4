/**
 * The accounts of the host or of a running jail, as pw(8) prints them:
 * `pw usershow -a` (every master.passwd line, pw_make's 10 fields) and
 * `pw groupshow -a` (every group line, gr_make's 4). One fact shared by
 * every user and group task of a play (one read), under the key
 * "accounts:JAIL:". In a jail it is read through jexec, with the jail's own
 * pw and files (as the command module's `jail:`).
 */
import { command } from '../../shell/quote.js';
import { jexecShell } from '../command/in-jail.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { hostOrJail, pathScope } from '../scopes.js';
import type { FactOutput, FactSpec } from '../types.js';

export interface Account {
  name: string;
  /** The encrypted password field: never printed by jailfleet. */
  passwd: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface AccountGroup {
  name: string;
  gid: number;
  members: string[];
}

export interface Accounts {
  users: Account[];
  groups: AccountGroup[];
}

/** The files pw reads for users and groups. */
export const MASTER_PASSWD = '/etc/master.passwd';
export const GROUP_FILE = '/etc/group';
const MARKER = '@@jailfleet-groups';

function text(): string {
  return `${command('pw', 'usershow', '-a')} && printf '%s\\n' ${MARKER} && ${command('pw', 'groupshow', '-a')}`;
}

export function accountsFact(jail: string | undefined): FactSpec<Accounts> {
  const key = `accounts:${jail ?? ''}:`;
  return {
    key,
    command: jail === undefined ? text() : jexecShell(jail, text()),
    parse: (out) => parseAccounts(key, out),
    reads: hostOrJail(jail, [pathScope(MASTER_PASSWD), pathScope(GROUP_FILE)]),
  };
}

function parseAccounts(key: string, out: FactOutput): Accounts {
  const at = out.stdout.indexOf(`${MARKER}\n`);
  // What an error keeps has no stdout: it holds every password hash.
  const shown = { ...out, stdout: '' };
  if (out.code !== 0 || at < 0) throw new FactParseError(key, 'pw usershow -a / groupshow -a failed', shown);
  const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
  const users = lines(out.stdout.slice(0, at)).map((l) => {
    const f = l.split(':');
    if (f.length !== 10) throw new FactParseError(key, `unexpected user line with ${f.length} fields`, shown);
    return { name: f[0]!, passwd: f[1]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[7]!, home: f[8]!, shell: f[9]! };
  });
  const groups = lines(out.stdout.slice(at + MARKER.length + 1)).map((l) => {
    const f = l.split(':');
    if (f.length !== 4) throw new FactParseError(key, `unexpected group line ${l}`, shown);
    return { name: f[0]!, gid: Number(f[2]), members: f[3]!.split(',').filter(Boolean) };
  });
  return { users, groups };
}

/** A group by name, or by gid when `ref` is all digits and no group has that name. */
export function findGroup(accounts: Accounts, ref: string): AccountGroup | undefined {
  return accounts.groups.find((g) => g.name === ref) ?? (/^\d+$/.test(ref) ? accounts.groups.find((g) => g.gid === Number(ref)) : undefined);
}
