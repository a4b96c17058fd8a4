/**
 * Mode/owner/group of an existing path: what differs from the task, and the
 * chmod/chown steps that fix only that.
 */
import { quote } from '../../shell/quote.js';
import { formatMode } from '../args.js';
import type { FileAttrs } from '../facts/file-fact.js';
import { nodeScope, pathScope } from '../scopes.js';
import type { Diff, Step } from '../types.js';
import { ownershipCommand } from './atomic-write.js';

export interface AttrDelta {
  mode?: number;
  owner?: string;
  group?: string;
  diffs: Diff[];
  notes: string[];
}

/** Only attributes the task sets are compared; unknown current values differ. */
export function attrDelta(path: string, current: FileAttrs, want: FileAttrs): AttrDelta {
  const delta: AttrDelta = { diffs: [], notes: [] };
  if (want.mode !== undefined && current.mode !== want.mode) {
    delta.mode = want.mode;
    const before = current.mode === undefined ? '' : formatMode(current.mode);
    delta.diffs.push({ label: `${path}: mode`, before: before && `${before}\n`, after: `${formatMode(want.mode)}\n` });
    delta.notes.push(`mode ${before || '(unknown)'} -> ${formatMode(want.mode)}`);
  }
  for (const attr of ['owner', 'group'] as const) {
    const w = want[attr];
    if (w === undefined || current[attr] === w) continue;
    delta[attr] = w;
    const before = current[attr] ?? '';
    delta.diffs.push({ label: `${path}: ${attr}`, before: before && `${before}\n`, after: `${w}\n` });
    delta.notes.push(`${attr} ${before || '(unknown)'} -> ${w}`);
  }
  return delta;
}

/**
 * chmod/chown change the path itself (the files below a directory stay as
 * they are); with -R everything below too — -R does not follow symlinks
 * below, so nothing outside the tree changes.
 */
export function attrSteps(path: string, delta: AttrDelta, recursive = false): Step[] {
  const steps: Step[] = [];
  const r = recursive ? ' -R' : '';
  const changes = [recursive ? pathScope(path) : nodeScope(path)];
  if (delta.mode !== undefined) {
    steps.push({ title: `chmod${r} ${path}`, command: `chmod${r} ${formatMode(delta.mode)} ${quote(path)}`, changes });
  }
  const own = ownershipCommand(delta.owner, delta.group, quote(path), recursive);
  if (own) steps.push({ title: `${delta.owner !== undefined ? 'chown' : 'chgrp'}${r} ${path}`, command: own, changes });
  return steps;
}
