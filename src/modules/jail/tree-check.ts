/**
 * A built root tree (its marker present) that lost part of the base system
 * — bin/sh, etc/ deleted by hand or by a bad cleanup — is reported, never
 * rebuilt: extracting base.txz again would overwrite whatever the jail's
 * users changed under etc/ and elsewhere. The paths checked are the ones a
 * start and a stop need: the shell and the rc scripts exec.start/exec.stop
 * run, and the mount points of devfs and procfs.
 */
import { existsFact } from '../command/facts.js';
import { PlanError } from '../plan-error.js';
import type { FactReader, FactSpec, FactUpdate } from '../types.js';
import type { JailArgs } from './args.js';
import { BASE_MOUNT } from './thin-layout.js';

/** Relative to the root; a directory comes before what lies in it. */
export function essentialPaths(a: JailArgs): string[] {
  // A thin root's bin is a link into the release, there only while jail(8) has it mounted: its mount point stands for it.
  const paths = [...(a.type === 'thin' ? [BASE_MOUNT] : ['bin', 'bin/sh']), 'etc', 'etc/rc', 'etc/rc.shutdown'];
  if (a.mount.devfs || a.mount.fdescfs) paths.push('dev');
  if (a.mount.procfs) paths.push('proc');
  return paths;
}

export function treeFacts(a: JailArgs): FactSpec[] {
  return essentialPaths(a).map((p) => existsFact(`${a.path}/${p}`));
}

/** After a build from a release these exist: every FreeBSD base.txz has them. */
export function builtTree(a: JailArgs): FactUpdate[] {
  return essentialPaths(a).map((p) => ({ spec: existsFact(`${a.path}/${p}`), value: true }));
}

/** Throws, naming what is missing (a missing directory stands for what it held). */
export function checkTree(a: JailArgs, facts: FactReader, built: string): void {
  const missing = essentialPaths(a).filter((p) => !facts.get(existsFact(`${a.path}/${p}`)));
  const top = missing.filter((p) => !missing.some((m) => p.startsWith(`${m}/`)));
  if (!top.length) return;
  throw new PlanError(
    `jail ${a.name}: root tree ${a.path} (built from ${built}) is incomplete: ${top.join(', ')} missing; ` +
      'not rebuilding over what is there — restore the missing files, or move the tree away to have it built anew',
  );
}
