/**
 * What the zfs module reads of a dataset: every property with its value in
 * `-p` form and its source (`zfs get -H -p -o property,value,source all`,
 * as community.general.zfs reads them), and, to remove it, what lies
 * directly below it (`zfs list -d 1`: child file systems and snapshots,
 * which plain `zfs destroy` refuses). A missing dataset is `cannot open
 * 'NAME': dataset does not exist`, exit 1 (zfs_open()).
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { zfsScope } from '../scopes.js';
import type { FactOutput, FactSpec } from '../types.js';
import type { ZfsArgs } from './args.js';

export interface ZfsProp {
  value: string;
  source: string;
}

export type ZfsProps = { exists: false } | { exists: true; props: Record<string, ZfsProp> };
export type ZfsTree = { exists: false } | { exists: true; below: string[] };

function missing(out: FactOutput): boolean {
  return out.code === 1 && /dataset does not exist/.test(out.stderr);
}

export function propsFact(name: string): FactSpec<ZfsProps> {
  const key = `zfs-props::${name}`;
  return {
    key,
    command: command('zfs', 'get', '-H', '-p', '-o', 'property,value,source', 'all', name),
    reads: [zfsScope(name)],
    parse(out) {
      if (missing(out)) return { exists: false };
      if (out.code !== 0) throw new FactParseError(key, 'zfs get failed', out);
      const props: Record<string, ZfsProp> = {};
      for (const line of out.stdout.split('\n')) {
        if (!line) continue;
        const [prop, value, source] = line.split('\t');
        if (prop === undefined || value === undefined || source === undefined) throw new FactParseError(key, `unexpected zfs get line: ${line}`, out);
        props[prop] = { value, source };
      }
      return { exists: true, props };
    },
  };
}

export function treeFact(name: string): FactSpec<ZfsTree> {
  const key = `zfs-tree::${name}`;
  return {
    key,
    command: command('zfs', 'list', '-H', '-o', 'name', '-t', 'filesystem,volume,snapshot', '-d', '1', name),
    reads: [zfsScope(name)],
    parse(out) {
      if (missing(out)) return { exists: false };
      if (out.code !== 0) throw new FactParseError(key, 'zfs list failed', out);
      return { exists: true, below: out.stdout.split('\n').filter((n) => n && n !== name) };
    },
  };
}

export function zfsFacts(a: ZfsArgs): FactSpec[] {
  return a.state === 'absent' ? [treeFact(a.name)] : [propsFact(a.name)];
}
