/**
 * What a path itself is, a symbolic link not followed: the fact for
 * removing a path and for making a link, where the link is the subject
 * (file-fact.ts follows it, `ls -ldL`, and describes what it points at).
 * `ls -ld` without -L describes the link (ls(1): -L "follow all symbolic
 * links", absent here); readlink(1) prints its target as stored
 * (usr.bin/stat/stat.c: readlink is `stat -n -f %Y`), exit 1 for anything
 * that is not a link. Shared under the key "node::PATH".
 */
import { quote } from '../../shell/quote.js';
import { pathScope } from '../scopes.js';
import type { FactOutput, FactSpec } from '../types.js';
import { FactParseError } from './fact-parse-error.js';
import { parseSymbolicMode, type FileAttrs } from './file-fact.js';

export type NodeFact =
  | { kind: 'absent' }
  | ({ kind: 'file' | 'directory' | 'other' } & FileAttrs)
  | ({ kind: 'link'; target: string } & FileAttrs);

export function nodeFactKey(path: string): string {
  return `node::${path}`;
}

/** `[ -L ]` first: a dangling link fails `[ -e ]` but is there to remove or replace. */
export function nodeFactCommand(path: string): string {
  const p = quote(path);
  return `if [ -L ${p} ]; then ls -ld ${p} && readlink ${p}; elif [ -e ${p} ]; then ls -ld ${p}; else printf '%s\\n' absent; fi`;
}

export function nodeFact(path: string): FactSpec<NodeFact> {
  const key = nodeFactKey(path);
  return { key, command: nodeFactCommand(path), parse: (out) => parseNodeFact(key, out), reads: [pathScope(path)] };
}

export function parseNodeFact(key: string, out: FactOutput): NodeFact {
  if (out.code !== 0) throw new FactParseError(key, 'cannot read the path', out);
  if (out.stdout === 'absent\n') return { kind: 'absent' };
  const nl = out.stdout.indexOf('\n');
  const [perms, , owner, group] = out.stdout.slice(0, nl < 0 ? undefined : nl).trim().split(/\s+/);
  const mode = perms === undefined ? undefined : parseSymbolicMode(perms);
  if (mode === undefined || owner === undefined || group === undefined) throw new FactParseError(key, 'unexpected `ls -ld` output', out);
  const attrs = { mode, owner, group };
  if (perms!.startsWith('l')) {
    // readlink's line: the target, without the newline it adds.
    const target = out.stdout.slice(nl + 1).replace(/\n$/, '');
    if (nl < 0 || target === '') throw new FactParseError(key, 'readlink printed no target', out);
    return { kind: 'link', target, ...attrs };
  }
  if (perms!.startsWith('d')) return { kind: 'directory', ...attrs };
  return { kind: perms!.startsWith('-') ? 'file' : 'other', ...attrs };
}
