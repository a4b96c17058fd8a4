/**
 * What every pw(8) subcommand shares: where the files are (-R/-V), stderr
 * (silenced by -q), the userlog, getopt(3), and the name and id checks.
 * Sources: usr.sbin/pw/pw.c (main: -R/-V), pw_user.c pw_checkname,
 * pw_utils.c pw_checkid / strtounum.c, pw_log.c, lib/libc/stdlib/getopt.c.
 */
import type { SimFs } from '../../fs.js';
import type { SimCommandContext } from '../../types.js';
import { AccountFiles, EX_DATAERR, EX_USAGE, PwExit } from './pw-files.js';

export const UID_MAX = 0xffffffff;
export const GID_MAX = 0xffffffff;
/** MAXLOGNAME - 1 (sys/param.h MAXLOGNAME 33). */
const LOGNAMESIZE = 32;
/** umask(2) pw runs with (the login default 022; pw no longer calls umask(0)). */
export const UMASK = 0o022;

/** pw.conf defaults (usr.sbin/pw/pw_conf.c `config`); /etc/pw.conf and -C are not read by the simulator. */
export const CONF = {
  dotdir: '/usr/share/skel',
  logfile: '/var/log/userlog',
  home: '/home',
  shelldir: '/bin',
  shellDefault: 'sh',
  minUid: 1000,
  maxUid: 32000,
  minGid: 1000,
  maxGid: 32000,
  homemode: 0o777, // _DEF_DIRMODE, less the umask at mkdir
};

export class PwSession {
  stderr = '';
  stdout = '';
  quiet = false;
  checkDuplicate = true;
  readonly fs: SimFs;
  readonly files: AccountFiles;
  /** The process's own /etc, what plain getpwuid(3) reads even under -R. */
  readonly system: AccountFiles;

  constructor(
    readonly ctx: SimCommandContext,
    /** Host path of the -R root ("/" of the process otherwise). */
    readonly rootHost: string,
    etcHost: string,
    /** PWALTDIR(): 'V' (-V: no homes, no mail files), 'R', or undefined. */
    readonly altdir: 'R' | 'V' | undefined,
  ) {
    this.fs = ctx.host.fs;
    this.files = new AccountFiles(this.fs, ctx.root, etcHost);
    this.system = new AccountFiles(this.fs, ctx.root, this.fs.resolve(ctx.root, '/', '/etc'));
  }

  /** warnx(3): "pw: msg" unless -q sent stderr to /dev/null. */
  warnx(msg: string): void {
    if (!this.quiet) this.stderr += `pw: ${msg}\n`;
  }

  /** A path inside the -R root, symbolic links followed as openat(rootfd, ...) does. */
  inRoot(path: string): string {
    return this.fs.realpath(this.fs.resolve(this.rootHost, '/', path), this.ctx.root);
  }

  /** A path of the process's own file system (the log, access(2) of shells). */
  inProcess(path: string): string {
    return this.fs.realpath(this.fs.resolve(this.ctx.root, this.ctx.cwd, path), this.ctx.root);
  }

  /**
   * pw_log(3): append "%Y-%m-%d %T [LOGNAME:WHICHMODE] text" to cnf->logfile,
   * opened with open(2) in the process's own root (not -R), created 0600.
   */
  log(which: 'user' | 'group', mode: 'add' | 'del' | 'mod', text: string): void {
    const path = this.inProcess(CONF.logfile);
    const dir = this.fs.stat(path.slice(0, path.lastIndexOf('/')) || '/');
    if (dir?.kind !== 'dir') return;
    const node = this.fs.stat(path);
    if (node && node.kind !== 'file') return;
    const d = new Date(this.ctx.host.state.clock * 1000);
    const p2 = (n: number): string => String(n).padStart(2, '0');
    const stamp = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    const name = this.ctx.env.LOGNAME ?? this.ctx.env.USER ?? 'unknown';
    const line = `${stamp} [${name}:${which}${mode}] ${text}\n`;
    if (node) this.fs.appendFile(path, line);
    else this.fs.writeFile(path, line, { mode: 0o600 & ~UMASK });
  }

  /**
   * getopt(3) over a subcommand's arguments, one option at a time: a bad
   * option or a missing argument prints getopt's warning and is skipped (pw's
   * switches have no default case); the first operand or "--" ends them.
   */
  *getopt(args: string[], spec: string): Generator<[string, string | undefined]> {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--' || !a.startsWith('-') || a === '-') break;
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const at = spec.indexOf(c);
        if (at < 0 || c === ':') {
          this.warnx(`illegal option -- ${c}`);
          continue;
        }
        if (spec[at + 1] !== ':') {
          yield [c, undefined];
          continue;
        }
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) this.warnx(`option requires an argument -- ${c}`);
        else yield [c, value];
        break;
      }
    }
  }
}

/**
 * pw_checkname (pw_user.c): a user or group name, or (gecos) a comment field.
 * Bytes are checked as C chars are: signed, so 8-bit bytes are below ' '.
 */
export function checkName(name: string, gecos: boolean): string {
  const bytes = Buffer.from(name, 'utf8');
  const bad = gecos ? ':' : ' ,\t:+&#%$^()!@~*?<>=|\\/"';
  const showtype = gecos ? 'gecos field' : 'userid/group name';
  let reject = !gecos && bytes[0] === 0x2d; // a leading '-'
  let at = 0;
  if (!reject) {
    for (; at < bytes.length; at++) {
      const b = bytes[at]!;
      const signed = b > 127 ? b - 256 : b;
      if (bad.includes(String.fromCharCode(b)) || (!gecos && signed < 32) || b === 127) {
        reject = true;
        break;
      }
    }
  }
  // A trailing '$' is allowed in user and group names (samba machine accounts).
  if (reject && !gecos && bytes[at] === 0x24 && at === bytes.length - 1) {
    reject = false;
    at++;
  }
  if (reject) {
    const b = bytes[at] ?? 0;
    // snprintf(showch, 8, ...) of a sign-extended char truncates "0xffffffc3" to "0xfffff".
    const show = b >= 32 && b < 127 ? `\`${String.fromCharCode(b)}'` : b > 127 ? '0xfffff' : `0x${b.toString(16).padStart(2, '0')}`;
    throw new PwExit(EX_DATAERR, `invalid character ${show} at position ${at} in ${showtype}`);
  }
  if (!gecos && at > LOGNAMESIZE) throw new PwExit(EX_USAGE, `name too long \`${name}' (max is ${LOGNAMESIZE})`);
  return name;
}

/** pw_checkid (pw_utils.c): strtounum(3) of an id, "Bad id 'X': invalid|too large". */
export function checkId(s: string, max: number): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(s);
  if (!m) throw new PwExit(EX_USAGE, `Bad id '${s}': invalid`);
  let v = BigInt(m[2]!);
  if (m[1] === '-' && v !== 0n) v = (1n << 64n) - v; // strtoumax negates in unsigned arithmetic
  if (v > BigInt(max)) throw new PwExit(EX_USAGE, `Bad id '${s}': too large`);
  return Number(v);
}

/** arg1 of a subcommand: all digits is an id, anything else a name. */
export const isAllDigits = (s: string): boolean => /^\d*$/.test(s);
