/**
 * The one planner for "this path must be a regular file with this content
 * and these attributes", used by copy, line and sysctl's sysctl.conf edit.
 */
import { fileFact, type FileAttrs, type FileFact } from '../facts/file-fact.js';
import { emptyParts, type PlanParts } from '../plan-parts.js';
import { PlanError } from '../plan-error.js';
import { quote } from '../../shell/quote.js';
import { pathScope } from '../scopes.js';
import { atomicWriteCommand } from './atomic-write.js';
import { attrDelta, attrSteps } from './attributes.js';
import { backupPath } from './backup-path.js';

/** mktemp creates 0600; a new file without `mode` gets the usual 0644. */
export const DEFAULT_FILE_MODE = 0o644;

export interface DesiredFile extends FileAttrs {
  path: string;
  content: string;
  backup: boolean;
  /** What the content change of an existing file is, for the message ("line added"). */
  contentNote: string;
  /** Ansible's `validate`: checks the new content before it replaces the file (atomic-write.ts). */
  validate?: string;
}

export function planFile(current: FileFact, want: DesiredFile, vars: Readonly<Record<string, unknown>>): PlanParts {
  const { path } = want;
  if (current.kind === 'directory' || current.kind === 'other') {
    throw new PlanError(`${path} exists and is not a regular file`);
  }
  const existing = current.kind === 'file' ? current : undefined;
  const delta = attrDelta(path, existing ?? {}, want);
  const result: FileAttrs = {
    mode: want.mode ?? existing?.mode ?? DEFAULT_FILE_MODE,
    owner: want.owner ?? existing?.owner,
    group: want.group ?? existing?.group,
  };
  const parts = emptyParts();
  const spec = fileFact(path);

  if (existing && existing.content === want.content) {
    parts.steps.push(...attrSteps(path, delta));
  } else {
    if (existing && want.backup) {
      const bak = backupPath(path, vars);
      parts.steps.push({ title: `back up ${path}`, command: `cp -p ${quote(path)} ${quote(bak)}`, changes: [pathScope(bak)] });
      // cp -p copies content, mode and owner (root runs the steps): exact.
      parts.updates.push({ spec: fileFact(bak), value: existing });
      parts.notes.push(`backup ${bak}`);
    }
    parts.steps.push({
      title: `write ${path}`,
      command: atomicWriteCommand({ path, content: want.content, mode: result.mode ?? DEFAULT_FILE_MODE, owner: result.owner, group: result.group, validate: want.validate }),
      // Content, mode and owner all come from the plan: an earlier write right before it is redundant,
      // unless it validates: its check must run (and may stop the run) as if it were alone.
      ...(want.validate === undefined ? { replaces: path } : {}),
      // The temp file beside it is renamed over the path (or removed) within the step.
      changes: [pathScope(path)],
    });
    parts.diffs.push({ label: path, before: existing?.content ?? '', after: want.content });
    parts.notes.unshift(existing ? want.contentNote : `${path} created`);
  }
  if (parts.steps.length === 0) return parts;
  // A new file has no previous attributes worth diffing.
  if (existing) {
    parts.diffs.push(...delta.diffs);
    parts.notes.push(...delta.notes);
  }
  parts.updates.push({ spec, value: { kind: 'file', content: want.content, ...result } });
  return parts;
}
