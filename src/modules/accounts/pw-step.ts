/**
 * pw(8) commands as steps, on the host or inside a running jail
 * (`jexec -l JAIL pw ...`: the jail's own pw on its own files, so nothing
 * of the host is touched through a path the jail controls, as `pw -R`
 * on the jail's root would risk). An encrypted password goes to pw on its
 * stdin (`-H 0`, pw(8)) from the shell's printf builtin: it is never an
 * argument of any process (ps(1) shows arguments), nor in any message.
 */
import { command, quote } from '../../shell/quote.js';
import { jexecWords } from '../command/in-jail.js';
import { hostOrJail, nodeScope, pathScope } from '../scopes.js';
import type { Scope, Step } from '../types.js';
import { GROUP_FILE, MASTER_PASSWD } from './accounts-fact.js';

/**
 * What any pw change writes (pw_util.c pw_copy, gr_copy, then pwd_mkdb(8)
 * for the databases; pw_log.c the userlog), plus the paths a subcommand
 * names itself.
 */
export function accountChanges(jail: string | undefined, paths: string[] = []): Scope[] {
  const files = [MASTER_PASSWD, '/etc/passwd', '/etc/pwd.db', '/etc/spwd.db', GROUP_FILE, '/var/log/userlog', ...paths];
  return hostOrJail(jail, files.map(pathScope));
}

/** What a group subcommand writes: gr_copy's /etc/group and the userlog (no pwd_mkdb: groups have no database). */
export function groupChanges(jail: string | undefined): Scope[] {
  return hostOrJail(jail, [GROUP_FILE, '/var/log/userlog'].map(pathScope));
}

/** A user's crontab, which pw userdel removes (pw_user.c: `crontab -u NAME -r`). */
export function crontabChanges(user: string): Scope[] {
  return [pathScope(`/var/cron/tabs/${user}`), nodeScope('/var/cron/tabs')];
}

export interface PwStep {
  title: string;
  words: string[];
  /** An encrypted password for `-H 0`. */
  password?: string;
  changes: Scope[];
}

export function pwStep(jail: string | undefined, step: PwStep): Step {
  const words = step.password === undefined ? step.words : [...step.words, '-H', '0'];
  const pw = jail === undefined ? command('pw', ...words) : jexecWords(jail, ['pw', ...words]);
  const where = jail === undefined ? '' : ` in jail ${jail}`;
  return {
    title: `${step.title}${where}`,
    command: step.password === undefined ? pw : `printf '%s\\n' ${quote(step.password)} | ${pw}`,
    changes: step.changes,
  };
}
