import type { SimJail, SimState } from '../../types.js';

/** A running jail by name or JID, as jail_getid(3) resolves it. */
export function findJail(state: SimState, nameOrJid: string): SimJail | undefined {
  const byName = state.jails.find((j) => j.name === nameOrJid);
  if (byName) return byName;
  if (!/^\d+$/.test(nameOrJid)) return undefined;
  return state.jails.find((j) => j.jid === Number(nameOrJid));
}

/** jexec(8)'s message for a jail it cannot find (errx with jail_errmsg). */
export function jexecNotFound(nameOrJid: string): string {
  return `jexec: jail "${nameOrJid}" not found\n`;
}
