/**
 * sysrc(8) (usr.sbin/sysrc/sysrc @09711cc, sysrc.subr @2f19667): query and
 * edit rc.conf(5) variables. Output, exit status and file edits follow the
 * script, including its quirks (the `-v` prefix printed before a delete, the
 * unknown-variable message on stderr as the 2025 tests expect).
 */
import { SimFsError } from '../../fs.js';
import type { SimCommand, SimCommandContext, SimResult } from '../../types.js';
import { RC_DEFAULTS, loadRcConf, readRcFile, words, type LoadedRcConf } from '../../rc/rc-conf.js';
import { describeRcVar } from '../../rc/rc-conf-describe.js';
import { appendAssignment, deleteFromText, fileAssigns, setInText } from '../../rc/rc-conf-edit.js';
import { getopts } from './getopts.js';
import { findJail, jexecNotFound } from './jail-lookup.js';
import { Output, shQuote } from './output.js';

const PGM = 'sysrc';
const SCRIPT = '/usr/sbin/sysrc';
const OPTSTRING = 'aAcdDeEf:Fhij:lLnNqR:s:vxX';
const VALID_NAME = /^[0-9A-Za-z_]*$/;

interface Flags {
  showAll: 0 | 1 | 2;
  check: boolean;
  describe: boolean;
  showEquals: boolean;
  showFile: boolean;
  ignoreUnknowns: boolean;
  jail?: string;
  list: boolean;
  showName: boolean;
  showValue: boolean;
  quiet: boolean;
  rootDir?: string;
  verbose: boolean;
  del: 0 | 1 | 2;
  /** -f files (RC_CONFS); undefined means rc_conf_files. */
  rcConfs?: string[];
  defaultsOnly: boolean;
}

function usage(out: Output): SimResult {
  out.err(`Usage: ${PGM} [OPTIONS] {name[[+|-]=value] ... | -a | -A | -l | -L [name ...]}\n`);
  out.err(`Try \`${PGM} --help' for more information.\n`);
  return out.result(1);
}

function parseFlags(ctx: SimCommandContext, args: string[], out: Output): { flags: Flags; names: string[] } | SimResult {
  const parsed = getopts(args, OPTSTRING);
  if (parsed.error) return usage(out);
  const rcConfsEnv = ctx.env.RC_CONFS;
  const flags: Flags = {
    showAll: 0,
    check: false,
    describe: false,
    showEquals: false,
    showFile: false,
    ignoreUnknowns: false,
    list: false,
    showName: true,
    showValue: true,
    quiet: false,
    verbose: false,
    del: 0,
    rcConfs: rcConfsEnv === undefined ? undefined : words(rcConfsEnv),
    defaultsOnly: false,
  };
  for (const { flag, arg = '' } of parsed.opts) {
    switch (flag) {
      case 'a': flags.showAll = flags.showAll || 1; break;
      case 'A': flags.showAll = 2; break;
      case 'c': flags.check = true; break;
      case 'd': flags.describe = true; break;
      case 'D': flags.defaultsOnly = true; flags.rcConfs = []; break;
      case 'e': flags.showEquals = true; break;
      case 'f': flags.defaultsOnly = false; flags.rcConfs = [...(flags.rcConfs ?? []), ...words(arg)]; break;
      case 'F': flags.showFile = true; break;
      case 'h': return usage(out);
      case 'i': flags.ignoreUnknowns = true; break;
      case 'j':
        if (!arg) return out.err(`${PGM}: Missing or null argument to \`-j' flag\n`).result(1);
        flags.jail = arg;
        break;
      case 'l': flags.list = true; break;
      case 'n': flags.showName = false; break;
      case 'N': flags.showValue = false; break;
      case 'q': flags.quiet = true; flags.verbose = false; break;
      case 'R':
        if (!arg) return out.err(`${PGM}: Missing or null argument to \`-R' flag\n`).result(1);
        flags.rootDir = arg;
        break;
      case 'v': flags.verbose = true; flags.quiet = false; break;
      case 'x': flags.del = flags.del || 1; break;
      case 'X': flags.del = 2; break;
      default: break; // -E -L -s: accepted, not modelled
    }
  }
  return { flags, names: parsed.operands };
}

/** The rc.conf view one sysrc invocation works on. */
class RcView {
  readonly defaults: string;
  constructor(
    private readonly ctx: SimCommandContext,
    private readonly rcConfs: string[] | undefined,
  ) {
    this.defaults = ctx.env.RC_DEFAULTS || RC_DEFAULTS;
  }

  private where() {
    return { fs: this.ctx.host.fs, root: this.ctx.root };
  }

  /** load(this.rcConfs), kept until this invocation writes a file (set, delete): -a and -e read every name through it. */
  private own: LoadedRcConf | undefined;

  /** Defaults, then the files through the defaults' source_rc_confs (as f_sysrc_get sources them). */
  private load(confFiles: string[] | undefined): LoadedRcConf {
    const own = confFiles === this.rcConfs;
    if (own && this.own) return this.own;
    const loaded = loadRcConf(this.where(), { confFiles, defaults: this.defaults, viaSourceRcConfs: true });
    if (own) this.own = loaded;
    return loaded;
  }

  /** f_sysrc_get: undefined when unset (or the defaults file is missing). */
  get(name: string): string | undefined {
    if (!name || /^[0-9]/.test(name)) return undefined;
    const loaded = this.load(this.rcConfs);
    if (!loaded.haveDefaults) return undefined;
    if (name === 'rc_conf_files' && this.rcConfs && loaded.vars.get(name) === this.rcConfs.join(' ')) {
      return this.load([]).vars.get(name);
    }
    return loaded.vars.get(name);
  }

  /** The value as `$(f_sysrc_get name)` yields it: trailing newlines stripped. */
  shown(name: string): string {
    return (this.get(name) ?? '').replace(/\n+$/, '');
  }

  /** f_sysrc_desc: awk reads the defaults file through a shell redirection. */
  describe(name: string, out: Output): string {
    const text = readRcFile(this.where(), this.defaults);
    if (text === undefined) {
      out.err(`${SCRIPT}: cannot open ${this.defaults}: No such file or directory\n`);
      return '';
    }
    return describeRcVar(text, name);
  }

  /** The files sysrc edits: -f files, else rc_conf_files. */
  confFiles(): string[] {
    return this.rcConfs ?? words(this.get('rc_conf_files'));
  }

  /** f_sysrc_find: the file holding the effective last assignment. */
  find(name: string): string | undefined {
    const varname = /^[0-9A-Za-z_]*/.exec(name)?.[0] ?? '';
    if (!varname || /^[0-9]/.test(varname)) return undefined;
    const files = [...this.confFiles()].reverse();
    files.push(this.defaults);
    return files.find((file) => {
      const text = readRcFile(this.where(), file);
      return text !== undefined && fileAssigns(text, varname);
    });
  }

  private hostPath(file: string): string {
    return this.ctx.host.fs.resolve(this.ctx.root, this.ctx.cwd, file);
  }

  /** f_sysrc_set; false (with a message on `out`) when the file cannot be written. */
  set(name: string, value: string, out: Output): boolean {
    const done = this.write(name, value, out);
    this.own = undefined;
    return done;
  }

  private write(name: string, value: string, out: Output): boolean {
    let file = this.find(name);
    const notFound = file === undefined || file === this.defaults;
    if (notFound) file = this.confFiles()[0];
    if (file === undefined) return false;
    const fs = this.ctx.host.fs;
    const path = this.hostPath(file);
    try {
      const node = fs.stat(path);
      if (notFound) {
        fs.writeFile(path, appendAssignment(node?.kind === 'file' ? fs.readFile(path) : undefined, name, value));
      } else {
        fs.writeFile(path, setInText(fs.readFile(path), name, value));
      }
      return true;
    } catch (e) {
      if (!(e instanceof SimFsError)) throw e;
      out.err(`${SCRIPT}: cannot create ${file}: ${e.strerror}\n`);
      return false;
    }
  }

  /** f_sysrc_delete: remove every assignment from each existing file. */
  delete(name: string): boolean {
    this.deleteFromFiles(name);
    this.own = undefined;
    return true;
  }

  private deleteFromFiles(name: string): void {
    const fs = this.ctx.host.fs;
    for (const file of this.confFiles()) {
      const path = this.hostPath(file);
      if (fs.stat(path)?.kind !== 'file') continue;
      const next = deleteFromText(fs.readFile(path), name);
      if (next !== undefined) fs.writeFile(path, next);
    }
  }

  /**
   * The names -a (files only) or -A (defaults too) lists, sorted as set(1) prints
   * them; each value is then printed through f_sysrc_get. The -a/-A subshell
   * calls source_rc_confs unredirected, so a defaults file without it shows
   * sh's "not found" on stderr and leaves the files unread.
   */
  allNames(includeDefaults: boolean, out: Output): string[] {
    const where = this.where();
    if (readRcFile(where, this.defaults) === undefined) return [];
    const loaded = this.load(this.rcConfs);
    if (loaded.noSourceRcConfs) out.err(`${SCRIPT}: source_rc_confs: not found\n`);
    if (includeDefaults) return [...loaded.vars.keys()].sort();
    // -a: only names assigned by the sourced files; rc_conf_files itself only
    // if some file other than the defaults sets it.
    const names = new Set<string>(['rc_conf_files']);
    for (const file of loaded.confFiles) {
      const text = readRcFile(where, file);
      if (text === undefined) continue;
      for (const line of text.split('\n')) {
        const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
        if (m) names.add(m[1]!);
      }
    }
    if (this.find('rc_conf_files') === this.defaults) names.delete('rc_conf_files');
    return [...names].sort();
  }
}

/** Re-run sysrc inside a jail or chroot with the same options (sysrc's own re-exec). */
function reexecArgs(flags: Flags, names: string[]): string {
  const args: string[] = [];
  if (flags.verbose) args.push('-v');
  if (flags.quiet) args.push('-q');
  if (flags.del === 1) args.push('-x');
  if (flags.del === 2) args.push('-X');
  if (flags.showAll === 1) args.push('-a');
  if (flags.showAll === 2) args.push('-A');
  if (flags.check) args.push('-c');
  if (flags.defaultsOnly) args.push('-D');
  if (flags.describe) args.push('-d');
  if (flags.list) args.push('-l');
  if (flags.showEquals) args.push('-e');
  if (flags.ignoreUnknowns) args.push('-i');
  if (!flags.showName) args.push('-n');
  if (!flags.showValue) args.push('-N');
  if (flags.showFile) args.push('-F');
  if (flags.rcConfs && !flags.defaultsOnly) args.push('-f', flags.rcConfs.join(' '));
  args.push(...names);
  return ['/usr/sbin/sysrc', ...args].map(shQuote).join(' ');
}

function reexec(ctx: SimCommandContext, flags: Flags, names: string[], out: Output): SimResult {
  const script = reexecArgs(flags, names);
  if (flags.jail !== undefined) {
    const jail = findJail(ctx.host.state, flags.jail);
    if (!jail) return out.err(jexecNotFound(flags.jail)).result(1);
    return runIn(ctx, script, jail.path, jail.name, out);
  }
  const rootDir = flags.rootDir!;
  const hostDir = ctx.host.fs.resolve(ctx.root, ctx.cwd, rootDir);
  // A running jail rooted there is entered with jexec rather than chroot.
  const jailed = ctx.host.state.jails.filter((j) => j.path === rootDir);
  if (jailed.length > 1) {
    return out
      .err(`${PGM}: ${rootDir}: Multiple jails claim this directory as their root. (use \`-j jail' instead)\n`)
      .result(1);
  }
  if (jailed.length === 1) return runIn(ctx, script, jailed[0]!.path, jailed[0]!.name, out);
  if (!ctx.host.fs.isDir(hostDir)) {
    return out.err(`chroot: ${rootDir}: No such file or directory\n`).result(1);
  }
  return runIn(ctx, script, hostDir, ctx.jail, out);
}

function runIn(ctx: SimCommandContext, script: string, root: string, jail: string | undefined, out: Output): SimResult {
  const result = ctx.run(script, { root, jail, cwd: '/' });
  return out.add(result).result(result.code);
}

/** List semantics of `+=`/`-=`: the separator is the value's first character unless it is blank, alphanumeric, `.` or `/`. */
function listSeparator(value: string): { delim: string; split: (s: string) => string[] } {
  const first = value.charAt(0);
  if (first === '' || /[ \t\na-zA-Z0-9./]/.test(first)) return { delim: ' ', split: (s) => words(s) };
  return { delim: first, split: (s) => s.split(first) };
}

function appendList(before: string, add: string): string {
  const { delim, split } = listSeparator(add);
  const have = split(before);
  let next = before;
  for (const a of split(add)) {
    if (!a || have.includes(a)) continue;
    next = `${next}${delim}${a}`;
  }
  return next.startsWith(delim) ? next.slice(delim.length) : next;
}

function removeList(before: string, remove: string): string {
  const { delim, split } = listSeparator(remove);
  const drop = split(remove);
  let next = '';
  for (const b of split(before)) {
    if (!b || drop.includes(b)) continue;
    next = `${next}${delim}${b}`;
  }
  return next.startsWith(delim) ? next.slice(delim.length) : next;
}

export const sysrc: SimCommand = (ctx) => {
  const out = new Output();
  const args = ctx.argv.slice(1);
  if (args.length === 0) return usage(out);
  const parsed = parseFlags(ctx, args, out);
  if ('code' in parsed) return parsed;
  const { flags, names } = parsed;

  for (const name of names) {
    const bare = name.replace(/:[+=-].*$/s, '').replace(/[%#+=-].*$/s, '');
    if (!VALID_NAME.test(bare)) {
      return out.err(`${PGM}: ${bare}: name contains characters not allowed in shell\n`).result(1);
    }
  }

  const view = new RcView(ctx, flags.rcConfs);
  if (flags.list) {
    if (names.length) return usage(out);
    if (flags.defaultsOnly) return out.out(`${view.defaults}\n`).result(0);
    if (flags.rcConfs) return out.out(`${flags.rcConfs.join(' ')}\n`).result(0);
    return out.out(`${view.get('rc_conf_files') ?? ''}\n`).result(0);
  }
  if (names.length === 0 && !flags.showAll) return usage(out);
  if (flags.del && flags.showAll && flags.del !== 2) {
    return out.err(`${PGM}: \`-x' option incompatible with \`-a'/\`-A' options (use \`-X' to override)\n`).result(1);
  }
  if (flags.check && flags.showAll) {
    return out.err(`${PGM}: \`-c' option incompatible with \`-a'/\`-A' options\n`).result(1);
  }

  // -e is dropped by -F, -n and -N; -N forces names on.
  if (flags.showFile || !flags.showName) flags.showEquals = false;
  if (!flags.showValue) {
    flags.showName = true;
    flags.showEquals = false;
  }
  const sep = flags.showEquals ? '="' : ': ';
  const closeQ = flags.showEquals ? '"' : '';

  if (flags.jail !== undefined || flags.rootDir !== undefined) return reexec(ctx, flags, names, out);

  if (flags.showAll) {
    for (const name of view.allNames(flags.showAll === 2, out)) {
      if (flags.describe) {
        out.out(`${name}: ${view.describe(name, out)}\n`);
        continue;
      }
      if (flags.showFile) {
        out.out(`${flags.showName ? `${name}: ` : ''}${view.find(name) ?? ''}\n`);
        continue;
      }
      if (flags.del === 2) {
        view.delete(name);
        continue;
      }
      if (flags.verbose) out.out(`${view.find(name) ?? ''}: `);
      if (!flags.showValue) {
        out.out(`${name}\n`);
        continue;
      }
      out.out(`${flags.showName ? name + sep : ''}${view.shown(name)}${closeQ}\n`);
    }
    return out.result(0);
  }

  let status = 0;
  for (const arg of names) {
    const eq = arg.indexOf('=');
    let name = eq < 0 ? arg : arg.slice(0, eq);
    let mode: 'assign' | 'append' | 'remove' = 'assign';
    if (name.endsWith('+')) [mode, name] = ['append', name.slice(0, -1)];
    else if (name.endsWith('-')) [mode, name] = ['remove', name.slice(0, -1)];
    // Like sysctl(8): describe first, then query or set as usual.
    if (flags.describe) out.out(`${name}: ${view.describe(name, out)}\n`);

    if (eq >= 0) {
      const given = arg.slice(eq + 1);
      if (flags.verbose && !flags.check) {
        let file = view.find(name);
        if (file === undefined || file === view.defaults) file = view.confFiles()[0] ?? '';
        out.out(flags.showEquals ? `: ${file}; ` : `${file}: `);
      }
      if (flags.del) {
        if (!view.delete(name)) status = 1;
        continue;
      }
      const current = view.shown(name);
      let before = current;
      let next = given;
      if (mode === 'append') next = appendList(current, given);
      if (mode === 'remove') next = removeList(current, given);
      if (flags.showFile) before = view.find(name) ?? '';

      if (flags.check) {
        if (view.get(name) === undefined) {
          status = 1;
          if (flags.verbose) out.out(`${name}: not currently set\n`);
        } else if (next !== before) {
          status = 1;
          if (flags.verbose) out.out(`${view.find(name) ?? ''}: ${name}: would change from \`${before}' to \`${next}'\n`);
        } else if (flags.verbose) {
          out.out(`${view.find(name) ?? ''}: ${name}: already set to \`${before}'\n`);
        }
        continue;
      }

      if (!flags.showValue) {
        out.out(`${name}\n`);
        if (!view.set(name, next, out)) status = 1;
        continue;
      }
      if (!view.set(name, next, out)) {
        status = 1;
        continue;
      }
      const after = flags.showFile ? view.find(name) ?? '' : view.shown(name);
      out.out(
        `${flags.showName ? name + sep : ''}${before}${flags.showEquals ? '" #' : ''}` +
          ` -> ${closeQ}${after}${closeQ}\n`,
      );
      continue;
    }

    const value = view.get(name);
    if (value === undefined) {
      if (!flags.ignoreUnknowns && !flags.quiet) out.err(`${PGM}: unknown variable '${name}'\n`);
      status = 1;
      continue;
    }
    if (flags.check || flags.describe) continue;
    if (flags.del) {
      if (!view.delete(name)) status = 1;
      continue;
    }
    if (flags.showFile) {
      out.out(`${flags.showName ? `${name}: ` : ''}${view.find(name) ?? ''}\n`);
      continue;
    }
    if (flags.verbose) {
      const file = view.find(name) ?? '';
      out.out(flags.showEquals ? `: ${file}; ` : `${file}: `);
    }
    if (!flags.showValue) {
      out.out(`${name}\n`);
      continue;
    }
    out.out(`${flags.showName ? name + sep : ''}${value.replace(/\n+$/, '')}${closeQ}\n`);
  }
  return out.result(status);
};
