/**
 * When a running jail must be restarted: jail(8) applies path, hostname,
 * addresses and mounts only when it creates the jail (`jail -m` cannot change
 * path or vnet, and mounts and interface aliases are set up by jail(8) around
 * creation only). Other parameters are read at the next start: rewriting the
 * file is enough.
 */
import type { FileFact } from '../facts/file-fact.js';
import type { JailArgs } from './args.js';
import type { RunningJail } from './jls-fact.js';

const CREATION_ONLY = /^(path|host\.hostname|ip4(\.[a-z0-9_]+)?|ip6(\.[a-z0-9_]+)?|interface|vnet(\.[a-z0-9_]+)?|mount(\.[a-z0-9_]+)?|devfs_ruleset)$/;

/** name -> text of each creation-only parameter line ("\tip4.addr = ...;"). */
function creationParams(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of content.split('\n')) {
    const m = /^\s*([a-z][a-z0-9_.]*)\s*(?:=|\+=|;)/.exec(line);
    if (m?.[1] && CREATION_ONLY.test(m[1])) out.set(m[1], `${out.get(m[1]) ?? ''}${line.trim()}\n`);
  }
  return out;
}

function sameSet(a: string[], b: string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Why the running jail must be restarted; empty when it need not be. */
export function restartReasons(a: JailArgs, conf: FileFact, newConf: string, fstabChanged: boolean, running: RunningJail): string[] {
  const reasons: string[] = [];
  const before = creationParams(conf.kind === 'file' ? conf.content : '');
  const after = creationParams(newConf);
  const names = [...new Set([...before.keys(), ...after.keys()])].filter((n) => before.get(n) !== after.get(n));
  if (names.length) reasons.push(`${names.join(', ')} changed`);
  if (fstabChanged && !names.includes('mount.fstab')) reasons.push('mount.fstab file changed');
  if (reasons.length) return reasons;
  // The kernel's view catches a jail started from another configuration.
  if (running.path !== a.path) reasons.push(`running with path ${running.path}`);
  if (running.hostname !== a.hostname) reasons.push(`running with hostname ${JSON.stringify(running.hostname)}`);
  const wanted = a.ip4.map((e) => e.addr);
  if (!sameSet(running.ip4, wanted)) reasons.push(`running with ip4 ${running.ip4.join(',') || '(none)'}`);
  return reasons;
}
