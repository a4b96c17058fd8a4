/**
 * The corpus as scripts to run: a `/bin/sh -c` command line gives one
 * script per `/bin/sh -c` word (the lock picker, with the locked command
 * line as its "$@", then the session script it runs); any other command
 * line (the migrate relay's, run by the login shell) is a script itself.
 * Each gets the command's stdin (a session's rounds and end line). The same
 * script with the same stdin is run once.
 */
import { shWords, stdinOf, type SentCommand } from './script-corpus.js';

export interface ScriptUnit {
  /** Where it was sent first ("site converge new1 session 3, picker"), and how often. */
  label: string;
  script: string;
  /** The script's "$@" (set by the harness, as `sh -c SCRIPT NAME ARGS...` would). */
  args: string[];
  stdin: string;
}

function callsOf(commandLine: string): Array<{ script: string; args: string[]; part: string }> {
  if (!commandLine.startsWith('/bin/sh -c ')) return [{ script: commandLine, args: [], part: 'command line' }];
  const calls = shWords(commandLine);
  // After `sh -c SCRIPT` comes the script's $0 (the picker's "jailfleet-lock"), then its "$@".
  return calls.map((c, i) => ({ script: c.script, args: c.args.slice(1), part: i < calls.length - 1 ? 'lock picker' : 'script' }));
}

export function scriptUnits(sent: SentCommand[]): ScriptUnit[] {
  const units = new Map<string, ScriptUnit & { seen: number }>();
  sent.forEach((s, n) => {
    const stdin = stdinOf(s);
    for (const c of callsOf(s.commandLine)) {
      const key = JSON.stringify([c.script, c.args, stdin]);
      const known = units.get(key);
      if (known) {
        known.seen++;
        continue;
      }
      units.set(key, { label: `${s.run} ${s.host} ${s.via} ${n}, ${c.part}`, script: c.script, args: c.args, stdin, seen: 1 });
    }
  });
  return [...units.values()].map(({ seen, ...u }) => ({ ...u, label: seen > 1 ? `${u.label} (sent ${seen} times)` : u.label }));
}

/** A word for `set --`, single-quoted (harness text, not something under test). */
export const shellWord = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
