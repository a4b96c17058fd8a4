/**
 * What the jail module reads. File facts and rc.conf facts use the shared
 * keys ("file::PATH", "sysrc::PATH:NAME"), so `copy`, `line` and `sysrc`
 * tasks on the same paths plan against what this module will have written.
 */
import { command } from '../../shell/quote.js';
import { FactParseError } from '../facts/fact-parse-error.js';
import { fileFact } from '../facts/file-fact.js';
import { rcValueFact, type RcTarget } from '../sysrc/facts.js';
import { pathScope, zfsScope } from '../scopes.js';
import type { FactSpec } from '../types.js';
import type { JailArgs } from './args.js';
import { confPath, fstabPath, JAIL_CONF } from './conf-render.js';
import { jlsFact } from './jls-fact.js';
import { natFacts } from './nat-host.js';
import { vnetFacts } from './vnet-host.js';
import { teardownFacts } from './teardown.js';
import { releaseDir } from './thin-layout.js';
import { treeFacts } from './tree-check.js';
import { etcupdateFacts } from './etcupdate.js';

export const MARKER_FILE = '.jailfleet-release';

export function markerFact(root: string): ReturnType<typeof fileFact> {
  return fileFact(`${root}/${MARKER_FILE}`);
}

export function jailEnableTarget(): RcTarget {
  return { name: 'jail_enable', path: '/etc/rc.conf' };
}

export function jailListTarget(): RcTarget {
  return { name: 'jail_list', path: '/etc/rc.conf' };
}

/** The jail's own rc.conf, edited from the host (works before the jail ever ran). */
export function jailRcTarget(root: string, name: string): RcTarget {
  return { name, path: `${root}/etc/rc.conf` };
}

/** Host path of a file inside the jail. */
export function inJail(root: string, path: string): string {
  return `${root}${path}`;
}

export interface LinkFact {
  /** What the symlink points to; undefined when the path is missing or not a symlink. */
  target?: string;
}

/** `readlink` prints the target of a symlink and fails on anything else. */
export function symlinkFact(path: string): FactSpec<LinkFact> {
  return {
    key: `symlink::${path}`,
    command: command('readlink', path),
    parse: (out) => (out.code === 0 ? { target: out.stdout.replace(/\n$/, '') } : {}),
    reads: [pathScope(path)],
  };
}

export type ArchiveSum = { present: true; sha256: string } | { present: false; message: string };

export function archiveSumFact(path: string): FactSpec<ArchiveSum> {
  const key = `sha256::${path}`;
  return {
    key,
    command: command('sha256', '-q', path),
    parse(out) {
      const sum = out.stdout.trim();
      if (out.code === 0 && /^[0-9a-f]{64}$/.test(sum)) return { present: true, sha256: sum };
      if (out.code !== 0 && out.stderr.trim()) return { present: false, message: out.stderr.trim() };
      throw new FactParseError(key, 'unexpected sha256 output', out);
    },
    reads: [pathScope(path)],
  };
}

export type DatasetFact = { exists: true; mountpoint: string } | { exists: false };

/** `zfs list -H` prints "NAME<TAB>MOUNTPOINT"; a missing dataset exits 1 "dataset does not exist". */
export function datasetFact(dataset: string): FactSpec<DatasetFact> {
  const key = `zfs::${dataset}`;
  return {
    key,
    command: command('zfs', 'list', '-H', '-o', 'name,mountpoint', dataset),
    parse(out) {
      if (out.code === 0) {
        const [name, mountpoint] = out.stdout.split('\n', 1)[0]?.split('\t') ?? [];
        if (name === dataset && mountpoint !== undefined) return { exists: true, mountpoint };
        throw new FactParseError(key, 'unexpected zfs list output', out);
      }
      if (/does not exist/.test(out.stderr)) return { exists: false };
      throw new FactParseError(key, 'zfs list failed', out);
    },
    reads: [zfsScope(dataset)],
  };
}

export function jailFacts(a: JailArgs): FactSpec[] {
  const specs: FactSpec[] = [
    jlsFact(),
    fileFact(confPath(a.name)),
    fileFact(fstabPath(a.name)),
    rcValueFact(jailListTarget()),
    rcValueFact(jailEnableTarget()),
    markerFact(a.path),
    // Read always, used only when the jail runs and must stop (teardown.ts).
    ...teardownFacts(),
  ];
  if (a.dataset !== undefined) specs.push(datasetFact(a.dataset));
  if (a.network === 'nat') specs.push(...natFacts(a));
  if (a.state !== 'absent') specs.push(...vnetFacts(a));
  if (a.state === 'absent') {
    if (a.purge && a.dataset === undefined) specs.push(fileFact(a.path));
    return specs;
  }
  specs.push(fileFact(JAIL_CONF), ...treeFacts(a));
  if (a.archive !== undefined) specs.push(archiveSumFact(a.archive));
  if (a.type === 'thin' && a.release !== undefined) specs.push(markerFact(releaseDir(a.release)), ...etcupdateFacts(a));
  if (a.kernel_link) specs.push(symlinkFact(`${a.path}/kernel`));
  for (const f of a.files) specs.push(fileFact(inJail(a.path, f.path)));
  for (const name of Object.keys(a.rc_conf)) specs.push(rcValueFact(jailRcTarget(a.path, name)));
  return specs;
}
