import { isUtf8 } from 'node:buffer';
import { PlanError } from '../plan-error.js';
import { noChange, type Diff, type FactReader, type Plan } from '../types.js';
import type { FetchArgs, LocalDest } from './args.js';
import { localSha1, remoteFileFact, sha1Of } from './facts.js';

/**
 * Nothing runs on the host: the file was read as a fact, and the engine
 * writes the controller's copy (atomically) once the task's turn has come
 * in the host's apply. Messages are Ansible's fetch action's.
 */
export function planFetch(args: FetchArgs, facts: FactReader): Plan {
  const local = args.local;
  if (!local) throw new PlanError(`fetch: the controller's copy of ${args.src} was not read by the engine (local missing)`);
  const known = localSha1(local);
  const remote = facts.get(remoteFileFact(args.src, known));
  if (remote.kind !== 'file') {
    if (remote.kind === 'directory') throw new PlanError(`remote file is a directory, fetch cannot work on directories: ${args.src}`);
    if (remote.kind === 'other') throw new PlanError(`remote file is not a regular file: ${args.src}`);
    if (args.fail_on_missing) throw new PlanError(`the remote file does not exist: ${args.src}`);
    return noChange(`the remote file does not exist, not transferring, ignored: ${args.src}`);
  }
  if (local.kind === 'directory') {
    throw new PlanError(args.flat ? `dest is an existing directory, use a trailing slash if you want to fetch src into that directory: ${local.path}` : `${local.path} is a directory on the controller`);
  }
  if (local.kind === 'other') throw new PlanError(`${local.path} exists on the controller and is not a regular file`);
  if (remote.sha1 === known) return noChange(`${local.path} is up to date`);
  const content = remote.content;
  if (content === undefined) throw new PlanError(`fetch: the host sent no content for ${args.src}`);
  if (args.validate_checksum && sha1Of(content) !== remote.sha1) throw new PlanError(`checksum mismatch: ${args.src} changed while it was read`);
  return {
    changed: true,
    message: `${args.src} fetched to ${local.path}`,
    steps: [],
    diffs: [contentDiff(local, content)],
    updates: [],
    controllerWrites: [{ path: local.path, content }],
  };
}

/** Text as text; bytes that are not UTF-8 only by their size. */
function contentDiff(local: LocalDest, content: string): Diff {
  const show = (b64: string | undefined): string => {
    if (b64 === undefined) return '';
    const bytes = Buffer.from(b64, 'base64');
    return isUtf8(bytes) ? bytes.toString('utf8') : `(binary, ${bytes.length} bytes)\n`;
  };
  return { label: local.path, before: local.kind === 'file' ? show(local.content) : '', after: show(content) };
}
