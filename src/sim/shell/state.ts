/**
 * One shell's variables, functions, options and position. A subshell is a
 * copy: Var objects are replaced on change, never mutated, so copies of the
 * maps share nothing that changes. The maps themselves are copied on first
 * write while another shell still uses them (every `( )` and `$( )` clones
 * the shell, and most never assign; a subshell that ended gives its share
 * back, release(), so the parent's next `x=$?` writes in place), so they are
 * read-only from outside: change them through the methods below.
 */
import type { Command } from './ast.js';

export interface Var {
  readonly value: string | undefined;
  readonly exported: boolean;
  readonly readonly: boolean;
}

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  noglob: boolean;
  xtrace: boolean;
  pipefail: boolean;
  noclobber: boolean;
}

/** A map and the number of shells using it: one writes to it in place only while it is the only user. */
interface Shared<M> {
  readonly map: M;
  users: number;
}

export class ShellState {
  private varBox: Shared<Map<string, Var>>;
  private funcBox: Shared<Map<string, Command>>;
  /** Replaced, never changed in place (set, shift, a function call), so a subshell shares its parent's. */
  positional: string[];
  arg0 = 'sh';
  status = 0;
  options: ShellOptions;
  cwd = '/';
  root = '/';
  jail: string | undefined;
  pid = 0;
  lastBgPid: number | undefined;
  traps = new Map<string, string>();
  umask = 0o022;
  /** > 0 while running an if/while condition or a non-final && || operand: errexit is off. */
  condDepth = 0;
  loopDepth = 0;
  /** Saved values per active function call, for `local`. */
  localFrames: Array<Map<string, Var | undefined>> = [];
  private envCache: Record<string, string> | undefined;

  /** Set up by fromEnv and clone, each with what it has (a subshell is made for every `( )` and `$( )`). */
  private constructor(varBox: Shared<Map<string, Var>>, funcBox: Shared<Map<string, Command>>, options: ShellOptions, positional: string[]) {
    this.varBox = varBox;
    this.funcBox = funcBox;
    this.options = options;
    this.positional = positional;
  }

  /** A new shell process: the environment becomes exported variables. */
  static fromEnv(env: Record<string, string>, where: { cwd: string; root: string; jail: string | undefined; pid: number }): ShellState {
    const vars = new Map<string, Var>();
    for (const [k, v] of Object.entries(env)) vars.set(k, { value: v, exported: true, readonly: false });
    const options = { errexit: false, nounset: false, noglob: false, xtrace: false, pipefail: false, noclobber: false };
    const s = new ShellState({ map: vars, users: 1 }, { map: new Map(), users: 1 }, options, []);
    s.cwd = where.cwd;
    s.root = where.root;
    s.jail = where.jail;
    s.pid = where.pid;
    return s;
  }

  /** A subshell's copy. Call release() on it once it ended. */
  clone(): ShellState {
    this.varBox.users++;
    this.funcBox.users++;
    const s = new ShellState(this.varBox, this.funcBox, { ...this.options }, this.positional);
    s.arg0 = this.arg0;
    s.status = this.status;
    s.cwd = this.cwd;
    s.root = this.root;
    s.jail = this.jail;
    s.pid = this.pid;
    s.lastBgPid = this.lastBgPid;
    s.umask = this.umask;
    s.condDepth = this.condDepth;
    // Same variables, same environment; the record is replaced on change, never mutated.
    s.envCache = this.envCache;
    // A subshell resets caught traps and keeps ignored ones (POSIX 2.12), and is not inside the caller's loops or functions.
    for (const [sig, action] of this.traps) if (action === '') s.traps.set(sig, '');
    return s;
  }

  /**
   * This shell has ended (a subshell): its share of the maps goes back to
   * the shells it shared them with. It can still be read; a write would copy.
   */
  release(): void {
    this.varBox.users--;
    this.funcBox.users--;
    this.varBox = { map: this.varBox.map, users: 2 };
    this.funcBox = { map: this.funcBox.map, users: 2 };
  }

  get vars(): ReadonlyMap<string, Var> {
    return this.varBox.map;
  }

  get funcs(): ReadonlyMap<string, Command> {
    return this.funcBox.map;
  }

  private ownVars(): Map<string, Var> {
    const box = this.varBox;
    if (box.users === 1) return box.map;
    box.users--;
    this.varBox = { map: new Map(box.map), users: 1 };
    return this.varBox.map;
  }

  private ownFuncs(): Map<string, Command> {
    const box = this.funcBox;
    if (box.users === 1) return box.map;
    box.users--;
    this.funcBox = { map: new Map(box.map), users: 1 };
    return this.funcBox.map;
  }

  setFunc(name: string, body: Command): void {
    this.ownFuncs().set(name, body);
  }

  unsetFunc(name: string): void {
    if (this.funcBox.map.has(name)) this.ownFuncs().delete(name);
  }

  get(name: string): string | undefined {
    return this.varBox.map.get(name)?.value;
  }

  /** Assign; false when the variable is read-only (the caller reports it). */
  set(name: string, value: string): boolean {
    const old = this.varBox.map.get(name);
    if (old?.readonly) return false;
    this.ownVars().set(name, { value, exported: old?.exported ?? false, readonly: false });
    if (old?.exported) this.envCache = undefined;
    return true;
  }

  setFlags(name: string, flags: { exported?: boolean; readonly?: boolean }): void {
    const old = this.varBox.map.get(name);
    this.ownVars().set(name, {
      value: old?.value,
      exported: flags.exported ?? old?.exported ?? false,
      readonly: flags.readonly ?? old?.readonly ?? false,
    });
    this.envCache = undefined;
  }

  unset(name: string): boolean {
    const old = this.varBox.map.get(name);
    if (old?.readonly) return false;
    if (old !== undefined || this.varBox.map.has(name)) this.ownVars().delete(name);
    if (old?.exported) this.envCache = undefined;
    return true;
  }

  /** Restore a saved Var exactly (local frames). */
  restore(name: string, v: Var | undefined): void {
    if (v) this.ownVars().set(name, v);
    else if (this.varBox.map.has(name)) this.ownVars().delete(name);
    this.envCache = undefined;
  }

  /** Exported variables with a value: a child process's environment. */
  env(): Record<string, string> {
    if (this.envCache) return this.envCache;
    const env: Record<string, string> = {};
    for (const [k, v] of this.varBox.map) if (v.exported && v.value !== undefined) env[k] = v.value;
    this.envCache = env;
    return env;
  }
}

/** The process's disposition of SIGPIPE: `trap '' PIPE` ignores it, and subshells and children inherit that. */
export function pipeIgnored(sh: ShellState): boolean {
  return sh.traps.get('PIPE') === '';
}
