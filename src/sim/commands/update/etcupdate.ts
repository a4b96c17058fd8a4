/**
 * etcupdate(8) (usr.sbin/etcupdate/etcupdate.sh), the parts a release
 * upgrade of a jail touches, as the script does them:
 * - the command is the first word (build, diff, extract, status, resolve,
 *   revert), else `update`; getopts "d:nprs:t:A:BD:FI:L:M:";
 *   WORKDIR=${WORKDIR:-$DESTDIR/var/db/etcupdate}, created with mkdir -p and
 *   its log file opened (truncated except for diff/resolve/revert/status);
 * - status: "  C /path" per file under WORKDIR/conflicts, then "Warnings:"
 *   and WORKDIR/warnings when not empty;
 * - resolve: nothing to do without WORKDIR/conflicts;
 * - extract -t TARBALL: the tarball unpacked as the new WORKDIR/current
 *   (extract_cmd: "This can be used to bootstrap updates by initializing the
 *   current "stock" tree to match the currently installed system");
 * - build [-s SRCDIR] TARBALL: build_tree() into a temporary directory, then
 *   `tar cfj TARBALL -C DIR .` (etcupdate-build.ts);
 * - diff without WORKDIR/current: "Reference tree to diff against unavailable.";
 * - update: the three-way merge (etcupdate-update.ts).
 * Not modelled (an error saying so): conflict resolution in $EDITOR,
 * revert, a diff of existing trees, building an update's or an extract's
 * tree from SRCDIR without -t, dry runs (-n).
 */
import type { SimFs } from '../../fs.js';
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';
import { getopts } from '../freebsd/getopts.js';
import { shQuote } from '../freebsd/output.js';
import { build } from './etcupdate-build.js';
import { tempDir } from './etcupdate-trees.js';
import { update } from './etcupdate-update.js';

const USAGE = `usage: etcupdate [-npBF] [-d workdir] [-r | -s source | -t tarball]
                 [-A patterns] [-D destdir] [-I patterns] [-L logfile]
                 [-M options]
       etcupdate build [-B] [-d workdir] [-s source] [-L logfile] [-M options]
                 <tarball>
       etcupdate diff [-d workdir] [-D destdir] [-I patterns] [-L logfile]
       etcupdate extract [-B] [-d workdir] [-s source | -t tarball]
                 [-D destdir] [-L logfile] [-M options]
       etcupdate resolve [-p] [-d workdir] [-D destdir] [-L logfile]
       etcupdate revert [-d workdir] [-D destdir] [-L logfile] file ...
       etcupdate status [-d workdir] [-D destdir]
`;

const COMMANDS = new Set(['build', 'diff', 'extract', 'status', 'resolve', 'revert']);

function usage(prefix = ''): SimResult {
  return { stdout: `${prefix}${USAGE}`, stderr: '', code: 1 };
}

/** Files (not directories) below `dir`, as "/rel/path", sorted. */
function filesBelow(fs: SimFs, dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of fs.readdir(dir)) {
    const node = fs.lstat(`${dir}/${name}`);
    if (node?.kind === 'dir') out.push(...filesBelow(fs, `${dir}/${name}`, `${rel}/${name}`));
    else out.push(`${rel}/${name}`);
  }
  return out;
}

interface Env {
  ctx: SimCommandContext;
  fs: SimFs;
  workdir: string;
  tarball?: string;
}

const NOT_SIMULATED = (what: string): SimResult => ({ stdout: '', stderr: `etcupdate: ${what} is not simulated by jailfleet\n`, code: 1 });

function status(e: Env): SimResult {
  let stdout = '';
  const conflicts = `${e.workdir}/conflicts`;
  if (e.fs.isDir(conflicts)) for (const f of filesBelow(e.fs, conflicts)) stdout += `  C ${f}\n`;
  const warnings = e.fs.stat(`${e.workdir}/warnings`);
  if (warnings?.kind === 'file' && warnings.content !== '') stdout += `Warnings:\n${warnings.content}`;
  return { stdout, stderr: '', code: 0 };
}

function extract(e: Env): SimResult {
  if (!e.tarball) return { stdout: 'Failed to extract new tree.\n', stderr: '', code: 1 }; // INFERRED: building from /usr/src is not simulated
  // extract_cmd: `mktemp -d $WORKDIR/etcupdate-XXXXXXX`, the tree extracted there, then renamed to current.
  const tmp = tempDir(e.fs, e.workdir);
  const r = e.ctx.run(`tar xf ${shQuote(e.tarball)} -C ${shQuote(tmp)}`, { root: '/', cwd: e.ctx.cwd });
  if (r.code !== 0) {
    e.fs.remove(tmp, { recursive: true });
    return { stdout: 'Failed to extract new tree.\n', stderr: '', code: 1 };
  }
  if (e.fs.lstat(`${e.workdir}/current`)) e.fs.remove(`${e.workdir}/current`, { recursive: true });
  e.fs.rename(tmp, `${e.workdir}/current`);
  return { stdout: '', stderr: '', code: 0 };
}

export const etcupdateCommand: SimCommand = (ctx) => {
  let args = ctx.argv.slice(1);
  let command = 'update';
  if (args[0] !== undefined && COMMANDS.has(args[0])) {
    command = args[0];
    args = args.slice(1);
  } else if (args[0] !== undefined && !args[0].startsWith('-')) return usage();
  const p = getopts(args, 'd:nprs:t:A:BD:FI:L:M:');
  if (p.error) return usage('\n');
  const val = (f: string): string | undefined => p.opts.filter((o) => o.flag === f).pop()?.arg;
  const fs = ctx.host.fs;
  const destdir = val('D') ?? '';
  const has = (f: string): boolean => p.opts.some((o) => o.flag === f);
  const workdir = fs.resolve(ctx.root, ctx.cwd, val('d') ?? `${destdir}/var/db/etcupdate`);
  const tarball = val('t');
  const e: Env = { ctx, fs, workdir, ...(tarball === undefined ? {} : { tarball: fs.resolve(ctx.root, ctx.cwd, tarball) }) };
  fs.mkdir(workdir, { parents: true });
  const log = `${workdir}/log`;
  if (!['diff', 'resolve', 'revert', 'status'].includes(command) || !fs.exists(log)) fs.writeFile(log, '');
  if (command === 'status') return p.operands.length ? usage() : status(e);
  if (command === 'resolve') {
    if (!fs.isDir(`${workdir}/conflicts`)) return { stdout: '', stderr: '', code: 0 };
    return NOT_SIMULATED('resolving conflicts');
  }
  if (command === 'extract') return extract(e);
  if (command === 'diff' && !fs.isDir(`${workdir}/current`)) return { stdout: 'Reference tree to diff against unavailable.\n', stderr: '', code: 1 };
  if (command === 'build') return build({ ...e, srcdir: fs.resolve(ctx.root, ctx.cwd, val('s') ?? '/usr/src'), usage }, p.operands);
  if (command === 'update') {
    if (has('n') || has('r') || has('p')) return NOT_SIMULATED('an update with -n, -r or -p');
    const ignore = p.opts.filter((o) => o.flag === 'I').flatMap((o) => (o.arg ?? '').split(/\s+/).filter(Boolean));
    // DESTDIR is a path as etcupdate sees it: run in a jail without -D, the jail's own root (etcupdate.sh uses ${DESTDIR}/etc...).
    const target = destdir === '' && ctx.root === '/' ? '' : fs.resolve(ctx.root, ctx.cwd, destdir === '' ? '/' : destdir);
    return update({ ...e, destdir: target, destdirSet: destdir !== '', ignore });
  }
  return { stdout: '', stderr: `etcupdate ${command}: not simulated by jailfleet\n`, code: 1 };
};
