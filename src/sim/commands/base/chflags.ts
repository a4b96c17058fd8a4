/**
 * chflags(1) (bin/chflags/chflags.c): checks its flags (strtofflags(3):
 * comma-separated names, each optionally "no"-prefixed, or an octal number)
 * and its files, and changes nothing: the simulator keeps no file flags, so
 * after `chflags -R noschg` a tree is as removable as before. Needed because
 * /bin/chflags exists on every simulated root and scripts test for it.
 */
import type { SimCommand } from '../../types.js';
import { fail, getopt, isResult, ok } from './util.js';

const USAGE = 'usage: chflags [-fhvx] [-R [-H | -L | -P]] flags file ...';

/** lib/libc/gen/strtofflags.c mapping names (without their "no" forms). */
const NAMES = new Set([
  'arch', 'archived', 'nodump', 'opaque', 'sappnd', 'sappend', 'schg', 'schange', 'simmutable', 'snapshot', 'sunlnk',
  'sunlink', 'uappnd', 'uappend', 'uarch', 'uarchive', 'uchg', 'uchange', 'uimmutable', 'uhidden', 'hidden', 'uoffline',
  'offline', 'urdonly', 'rdonly', 'readonly', 'usparse', 'sparse', 'usystem', 'system', 'ureparse', 'reparse', 'uunlnk',
  'uunlink', 'dump',
]);

function validFlags(flags: string): boolean {
  if (/^[0-7]+$/.test(flags)) return true;
  return flags.split(',').every((f) => NAMES.has(f) || (f.startsWith('no') && NAMES.has(f.slice(2))));
}

export const chflags: SimCommand = (ctx) => {
  const p = getopt(ctx.argv, 'HLPRfhvx', USAGE);
  if (isResult(p)) return p;
  const [flags, ...files] = p.args;
  if (flags === undefined || files.length === 0) return fail(`${USAGE}\n`);
  if (!validFlags(flags)) return fail(`chflags: invalid flag: ${flags}\n`);
  let stderr = '';
  for (const f of files) {
    if (!ctx.host.fs.exists(ctx.host.fs.resolve(ctx.root, ctx.cwd, f))) stderr += `chflags: ${f}: No such file or directory\n`;
  }
  // A missing file is an fts error, which -f (chflags(2) failures) does not hide.
  return stderr === '' ? ok() : fail(stderr);
};
