/**
 * community.general.zfs on file systems. A property counts as set only when
 * its source is local or received (or "-", a property that has no source,
 * as Ansible reads them): a value inherited from a parent or the default
 * is not the task's, even when it is equal, so it is set locally — as
 * Ansible does — and the next run finds it local. A new dataset is created
 * with its properties (`zfs create -p -o ...`, parents made as Ansible
 * makes them); changes are one `zfs set` of every differing property.
 */
import { quote } from '../../shell/quote.js';
import { zfsChanges } from '../jail/root-tree.js';
import { PlanError } from '../plan-error.js';
import { noChange, type FactReader, type Plan } from '../types.js';
import type { ZfsArgs } from './args.js';
import { propsFact, treeFact, type ZfsProp } from './facts.js';
import { parsableValue } from './values.js';

const OWN_SOURCES = new Set(['local', 'received', '-']);

export function planZfs(a: ZfsArgs, facts: FactReader): Plan {
  return a.state === 'absent' ? planAbsent(a, facts) : planPresent(a, facts);
}

function pairs(props: Record<string, string>): string[] {
  return Object.entries(props).map(([k, v]) => `${k}=${v}`);
}

function planPresent(a: ZfsArgs, facts: FactReader): Plan {
  const current = facts.get(propsFact(a.name));
  const wanted = pairs(a.extra_zfs_properties);
  if (!current.exists) {
    return {
      changed: true,
      message: `${a.name} created${wanted.length ? ` with ${wanted.join(' ')}` : ''}`,
      steps: [{ title: `zfs create ${a.name}`, command: `zfs create -p ${wanted.map((p) => `-o ${quote(p)} `).join('')}${quote(a.name)}`, changes: zfsChanges(a.name) }],
      diffs: [{ label: `zfs ${a.name}`, before: 'absent\n', after: ['present', ...wanted].map((l) => `${l}\n`).join('') }],
      updates: [],
    };
  }
  const differ = Object.entries(a.extra_zfs_properties).filter(([k, v]) => !isSet(current.props[k], k, v));
  if (differ.length === 0) return noChange(`${a.name} exists${wanted.length ? ` with ${wanted.join(' ')}` : ''}`);
  const shown = (k: string) => {
    const p = current.props[k];
    return p ? `${p.value} (${p.source})` : '(unset)';
  };
  return {
    changed: true,
    message: differ.map(([k, v]) => `${k}: ${shown(k)} -> ${v}`).join('; '),
    steps: [{ title: `zfs set ${a.name}`, command: `zfs set ${differ.map(([k, v]) => quote(`${k}=${v}`)).join(' ')} ${quote(a.name)}`, changes: zfsChanges(a.name) }],
    diffs: [{ label: `zfs ${a.name}`, before: differ.map(([k]) => `${k}=${shown(k)}\n`).join(''), after: differ.map(([k, v]) => `${k}=${v}\n`).join('') }],
    updates: [],
  };
}

function isSet(current: ZfsProp | undefined, prop: string, value: string): boolean {
  if (!current || !OWN_SOURCES.has(current.source)) return false;
  return current.value === parsableValue(prop, value);
}

function planAbsent(a: ZfsArgs, facts: FactReader): Plan {
  const tree = facts.get(treeFact(a.name));
  if (!tree.exists) return noChange(`${a.name} does not exist`);
  if (tree.below.length && !a.recurse) {
    throw new PlanError(`${a.name} has children or snapshots (${tree.below.join(', ')}): set recurse: true to destroy them with it (zfs destroy -r)`);
  }
  const recursive = tree.below.length > 0;
  return {
    changed: true,
    message: `${a.name} destroyed${recursive ? ` with ${tree.below.join(', ')}` : ''}`,
    steps: [{ title: `zfs destroy ${a.name}`, command: `zfs destroy ${recursive ? '-r ' : ''}${quote(a.name)}`, changes: zfsChanges(a.name) }],
    diffs: [{ label: `zfs ${a.name}`, before: ['present', ...tree.below].map((l) => `${l}\n`).join(''), after: 'absent\n' }],
    updates: [{ spec: treeFact(a.name), value: { exists: false } }],
  };
}
