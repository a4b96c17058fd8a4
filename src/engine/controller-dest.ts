/**
 * fetch's side on the controller. Before planning: the controller's copy
 * (where it goes, and its bytes) is read and handed to the planner as
 * `local`, as copy's src is read into srcContent. After the host's apply
 * reached the task: the files its plan lists are written, each to a temp
 * file beside it and renamed over it, so a reader (or a crash) sees the old
 * copy or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { JailfleetError } from '../errors.js';
import { fetchLocalPath } from '../modules/fetch/index.js';
import type { LocalDest } from '../modules/fetch/args.js';
import type { ControllerWrite } from '../modules/types.js';

export function withFetchLocal(a: Record<string, unknown>, host: string, playbookDir: string): Record<string, unknown> {
  if (a.local !== undefined || typeof a.src !== 'string' || typeof a.dest !== 'string') return a;
  const path = fetchLocalPath({ src: a.src, dest: a.dest, flat: a.flat === true }, host, playbookDir);
  return { ...a, local: readLocal(path) };
}

function readLocal(path: string): LocalDest {
  try {
    const st = lstatSync(path);
    if (st.isDirectory()) return { path, kind: 'directory' };
    if (!st.isFile()) return { path, kind: 'other' };
    return { path, kind: 'file', content: readFileSync(path).toString('base64') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path, kind: 'absent' };
    throw new JailfleetError(`fetch: cannot read ${path} on the controller: ${code ?? String(err)}`);
  }
}

/** Write each file (its directories made as needed); the first failure's message, or undefined. */
export function writeControllerFiles(writes: readonly ControllerWrite[]): string | undefined {
  for (const w of writes) {
    const temp = join(dirname(w.path), `.${basename(w.path)}.jailfleet-${randomBytes(4).toString('hex')}`);
    try {
      mkdirSync(dirname(w.path), { recursive: true });
      writeFileSync(temp, Buffer.from(w.content, 'base64'));
      renameSync(temp, w.path);
    } catch (err) {
      rmSync(temp, { force: true });
      return `cannot write ${w.path} on the controller: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
    }
  }
  return undefined;
}
