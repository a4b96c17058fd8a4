/**
 * What an rc.d script is to the simulator: rc.subr's variables (name, rcvar,
 * pidfile, extra_commands) plus the daemon behind it. rc-subr.ts runs these
 * the way run_rc_command does.
 */
import type { SimCommandContext, SimProcess } from '../types.js';
import type { ListenSpec } from './addresses.js';
import type { RcVars } from './rc-conf-parse.js';

export interface DaemonEnv {
  ctx: SimCommandContext;
  /** rc.conf as load_rc_config NAME left it. */
  vars: RcVars;
  /** $0 of the rc.d script, for warn(). */
  script: string;
}

/** Partial output of a step; ok=false makes run_rc_command return 1. */
export interface StepResult {
  stdout?: string;
  stderr?: string;
  ok: boolean;
}

export type BindOutcome = { listeners: ListenSpec[] } | { error: string };

export interface RcService {
  name: string;
  desc?: string;
  /** '' for scripts without an rcvar. */
  rcvar: string;
  pidfile: string;
  /** The sockstat COMMAND of the daemon. */
  command: string;
  user?: string;
  extraCommands: string[];
  /**
   * What the script sets before load_rc_config (`[ -z "$x" ] && x="NO"`):
   * used when rc.conf leaves the variable unset.
   */
  defaults?: Record<string, string>;
  /** Sockets a fresh start opens (config read now), or why the daemon died. */
  bind?(env: DaemonEnv, exceptPid?: number): BindOutcome;
  /** ${verb}_precmd: e.g. sshd's keygen + configtest before start. */
  precmd?: Partial<Record<string, (env: DaemonEnv) => StepResult>>;
  /** ${verb}_cmd overrides and extra commands (configtest, keygen, postfix's own start/stop). */
  commands?: Partial<Record<string, (env: DaemonEnv, running: SimProcess | undefined) => StepResult>>;
  /** What SIGHUP does to the running daemon (default: nothing visible). */
  onReload?(env: DaemonEnv, proc: SimProcess): void;
  /** Start log lines etc. once the process exists. */
  onStarted?(env: DaemonEnv, proc: SimProcess): void;
  onStopped?(env: DaemonEnv, proc: SimProcess): void;
}
