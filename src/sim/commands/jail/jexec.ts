/**
 * jexec(8): `jexec [-l] [-u user | -U user] jail [command ...]`. The command
 * words are re-quoted and run by the host's shell with the jail's root.
 */
import { inheritStdin } from '../base/util.js';
import { resumable } from '../resumable.js';
import { getopt } from './getopt.js';
import { runningJail } from './jail-ops.js';
import { shJoin } from './quote.js';

const USAGE = 'usage: jexec [-l] [-d working-directory] [-u username | -U username] jail [command ...]\n';

/** As steps: a session's script run in a jail can wait for input on jexec's stdin. */
export const jexecCommand = resumable((ctx) => {
  const p = getopt(ctx.argv.slice(1), 'd:lnu:U:');
  const [name, ...command] = p.rest;
  if (p.bad || name === undefined) return { stdout: '', stderr: USAGE, code: 1 };
  const jail = ctx.jail ? undefined : runningJail(ctx.host.state, name);
  // libjail's jail_getid() message, printed with errx(1, "%s", jail_errmsg).
  if (!jail) return { stdout: '', stderr: `jexec: jail "${name}" not found\n`, code: 1 };
  // Without a command jexec runs the user's shell.
  const script = command.length ? shJoin(command) : '/bin/sh';
  return ctx.runSteps(script, { root: jail.path, jail: jail.name, cwd: '/', ...inheritStdin(ctx) });
});
