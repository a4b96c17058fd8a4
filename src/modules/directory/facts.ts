import { quote } from '../../shell/quote.js';
import { formatMode } from '../args.js';
import { fileFact } from '../facts/file-fact.js';
import { pathScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import type { DirectoryArgs } from './args.js';

export type TreeAttrs = Pick<DirectoryArgs, 'path' | 'mode' | 'owner' | 'group'>;

/**
 * For `recurse`: does every entry below PATH (itself included, symlinks
 * excluded — chmod/chown -R do not change them) already have the wanted
 * attributes? `find` prints the first one that does not; POSIX `-perm MODE`
 * compares all permission bits exactly. Any stderr (unknown user, unreadable
 * subtree) counts as "no", so the recursive steps run and report the error.
 */
export function treeFact(t: TreeAttrs): FactSpec<boolean> {
  const p = quote(t.path);
  const tests = [
    ...(t.mode !== undefined ? [`! -perm ${formatMode(t.mode)}`] : []),
    ...(t.owner !== undefined ? [`! -user ${quote(t.owner)}`] : []),
    ...(t.group !== undefined ? [`! -group ${quote(t.group)}`] : []),
  ];
  const key = `tree::${t.path}:${t.mode === undefined ? '' : formatMode(t.mode)}:${t.owner ?? ''}:${t.group ?? ''}`;
  return {
    key,
    command: `if [ -d ${p} ]; then find ${p} ! -type l \\( ${tests.join(' -o ')} \\) -print | head -n 1; fi`,
    parse: (out) => out.stdout.trim() === '' && out.stderr.trim() === '',
    reads: [pathScope(t.path)],
  };
}

export function needsTreeFact(args: DirectoryArgs): boolean {
  return args.state === 'present' && args.recurse && (args.mode !== undefined || args.owner !== undefined || args.group !== undefined);
}

export function directoryFacts(args: DirectoryArgs): FactSpec[] {
  return needsTreeFact(args) ? [fileFact(args.path), treeFact(args)] : [fileFact(args.path)];
}
