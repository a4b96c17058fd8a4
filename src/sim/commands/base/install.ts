/**
 * install(1) as FreeBSD's usr.bin/xinstall/xinstall.c has it since it
 * always installs through a temporary file (freebsd-src main, with the
 * tests of usr.bin/xinstall/tests/install_test.sh): `install [opts] file1
 * file2`, `install [opts] file ... directory` and `install -d [opts]
 * directory ...`. A file is copied to a temporary file renamed over the
 * target (-b/-B first link the old one to NAME.old or NAME+suffix; -S is
 * therefore the default and changes nothing), then given -o/-g and the
 * mode (-m, chmod(1)'s forms; default 0755). -C (and -p) leave a target
 * with the same content alone (its owner and mode are still set); -p keeps
 * the source's time. -v prints what it does (`install: FROM -> TO`,
 * `install: mkdir DIR`). Exit 0; 64 (EX_USAGE) for usage; 71 (EX_OSERR)
 * for a source that cannot be read; 73 (EX_CANTCREAT) for a target that is
 * not a regular file; 1 for an unknown user or group. Not simulated, and
 * saying so: -s (strip), -l (links), -M/-D/-h/-T (the metadata log), -N,
 * -U and -f.
 */
import { SimFsError } from '../../fs.js';
import type { SimCommand, SimCommandContext, SimNode, SimResult } from '../../types.js';
import { getopts } from '../freebsd/getopts.js';
import { groupId, userId } from './ids.js';
import { applyMode } from './mode.js';
import { hostPath, lstatOf, optionError, statOf } from './util.js';

const EX_USAGE = 64;
const EX_OSERR = 71;
const EX_CANTCREAT = 73;
const USAGE = `usage: install [-bCcpSsUv] [-f flags] [-g group] [-m mode] [-o owner]
               [-M log] [-D dest] [-h hash] [-T tags]
               [-B suffix] [-l linkflags] [-N dbdir]
               file1 file2
       install [-bCcpSsUv] [-f flags] [-g group] [-m mode] [-o owner]
               [-M log] [-D dest] [-h hash] [-T tags]
               [-B suffix] [-l linkflags] [-N dbdir]
               file1 ... fileN directory
       install -dU [-vU] [-g group] [-m mode] [-N dbdir] [-o owner]
               [-M log] [-D dest] [-h hash] [-T tags]
               directory ...
`;
const NOT_SIMULATED = new Set(['s', 'l', 'M', 'D', 'h', 'T', 'N', 'U', 'f']);

interface Settings {
  mode: number;
  uid?: number;
  gid?: number;
  backup?: string;
  compare: boolean;
  preserve: boolean;
  verbose: boolean;
}

/** err(3)/errx(3): the program exits with `code`. */
class Exit extends Error {
  constructor(
    readonly code: number,
    readonly text: string,
  ) {
    super(text);
  }
}

class Run {
  stdout = '';
  stderr = '';
  constructor(
    readonly ctx: SimCommandContext,
    readonly s: Settings,
  ) {}
  say(line: string): void {
    if (this.s.verbose) this.stdout += `install: ${line}\n`;
  }
}

export const install: SimCommand = (ctx) => {
  const parsed = getopts(ctx.argv.slice(1), 'B:bCcD:df:g:h:l:M:m:N:o:pSsT:Uv');
  if (parsed.error) return fail(EX_USAGE, `${optionError('install', parsed.error)}${USAGE}`);
  const opt = new Map(parsed.opts.map((o) => [o.flag, o.arg ?? '']));
  const unsimulated = parsed.opts.find((o) => NOT_SIMULATED.has(o.flag));
  if (unsimulated) return fail(EX_USAGE, `install: -${unsimulated.flag} is not simulated by jailfleet\n`);
  const dir = opt.has('d');
  const modeArg = opt.get('m');
  // setmode(3)/getmode(3) from 0: symbolic modes without a who are masked by the umask (022).
  const mode = modeArg === undefined ? 0o755 : applyMode(modeArg, 0, dir, 0o022);
  if (mode === undefined) return fail(EX_USAGE, `install: invalid file mode: ${modeArg}\n`);
  const args = parsed.operands;
  if (args.length === 0 || (args.length === 1 && !dir)) return fail(EX_USAGE, USAGE);
  const gid = opt.has('g') ? groupId(ctx, opt.get('g')!) : undefined;
  if (opt.has('g') && gid === undefined) return fail(1, `install: unknown group ${opt.get('g')}\n`);
  const uid = opt.has('o') ? userId(ctx, opt.get('o')!) : undefined;
  if (opt.has('o') && uid === undefined) return fail(1, `install: unknown user ${opt.get('o')}\n`);
  const backup = opt.has('B') ? opt.get('B') : opt.has('b') ? '.old' : undefined;
  const settings: Settings = { mode, uid, gid, backup, compare: opt.has('C') || opt.has('p'), preserve: opt.has('p'), verbose: opt.has('v') };
  const run = new Run(ctx, settings);
  try {
    if (dir) for (const d of args) installDir(run, d);
    else installFiles(run, args);
    return { stdout: run.stdout, stderr: run.stderr, code: 0 };
  } catch (err) {
    if (err instanceof Exit) return { stdout: run.stdout, stderr: run.stderr + err.text, code: err.code };
    if (err instanceof SimFsError) return { stdout: run.stdout, stderr: `${run.stderr}install: ${err.path}: ${err.strerror}\n`, code: EX_OSERR };
    throw err;
  }
};

const fail = (code: number, stderr: string): SimResult => ({ stdout: '', stderr, code });

/** main(): into a directory, or file1 file2. */
function installFiles(run: Run, args: string[]): void {
  const to = args.at(-1)!;
  // stat("") fails (ENOENT): an empty name is no directory.
  const toNode = to === '' ? undefined : statOf(run.ctx, to);
  if (toNode?.kind === 'dir') {
    for (const from of args.slice(0, -1)) installFile(run, from, to, true);
    return;
  }
  if (args.length !== 2) {
    const why = toNode ? `target \`${to}' is not a directory` : `target directory \`${to}' does not exist`;
    throw new Exit(EX_USAGE, `install: ${why}\n${USAGE}`);
  }
  const [from] = args as [string, string];
  if (toNode) {
    const fromNode = statOf(run.ctx, from);
    if (!fromNode) throw new Exit(EX_OSERR, `install: ${from}: No such file or directory\n`);
    if (toNode.kind !== 'file') throw new Exit(EX_CANTCREAT, `install: ${to}: Inappropriate file type or format\n`);
    if (fromNode === toNode) throw new Exit(EX_USAGE, `install: ${from} and ${to} are the same file\n`);
  }
  installFile(run, from, to, false);
}

/** install(): one file to `to` (into it, when it is a directory). */
function installFile(run: Run, from: string, toArg: string, intoDir: boolean): void {
  const { ctx, s } = run;
  const fs = ctx.host.fs;
  const devnull = !intoDir && from === '/dev/null';
  let to = toArg;
  let source: SimNode | undefined;
  if (!devnull) {
    source = statOf(ctx, from);
    if (!source) throw new Exit(EX_OSERR, `install: ${from}: No such file or directory\n`);
    if (source.kind !== 'file') throw new Exit(EX_OSERR, `install: ${from}: Inappropriate file type or format\n`);
    if (intoDir) to = `${to}${to.endsWith('/') ? '' : '/'}${from.slice(from.lastIndexOf('/') + 1)}`;
  }
  if (to === '') throw new Exit(EX_USAGE, 'install: destination cannot be an empty string\n');
  const path = hostPath(ctx, to);
  const target = lstatOf(ctx, to);
  if (target && target.kind === 'dir') throw new Exit(EX_CANTCREAT, `install: ${to}: Inappropriate file type or format\n`);
  const content = source?.kind === 'file' ? source.content : '';
  const binary = source?.kind === 'file' && source.binary === true;
  const same = s.compare && target?.kind === 'file' && target.content === content && (target.binary === true) === binary;
  if (!same) {
    if (target && s.backup !== undefined) {
      run.say(`${to} -> ${to}${s.backup}`);
      const backupPath = hostPath(ctx, `${to}${s.backup}`);
      if (lstatOf(ctx, `${to}${s.backup}`)) fs.remove(backupPath);
      fs.link(path, backupPath, false);
    }
    // The temporary file (mkstemp: 0600) renamed over the target; fchown/fchmod below.
    if (target) fs.remove(path);
    fs.writeFile(path, content, { mode: 0o600, binary });
    run.say(`${from} -> ${to}`);
    if (s.preserve && source) fs.lstat(path)!.mtime = source.mtime;
  }
  const node = fs.stat(path)!;
  if ((s.uid !== undefined && s.uid !== node.uid) || (s.gid !== undefined && s.gid !== node.gid)) fs.chown(path, s.uid, s.gid);
  if ((node.mode & 0o7777) !== s.mode) fs.chmod(path, s.mode);
}

/** install_dir(): each missing component made (0755), then owner and mode on the last. */
function installDir(run: Run, dir: string): void {
  const { ctx, s } = run;
  const fs = ctx.host.fs;
  const parts = dir.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    // The leading "/" of an absolute path is no component (install_dir starts looking after it).
    if (prefix === '') continue;
    const node = statOf(ctx, prefix);
    if (!node) {
      fs.mkdir(hostPath(ctx, prefix), { mode: 0o755 });
      run.say(`mkdir ${prefix}`);
    } else if (node.kind !== 'dir') throw new Exit(EX_OSERR, `install: ${prefix} exists but is not a directory\n`);
  }
  const path = hostPath(ctx, dir);
  if (s.uid !== undefined || s.gid !== undefined) fs.chown(path, s.uid, s.gid);
  fs.chmod(path, s.mode);
}
