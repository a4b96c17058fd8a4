/**
 * FreeBSD mtree(8), the NetBSD-derived one FreeBSD 14 builds from
 * contrib/mtree: `mtree -c [-k|-K|-R keywords] [-p dir]` prints a
 * specification, `mtree [-f spec] [-p dir]` checks a tree against one
 * (stdin without -f).
 *
 * Sources, freebsd/freebsd-src contrib/mtree (and NetBSD usr.sbin/mtree):
 * - mtree.c main() (NetBSD 1.48): the getopt string, -f opened while options
 *   are read, -k = type plus the list, the flavor adjustments (freebsd9:
 *   "Adding -b to -d for FreeBSD compatibility", "The -w flag is a no-op";
 *   otherwise -w is a usage error), chdir(-p) errors, exit(0) after -c,
 *   exit(verify()) otherwise; usage() text and its exit status 1.
 * - mtree.8: -b -c -d -e -F -f -j -K -k -l -n -P -p -q -R, and EXIT STATUS
 *   (0 match, 2 mismatch, 1 other error) in the -u paragraph.
 * - create.c, spec.c, verify.c, compare.c, misc.c: see mtree-create.ts,
 *   mtree-spec.ts, mtree-verify.ts, mtree-compare.ts, mtree-keys.ts.
 *
 * Not simulated (rejected with a message): -C -D -E -I -i -L -M -m -N -O -r
 * -S -s -t -U -u -W -X -x, and two -f specs (spec against spec).
 */
import { SimFsError } from '../../fs.js';
import { getopts } from '../freebsd/getopts.js';
import type { SimCommand, SimCommandContext } from '../../types.js';
import { userName } from './ids.js';
import { cwalk } from './mtree-create.js';
import { MtreeError, mtreeErrText } from './mtree-error.js';
import type { Ent } from './mtree-fs.js';
import { F_TYPE, FLAVORS, KEYDEFAULT, parseKeyList, type MtreeOpts } from './mtree-keys.js';
import { parseSpec } from './mtree-spec.js';
import { verify } from './mtree-verify.js';
import { fail, hostPath, optionError } from './util.js';

const GETOPT = 'bcCdDeE:f:F:I:ijk:K:lLmMnN:O:p:PqrR:s:StuUwWxX:';
const UNSUPPORTED = 'CDEIiLMmNOrSstUuWXx';

/** usage() (mtree.c): always exit 1. */
const USAGE =
  'usage: mtree [-bCcDdejLlMnPqrStUuWx] [-i|-m] [-E tags]\n' +
  '\t\t[-f spec] [-f spec]\n' +
  '\t\t[-I tags] [-K keywords] [-k keywords] [-N dbdir] [-p path]\n' +
  '\t\t[-R keywords] [-s seed] [-X exclude-file]\n' +
  '\t\t[-F flavor]\n' +
  '\nflavors: mtree freebsd9 netbsd6\n';

/** gethostname(2): the jail's host.hostname inside a jail. */
function machine(ctx: SimCommandContext): string {
  const jail = ctx.jail === undefined ? undefined : ctx.host.state.jails.find((j) => j.name === ctx.jail);
  return jail ? jail.hostname : ctx.host.state.hostname;
}

/** chdir(2) to -p DIR: the fts root ".", or the strerror() of the failure. */
function chdir(ctx: SimCommandContext, dir: string): Ent | string {
  const fs = ctx.host.fs;
  let real: string;
  try {
    real = fs.realpath(hostPath(ctx, dir), ctx.root);
  } catch {
    return 'Too many levels of symbolic links';
  }
  const node = fs.lstat(real);
  if (node?.kind === 'dir') return { name: '.', path: '.', host: real, node, level: 0 };
  if (node) return 'Not a directory';
  // A missing name under a file is ENOTDIR, under nothing ENOENT.
  for (let up = real.slice(0, real.lastIndexOf('/')); up; up = up.slice(0, up.lastIndexOf('/'))) {
    const n = fs.lstat(up);
    if (n) return n.kind === 'dir' ? 'No such file or directory' : 'Not a directory';
  }
  return 'No such file or directory';
}

/** getcwd(3) after the chdir: the path as seen inside the command's root. */
function cwdOf(ctx: SimCommandContext, host: string): string {
  if (ctx.root === '/') return host;
  return host.slice(ctx.root.replace(/\/$/, '').length) || '/';
}

/**
 * fopen(3) of -f SPEC, relative to the directory mtree started in; a
 * directory opens but reads nothing (fgetln() fails), so it is an empty spec.
 */
function readSpec(ctx: SimCommandContext, path: string): string {
  if (path === '/dev/stdin') return ctx.stdin;
  try {
    return ctx.host.fs.readFile(hostPath(ctx, path));
  } catch (err) {
    if (!(err instanceof SimFsError)) throw err;
    if (err.code === 'EISDIR') return '';
    throw new MtreeError(`${path}: ${err.strerror}`);
  }
}

interface Run {
  o: MtreeOpts;
  c: boolean;
  dir?: string;
  specs: string[];
  warnings: string;
  w: boolean;
}

/** main()'s option loop; a string result is the usage/unsupported error's stderr. */
function parseArgs(ctx: SimCommandContext): Run | string {
  const parsed = getopts(ctx.argv.slice(1), GETOPT);
  const o: MtreeOpts = { keys: KEYDEFAULT, flavor: 'mtree', b: false, d: false, e: false, j: false, l: false, n: false, q: false };
  const run: Run = { o, c: false, specs: [], warnings: '', w: false };
  for (const { flag, arg = '' } of parsed.opts) {
    if (UNSUPPORTED.includes(flag)) return `mtree: -${flag} is not supported by the simulator\n`;
    if (flag === 'f') {
      if (run.specs.length === 2) return USAGE;
      run.specs.push(readSpec(ctx, arg));
    } else if (flag === 'F') {
      const flavor = FLAVORS.find((f) => f === arg);
      if (!flavor) return USAGE;
      o.flavor = flavor;
    } else if (flag === 'k') o.keys = F_TYPE | parseKeyList(arg);
    else if (flag === 'K') o.keys |= parseKeyList(arg);
    else if (flag === 'R') o.keys &= ~parseKeyList(arg);
    else if (flag === 'p') run.dir = arg;
    else if (flag === 'c') run.c = true;
    else if (flag === 'w') run.w = true;
    else if (flag !== 'P') o[flag as 'b' | 'd' | 'e' | 'j' | 'l' | 'n' | 'q'] = true;
  }
  if (parsed.error) return `${optionError('mtree', parsed.error)}${USAGE}`;
  if (parsed.operands.length) return USAGE;
  if (o.flavor === 'freebsd9') {
    if (o.d && !o.b) {
      run.warnings += 'mtree: Adding -b to -d for FreeBSD compatibility\n';
      o.b = true;
    }
    if (run.w) run.warnings += 'mtree: The -w flag is a no-op\n';
  } else if (run.w) return USAGE;
  if (run.specs.length === 2) return 'mtree: comparing two specifications is not supported by the simulator\n';
  return run;
}

export const mtree: SimCommand = (ctx) => {
  const out = { stdout: '' };
  const lineno = { lineno: 0 };
  let stderr = '';
  try {
    const run = parseArgs(ctx);
    if (typeof run === 'string') return fail(run);
    stderr = run.warnings;
    const root = chdir(ctx, run.dir ?? '.');
    if (typeof root === 'string') throw new MtreeError(`${run.dir ?? '.'}: ${root}`);
    if (run.c) {
      const user = userName(ctx, 0);
      out.stdout = cwalk(ctx, run.o, root, { user, machine: machine(ctx), tree: cwdOf(ctx, root.host), clock: ctx.host.state.clock });
      return { stdout: out.stdout, stderr, code: 0 };
    }
    const spec = parseSpec(ctx, run.specs[0] ?? ctx.stdin, lineno);
    const code = verify(ctx, run.o, root, spec, out);
    return { stdout: out.stdout, stderr, code };
  } catch (err) {
    if (!(err instanceof MtreeError)) throw err;
    return { stdout: out.stdout, stderr: stderr + mtreeErrText(err, lineno.lineno), code: 1 };
  }
};
