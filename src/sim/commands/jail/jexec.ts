/**
 * jexec(8): `jexec [-l] [-d working-directory] [-u user | -U user] jail [command ...]`.
 * The command words are re-quoted and run by the host's shell with the
 * jail's root. The working directory (usr.sbin/jexec/jexec.c): `/` after
 * jail_attach; with `-l` the user's home (`chdir(pwd->pw_dir)`), the user
 * being root unless -u/-U names one, looked up in the host's passwd (-u,
 * and -l alone) or the jail's (-U). `-d DIR` (FreeBSD 14) is taken as the
 * directory when given (INFERRED: its order against -l is not checked).
 */
import type { SimFs } from '../../fs.js';
import { andThen } from '../../shell/steps.js';
import { inheritStdin } from '../base/util.js';
import { resumable } from '../resumable.js';
import { getopt, has, value } from './getopt.js';
import { reapIfEmpty, runningJail } from './jail-ops.js';
import { shJoin } from './quote.js';

const USAGE = 'usage: jexec [-l] [-d working-directory] [-u username | -U username] jail [command ...]\n';

/** pw_dir of `user` in the passwd file at `path` (host path), if listed. */
function homeOf(fs: SimFs, path: string, user: string): string | undefined {
  if (!fs.exists(path)) return undefined;
  for (const line of fs.readFile(path).split('\n')) {
    const fields = line.split(':');
    if (fields[0] === user && fields.length >= 7) return fields[5];
  }
  return undefined;
}

/** As steps: a session's script run in a jail can wait for input on jexec's stdin. */
export const jexecCommand = resumable((ctx) => {
  const p = getopt(ctx.argv.slice(1), 'd:lnu:U:');
  const [name, ...command] = p.rest;
  if (p.bad || name === undefined) return { stdout: '', stderr: USAGE, code: 1 };
  const jail = ctx.jail ? undefined : runningJail(ctx.host.state, name);
  // libjail's jail_getid() message, printed with errx(1, "%s", jail_errmsg).
  if (!jail) return { stdout: '', stderr: `jexec: jail "${name}" not found\n`, code: 1 };
  const inJail = value(p, 'U');
  const user = inJail ?? value(p, 'u') ?? 'root';
  const passwd = inJail !== undefined ? `${jail.path}/etc/passwd` : '/etc/passwd';
  const home = has(p, 'l') ? homeOf(ctx.host.fs, passwd, user) : undefined;
  const cwd = value(p, 'd') ?? home ?? '/';
  // Without a command jexec runs the user's shell.
  const script = command.length ? shJoin(command) : '/bin/sh';
  const run = ctx.runSteps(script, { root: jail.path, jail: jail.name, cwd, ...inheritStdin(ctx) });
  // jexec's command was a process of the jail: when it exits, it may have been the last one.
  return andThen(run, (result) => {
    reapIfEmpty(ctx.host.state, jail.name);
    return result;
  });
});
