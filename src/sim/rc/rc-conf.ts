/**
 * rc.conf evaluation as /etc/rc.subr's load_rc_config does it: source
 * /etc/defaults/rc.conf, then every file in its rc_conf_files (once each, in
 * order, skipping unreadable ones), then /etc/rc.conf.d/NAME for a service.
 * Paths are as the (possibly jailed) process sees them; `root` maps them to
 * host paths.
 */
import type { SimFs } from '../fs.js';
import type { RcVars } from './rc-conf-parse.js';
import { NO_RC_VARS, sourcedOnto } from './rc-conf-sourced.js';

export const RC_DEFAULTS = '/etc/defaults/rc.conf';

export interface RcFiles {
  fs: SimFs;
  /** Host path that "/" means. */
  root: string;
}

/** Text of a file as seen from `root`, or undefined if absent or not a file. */
export function readRcFile(where: RcFiles, path: string): string | undefined {
  // One stat: readFile would resolve the path (links and all) a second time.
  const node = where.fs.stat(where.fs.resolve(where.root, '/', path));
  return node?.kind === 'file' ? node.content : undefined;
}

/** Split a list the way sh field splitting would (IFS blanks). */
export function words(value: string | undefined): string[] {
  return (value ?? '').split(/[ \t\n]+/).filter(Boolean);
}

export interface LoadOptions {
  /** Replace rc_conf_files (sysrc -f / RC_CONFS). */
  confFiles?: string[];
  /** Defaults file; /etc/defaults/rc.conf unless RC_DEFAULTS says otherwise. */
  defaults?: string;
  /** Also source rc.conf.d entries for this service, as load_rc_config NAME does. */
  service?: string;
  /**
   * Source rc_conf_files only through the defaults file's source_rc_confs
   * function, as sysrc does: a defaults file without it leaves them unread.
   */
  viaSourceRcConfs?: boolean;
}

export interface LoadedRcConf {
  vars: RcVars;
  /** Whether the defaults file could be read (sysrc knows nothing without it). */
  haveDefaults: boolean;
  /** The rc_conf_files list that was sourced. */
  confFiles: string[];
  /** viaSourceRcConfs was asked for and the defaults file does not define the function. */
  noSourceRcConfs: boolean;
}

/** The variables are shared with other callers (see rc-conf-sourced.ts): copy before changing. */
export function loadRcConf(where: RcFiles, options: LoadOptions = {}): LoadedRcConf {
  let vars = NO_RC_VARS;
  const defaultsText = readRcFile(where, options.defaults ?? RC_DEFAULTS);
  if (defaultsText !== undefined) vars = sourcedOnto(vars, defaultsText);
  const noSourceRcConfs = options.viaSourceRcConfs === true && defaultsText !== undefined && !definesSourceRcConfs(vars, defaultsText);
  const confFiles = noSourceRcConfs ? [] : options.confFiles ?? words(vars.get('rc_conf_files'));
  const seen = new Set<string>();
  for (const file of confFiles) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readRcFile(where, file);
    if (text !== undefined) vars = sourcedOnto(vars, text);
  }
  if (options.service) vars = sourceServiceConfs(where, options.service, vars);
  return { vars, haveDefaults: defaultsText !== undefined, confFiles, noSourceRcConfs };
}

const SOURCE_RC_CONFS_FUNCTION = /(?:^|[\s;&|{(])source_rc_confs[ \t]*\([ \t]*\)/m;
/** Keyed by the (cached, shared) variables the defaults text evaluates to: one scan per text. */
const definesFunction = new WeakMap<RcVars, boolean>();

function definesSourceRcConfs(defaultsVars: RcVars, defaultsText: string): boolean {
  let defines = definesFunction.get(defaultsVars);
  if (defines === undefined) {
    defines = SOURCE_RC_CONFS_FUNCTION.test(defaultsText);
    definesFunction.set(defaultsVars, defines);
  }
  return defines;
}

/** /etc/rc.conf.d/NAME and /usr/local/etc/rc.conf.d/NAME (file, or files in a directory). */
function sourceServiceConfs(where: RcFiles, service: string, vars: RcVars): RcVars {
  for (const dir of ['/etc/rc.conf.d', '/usr/local/etc/rc.conf.d']) {
    const path = `${dir}/${service}`;
    const hostPath = where.fs.resolve(where.root, '/', path);
    const node = where.fs.stat(hostPath);
    if (!node) continue;
    if (node.kind === 'file') {
      vars = sourcedOnto(vars, where.fs.readFile(hostPath));
      continue;
    }
    for (const name of where.fs.readdir(hostPath)) {
      const text = readRcFile(where, `${path}/${name}`);
      if (text !== undefined) vars = sourcedOnto(vars, text);
    }
  }
  return vars;
}

/** rc.subr checkyesno: true for YES/TRUE/ON/1, false otherwise (warning aside). */
export function checkYesNo(value: string | undefined): boolean {
  return /^(yes|true|on|1)$/i.test(value ?? '');
}

/** Whether checkyesno would warn "is not set properly". */
export function isYesNo(value: string | undefined): boolean {
  return /^(yes|true|on|1|no|false|off|0)$/i.test(value ?? '');
}
