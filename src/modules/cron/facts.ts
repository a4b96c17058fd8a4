/**
 * A user's crontab as crontab(1) lists it (`crontab -u USER -l`: without
 * the three header lines crontab writes; "no crontab for USER", exit 1,
 * when there is none). On FreeBSD the file under /var/cron/tabs is only
 * ever changed through crontab(1), which touches the spool directory so
 * cron(8) rereads it. A cron_file is a plain file (file-fact.ts).
 */
import { command } from '../../shell/quote.js';
import { jexecWords } from '../command/in-jail.js';
import { MASTER_PASSWD } from '../accounts/accounts-fact.js';
import { fileFact } from '../facts/file-fact.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { hostOrJail, pathScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import type { CronArgs } from './args.js';

export type Crontab = { kind: 'tab'; content: string } | { kind: 'none' } | { kind: 'no-user' };

export const SPOOL = '/var/cron/tabs';

/** crontab(1)'s words, on the host or through `jexec -l JAIL` (the jail's crontab, users and spool). */
export function crontabWords(jail: string | undefined, words: string[]): string {
  return jail === undefined ? command('crontab', ...words) : jexecWords(jail, ['crontab', ...words]);
}

export function crontabFact(user: string, jail?: string): FactSpec<Crontab> {
  const key = `crontab:${jail ?? ''}:${user}`;
  return {
    key,
    command: crontabWords(jail, ['-u', user, '-l']),
    parse(out) {
      if (out.code === 0) return { kind: 'tab', content: out.stdout };
      if (out.code === 1 && out.stderr.includes(`no crontab for ${user}`)) return { kind: 'none' };
      if (out.code === 1 && out.stderr.includes(`user \`${user}' unknown`)) return { kind: 'no-user' };
      throw new FactParseError(key, 'crontab -l failed', out);
    },
    // Whether the user exists too: a user task earlier in the play makes the answer change.
    // jexec's own failure (the jail not running) is neither: it throws above.
    reads: hostOrJail(jail, [pathScope(`${SPOOL}/${user}`), pathScope(MASTER_PASSWD)]),
  };
}

export function cronFacts(args: CronArgs): FactSpec[] {
  return [args.cron_file === undefined ? crontabFact(args.user, args.jail) : fileFact(args.cron_file)];
}
