/**
 * `purge: true` with `state: absent`: delete the jail's data. Guarded in
 * the step itself: nothing may still be mounted under the root (a devfs
 * left mounted would make `rm -rf` reach into the host's devices).
 */
import { quote } from '../../shell/quote.js';
import { fileFact } from '../facts/file-fact.js';
import { emptyParts, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { pathScope } from '../scopes.js';
import type { FactReader } from '../types.js';
import type { JailArgs } from './args.js';
import { datasetFact, markerFact } from './facts.js';
import { zfsChanges } from './root-tree.js';

export function planPurge(a: JailArgs, facts: FactReader): PlanParts {
  const parts = emptyParts();
  if (a.path.split('/').length < 3) throw new PlanError(`jail ${a.name}: refusing to purge ${a.path}: a jail root must be at least two levels deep`);
  if (a.dataset !== undefined) {
    const spec = datasetFact(a.dataset);
    if (!facts.get(spec).exists) return parts;
    parts.steps.push({ title: `zfs destroy ${a.dataset}`, command: `zfs destroy -r ${quote(a.dataset)}`, changes: zfsChanges(a.dataset) });
    parts.updates.push({ spec, value: { exists: false } });
  } else {
    const root = facts.get(fileFact(a.path));
    if (root.kind === 'absent') return parts;
    if (root.kind !== 'directory') throw new PlanError(`jail ${a.name}: ${a.path} is not a directory; not purging it`);
    const p = quote(a.path);
    parts.steps.push({
      title: `delete ${a.path}`,
      command: [
        `if mount | grep -F -e ${quote(` on ${a.path}/`)} -e ${quote(` on ${a.path} (`)} >/dev/null; then`,
        `  printf 'jail %s: file systems are still mounted under %s\\n' ${quote(a.name)} ${p} >&2`,
        '  exit 1',
        'fi',
        // Base system files carry schg (freebsd.md §10); chflags exists on FreeBSD only.
        `if [ -x /bin/chflags ]; then chflags -R noschg ${p} || exit 1; fi`,
        `rm -rf ${p}`,
      ].join('\n'),
      // Nothing is mounted below (checked first), and rm does not follow symlinks.
      changes: [pathScope(a.path)],
    });
    parts.updates.push({ spec: fileFact(a.path), value: { kind: 'absent' } });
  }
  parts.updates.push({ spec: markerFact(a.path), value: { kind: 'absent' } });
  parts.notes.push(`${a.dataset ?? a.path} deleted`);
  return parts;
}
