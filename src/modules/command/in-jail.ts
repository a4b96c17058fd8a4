/**
 * A command run inside a jail: `jexec -l JAIL` (jexec(8): a clean
 * environment with the login class's PATH, started in the jail's root), so
 * nothing of the controller's session leaks in. chdir is a `cd` inside
 * the jail's shell: jexec's own -d is missing before FreeBSD 14.
 */
import { command, quote } from '../../shell/quote.js';
import { JAILS, jailScope, MOUNTS, NET } from '../scopes.js';
import type { Scope } from '../types.js';

/** `jexec -l JAIL /bin/sh -c TEXT`: the text is one quoted word. */
export function jexecShell(jail: string, text: string): string {
  return `${command('jexec', '-l', jail, '/bin/sh', '-c')} ${quote(text)}`;
}

/** Program words as jexec's own arguments: no shell between, as on the host. */
export function jexecWords(jail: string, words: readonly string[]): string {
  return command('jexec', '-l', jail, ...words);
}

/**
 * What a root command inside a jail can reach: the jail (its files,
 * processes and everything read through it), its entry in the jail table
 * (its last process ending ends it), its sockets and mounts if it may
 * mount — as a service run in a jail (service/scopes.ts actionChanges).
 */
export function jailCommandChanges(jail: string): Scope[] {
  return [jailScope(jail), JAILS, NET, MOUNTS];
}
