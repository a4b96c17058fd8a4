/**
 * The module contract (DESIGN.md §4, pyinfra's model): a module never touches
 * a transport. It names the facts it needs — a shell command plus a pure
 * parser — and turns those facts into a plan: the steps to run, or "no change,
 * because ...". The engine gathers every fact of a play in one exec, plans all
 * tasks on the controller, and applies every step of a host in one script.
 */
import type { z } from 'zod';
import type { ExecResult } from '../transport/transport.js';

export interface FactSpec<T = unknown> {
  /**
   * Identity of the fact. Tasks asking for the same key share one read, and a
   * plan's predicted update under that key is what later tasks see.
   * Convention: "<kind>:<jail or ''>:<subject>", e.g. "file::/etc/rc.conf".
   */
  key: string;
  /** Read-only shell text (values quoted with shell/quote). stdin is closed. */
  command: string;
  /** Pure: captured output in, fact value out. Throws FactParseError on nonsense. */
  parse(out: ExecResult): T;
}

export interface FactReader {
  /** The current (or predicted, after earlier tasks) value of a fact. */
  get<T>(spec: FactSpec<T>): T;
}

/** One unit of change, run in the host's apply script; exit 0 means success. */
export interface Step {
  /** Short human title, reported when the step fails ("write /etc/rc.conf"). */
  title: string;
  /** POSIX sh text. Runs in a subshell with stdin closed. */
  command: string;
  /** True for steps that only verify (they never count as a change). */
  verify?: boolean;
  /**
   * Set when the step rewrites the whole file at this path (content, mode,
   * owner) whatever was there: when the next step of the apply script
   * rewrites the same path too, this one is not run and its task takes that
   * step's result (shell/script.ts coalesceRewrites).
   */
  replaces?: string;
}

/** Before/after text of one file or value, for --diff. */
export interface Diff {
  /** What changed: a path, or "/etc/rc.conf: sshd_enable". */
  label: string;
  before: string;
  after: string;
}

export interface FactUpdate<T = unknown> {
  spec: FactSpec<T>;
  value: T;
}

export interface Plan {
  changed: boolean;
  /** What will change, or why nothing will. */
  message: string;
  steps: Step[];
  diffs: Diff[];
  /** The facts as they will be after the steps ran. */
  updates: FactUpdate[];
}

export interface ModuleContext {
  /** Inventory name of the host. */
  host: string;
  /** Address the controller reaches the host on (for lock-out checks). */
  connectedAddress?: string;
  /** All variables visible to the task (for modules that need e.g. host IP). */
  vars: Readonly<Record<string, unknown>>;
}

export interface ModuleDef<A = unknown> {
  name: string;
  /** Validates already-templated arguments; errors name the argument path. */
  schema: z.ZodType<A>;
  facts(args: A, ctx: ModuleContext): FactSpec[];
  plan(args: A, facts: FactReader, ctx: ModuleContext): Plan;
}

/** Helper for planners: a plan that changes nothing. */
export function noChange(message: string): Plan {
  return { changed: false, message, steps: [], diffs: [], updates: [] };
}
