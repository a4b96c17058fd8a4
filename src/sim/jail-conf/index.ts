/**
 * The simulator's own jail.conf(5) reader (DESIGN.md §5: it shares nothing
 * with src/modules). Errors are worded as jail(8) prints them, without the
 * leading "jail: ".
 */
import type { SimFs } from '../fs.js';
import { SimFsError } from '../fs.js';
import { globFs, hasMagic } from './glob.js';
import { parseConf, type Includer } from './parser.js';
import { resolveJails, type ConfJail } from './resolve.js';

export type { ConfJail, ConfParam } from './resolve.js';
export { findParam, boolParam, stringParam, isInternalParam, isBoolParam } from './params.js';
export { equalOpts, positiveName, isNegated } from './names.js';

export type LoadResult = { jails: ConfJail[] } | { error: string };

/** Parse jail.conf text; `.include` patterns are expanded against `fs` under `root`. */
export function parseJailConf(text: string, cfname: string, fs: SimFs, root = '/'): LoadResult {
  const includer: Includer = (pattern) => {
    // INFERRED: a pattern with no glob characters must name an existing file,
    // a glob that matches nothing includes nothing (glob(3) GLOB_NOMATCH).
    const paths = globFs(fs, root, pattern);
    if (!paths.length && !hasMagic(pattern)) return { error: `${pattern}: No such file or directory` };
    const files: Array<{ path: string; text: string }> = [];
    for (const path of paths) {
      const host = fs.resolve(root, '/', path);
      if (fs.isDir(host)) continue;
      files.push({ path, text: fs.readFile(host) });
    }
    return files;
  };
  const parsed = parseConf(text, cfname, includer);
  if ('error' in parsed) return parsed;
  return { jails: resolveJails(parsed.blocks) };
}

/** Read and parse a jail.conf file (a relative name from `cwd`); a missing file gives err(1, "%s", cfname)'s message. */
export function loadJailConf(fs: SimFs, root: string, path: string, cwd = '/'): LoadResult {
  const host = fs.resolve(root, cwd, path);
  let text: string;
  try {
    text = fs.readFile(host);
  } catch (e) {
    if (e instanceof SimFsError) return { error: `${path}: ${e.strerror}` };
    throw e;
  }
  return parseJailConf(text, path, fs, root);
}
