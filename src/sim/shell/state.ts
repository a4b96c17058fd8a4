/**
 * One shell's variables, functions, options and position. A subshell is a
 * copy: Var objects are replaced on change, never mutated, so copies of the
 * maps share nothing that changes. The maps themselves are copied on first
 * write (every `( )` and `$( )` clones the shell, and most never assign), so
 * they are read-only from outside: change them through the methods below.
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

export class ShellState {
  private varMap = new Map<string, Var>();
  private funcMap = new Map<string, Command>();
  /** Whether varMap / funcMap may be shared with a clone (copy before writing). */
  private varsShared = false;
  private funcsShared = false;
  positional: string[] = [];
  arg0 = 'sh';
  status = 0;
  options: ShellOptions = { errexit: false, nounset: false, noglob: false, xtrace: false, pipefail: false, noclobber: false };
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

  /** A new shell process: the environment becomes exported variables. */
  static fromEnv(env: Record<string, string>, where: { cwd: string; root: string; jail: string | undefined; pid: number }): ShellState {
    const s = new ShellState();
    for (const [k, v] of Object.entries(env)) s.varMap.set(k, { value: v, exported: true, readonly: false });
    s.cwd = where.cwd;
    s.root = where.root;
    s.jail = where.jail;
    s.pid = where.pid;
    return s;
  }

  clone(): ShellState {
    const s = new ShellState();
    s.varMap = this.varMap;
    s.funcMap = this.funcMap;
    s.varsShared = this.varsShared = true;
    s.funcsShared = this.funcsShared = true;
    s.positional = this.positional.slice();
    s.arg0 = this.arg0;
    s.status = this.status;
    s.options = { ...this.options };
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

  get vars(): ReadonlyMap<string, Var> {
    return this.varMap;
  }

  get funcs(): ReadonlyMap<string, Command> {
    return this.funcMap;
  }

  private ownVars(): Map<string, Var> {
    if (this.varsShared) {
      this.varMap = new Map(this.varMap);
      this.varsShared = false;
    }
    return this.varMap;
  }

  private ownFuncs(): Map<string, Command> {
    if (this.funcsShared) {
      this.funcMap = new Map(this.funcMap);
      this.funcsShared = false;
    }
    return this.funcMap;
  }

  setFunc(name: string, body: Command): void {
    this.ownFuncs().set(name, body);
  }

  unsetFunc(name: string): void {
    if (this.funcMap.has(name)) this.ownFuncs().delete(name);
  }

  get(name: string): string | undefined {
    return this.varMap.get(name)?.value;
  }

  /** Assign; false when the variable is read-only (the caller reports it). */
  set(name: string, value: string): boolean {
    const old = this.varMap.get(name);
    if (old?.readonly) return false;
    this.ownVars().set(name, { value, exported: old?.exported ?? false, readonly: false });
    if (old?.exported) this.envCache = undefined;
    return true;
  }

  setFlags(name: string, flags: { exported?: boolean; readonly?: boolean }): void {
    const old = this.varMap.get(name);
    this.ownVars().set(name, {
      value: old?.value,
      exported: flags.exported ?? old?.exported ?? false,
      readonly: flags.readonly ?? old?.readonly ?? false,
    });
    this.envCache = undefined;
  }

  unset(name: string): boolean {
    const old = this.varMap.get(name);
    if (old?.readonly) return false;
    if (old !== undefined || this.varMap.has(name)) this.ownVars().delete(name);
    if (old?.exported) this.envCache = undefined;
    return true;
  }

  /** Restore a saved Var exactly (local frames). */
  restore(name: string, v: Var | undefined): void {
    if (v) this.ownVars().set(name, v);
    else if (this.varMap.has(name)) this.ownVars().delete(name);
    this.envCache = undefined;
  }

  /** Exported variables with a value: a child process's environment. */
  env(): Record<string, string> {
    if (this.envCache) return this.envCache;
    const env: Record<string, string> = {};
    for (const [k, v] of this.varMap) if (v.exported && v.value !== undefined) env[k] = v.value;
    this.envCache = env;
    return env;
  }
}

/** The process's disposition of SIGPIPE: `trap '' PIPE` ignores it, and subshells and children inherit that. */
export function pipeIgnored(sh: ShellState): boolean {
  return sh.traps.get('PIPE') === '';
}
