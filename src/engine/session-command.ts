/**
 * The command line that opens a host's session: the session script with the
 * play's facts, quoted for /bin/sh -c, under the host lock. Hosts that read
 * the same facts get the same text, so the few newest are kept and handed
 * out again: building and quoting a script of some 15 KB for every host of
 * a fleet is most of what opening a session costs the controller, and the
 * same string each time is also what a target's parser cache (the
 * simulator's) recognises at once.
 */
import { buildSessionScript, shCommand, type ScriptPart } from '../shell/script.js';
import { lockedCommand, type LockSettings } from './host-lock.js';
import { RecentTexts } from '../shell/recent-texts.js';

/** Newest first: the distinct fact lists of a play's hosts (one per kind of host, about). */
const recent = new RecentTexts<string>(8);

/** Everything the command depends on, unambiguously (each command's length before it). */
function keyOf(facts: ScriptPart[], nonce: string, lock: LockSettings): string {
  let key = `${nonce} ${lock.timeoutS} ${facts.length}`;
  for (const f of facts) key += `\n${f.command.length}:${f.command}`;
  return key;
}

export function sessionCommand(facts: ScriptPart[], nonce: string, lock: LockSettings): string {
  return recent.get(keyOf(facts, nonce, lock), () => lockedCommand(shCommand(buildSessionScript(facts, nonce)), lock));
}
