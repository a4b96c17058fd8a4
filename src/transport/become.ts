/**
 * Privilege escalation for SSH hosts where jailfleet logs in as an ordinary
 * user: every command line runs under `sudo` or `doas` as root, through
 * /bin/sh so the text means the same as it would for root's own shell.
 *
 * The sudo password comes only from JAILFLEET_BECOME_PASSWORD (never argv or
 * inventory files) and travels as the first line of the command's stdin:
 * `sudo -S` reads it from there byte by byte and leaves the rest to the
 * command. doas cannot read a password from stdin at all, so a doas host
 * needs a `permit nopass` rule (or `persist`, which only helps after an
 * interactive login on the same terminal) for the jailfleet user.
 */
import { quote } from '../shell/quote.js';

export type BecomeMethod = 'sudo' | 'doas';

export interface BecomeOptions {
  method: BecomeMethod;
  /** sudo only; from becomePasswordFromEnv(). */
  password?: string;
}

export const BECOME_PASSWORD_ENV = 'JAILFLEET_BECOME_PASSWORD';

export function becomePasswordFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[BECOME_PASSWORD_ENV];
  return value === undefined || value === '' ? undefined : value;
}

export interface BecomeExec {
  commandLine: string;
  stdin?: string | Buffer;
}

/** The line after the password on a sudo command's stdin: the command's own input begins after it. */
export const BECOME_STDIN_MARK = 'jailfleet-become:stdin-follows';

/**
 * sudo reads the password line only when it asks for one: a root login, a
 * NOPASSWD rule or a cached credential leave it on stdin for the command
 * (where a copy step would write it into a file). So the command first
 * reads up to the mark line and drops what came before; sh's read takes a
 * pipe one byte at a time, so nothing after the mark is consumed.
 */
const SKIP_TO_MARK = `while IFS= read -r jf_become_line; do [ "$jf_become_line" = ${quote(BECOME_STDIN_MARK)} ] && break; done; `;

/** The command line (and stdin) that runs `commandLine` as root. */
export function becomeExec(commandLine: string, stdin: string | Buffer | undefined, become: BecomeOptions): BecomeExec {
  const asRoot = `/bin/sh -c ${quote(commandLine)}`;
  if (become.method === 'doas') return { commandLine: `doas -n ${asRoot}`, ...(stdin !== undefined ? { stdin } : {}) };
  if (become.password === undefined) return { commandLine: `sudo -n -- ${asRoot}`, ...(stdin !== undefined ? { stdin } : {}) };
  // -k: a credential cached by an earlier exec on this connection must not make sudo skip the prompt.
  const lines = Buffer.from(`${become.password}\n${BECOME_STDIN_MARK}\n`, 'utf8');
  const rest = stdin === undefined ? Buffer.alloc(0) : Buffer.isBuffer(stdin) ? stdin : Buffer.from(stdin, 'utf8');
  return { commandLine: `sudo -S -k -p '' -- /bin/sh -c ${quote(SKIP_TO_MARK + commandLine)}`, stdin: Buffer.concat([lines, rest]) };
}

/**
 * Why escalation itself failed (not the command), from sudo's or doas's own
 * messages; undefined when the command ran. Exit status 1 is what both use.
 */
export function becomeFailure(method: BecomeMethod, code: number, stderr: string, hasPassword: boolean): string | undefined {
  if (code !== 1) return undefined;
  if (method === 'doas') {
    if (!/^doas: (Authorization|Authentication) required|^doas: Operation not permitted/im.test(stderr)) return undefined;
    return 'doas needs a password, which jailfleet cannot give it: add a "permit nopass" rule for this user in doas.conf';
  }
  if (/^sudo: (\d+ )?incorrect password attempts?/im.test(stderr)) {
    return `sudo refused the password from ${BECOME_PASSWORD_ENV}: incorrect password`;
  }
  if (/^sudo: a (terminal is required|password is required)/im.test(stderr)) {
    return hasPassword
      ? 'sudo asked for a password on a terminal'
      : `sudo needs a password: set ${BECOME_PASSWORD_ENV}, or give this user NOPASSWD in sudoers`;
  }
  const denied = /^(?:sudo: )?(\S+ is not in the sudoers file|Sorry, user \S+ is not allowed to execute [^\n]*)/im.exec(stderr);
  if (denied) return `sudo refused: ${denied[1]}`;
  return undefined;
}
