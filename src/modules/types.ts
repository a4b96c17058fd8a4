/**
 * The module contract (DESIGN.md §4, pyinfra's model): a module never touches
 * a transport. It names the facts it needs — a shell command plus a pure
 * parser — and turns those facts into a plan: the steps to run, or "no change,
 * because ...". The engine gathers every fact of a play in one exec, plans all
 * tasks on the controller, and applies every step of a host in one script.
 */
import type { z } from 'zod';

/**
 * What a fact command printed, as a planner sees it. Modules never depend on
 * the wire (src/transport), not even for a type.
 */
export interface FactOutput {
  stdout: string;
  stderr: string;
  /** Exit status of the fact's command. */
  code: number;
}

/**
 * What a step may change, or what a fact reads (DESIGN.md §4: no task is
 * planned from a stale fact). A fact is stale when a step that has not run
 * yet may change what it reads and no plan predicted its new value; the
 * engine then runs the pending steps and reads the fact again first.
 *  - `path:/abs/path`: a file, or a directory and everything below it (host
 *    paths: a jail's files by their path on the host). Paths are taken as
 *    written: a symlink on the way is not resolved, on either side;
 *  - `node:/abs/path` (changes only): the path itself — its existence, kind,
 *    mode and owner — and the missing directories above it that `mkdir -p`
 *    makes, never what is below it. It overlaps `path:Q` when it is Q or
 *    lies below Q, `node:` as two `path:` scopes would, and `jail:NAME`
 *    like any path;
 *  - `jail:NAME`: a jail's existence and runtime, and everything read or
 *    changed through it (jexec, sysrc -j, pkg -j, service -j). Which host
 *    path is the jail's root is not known here, so `jail:NAME` overlaps
 *    every `path:` scope. A step that knows the root (the jail module)
 *    names `path:ROOT` and `jails` instead, which reach the same facts;
 *  - `jails`: the kernel's table of running jails, what `jls` lists (names,
 *    JIDs, paths, hostnames, addresses). It overlaps every `jail:NAME`:
 *    anything done through a jail can change its entry (its last process
 *    ending it, `hostname` run inside it);
 *  - `pkg:JAIL`: the package database of the host (`pkg:`) or of a jail;
 *  - `service:JAIL:NAME`: whether a service runs (JAIL empty on the host),
 *    its pid file included: only the service's own actions write that;
 *  - `net`: interfaces, addresses and listening sockets;
 *  - `sysctl:NAME`: a kernel value at runtime;
 *  - `mounts`: the mount table;
 *  - `zfs:DATASET`: a ZFS dataset and every dataset below it (existence,
 *    properties, snapshots); it overlaps `zfs:` scopes above or below it,
 *    since `zfs create -p` makes parents and `zfs destroy -r` children;
 *  - `*`: everything.
 * `[]` is nothing: a verify-only step, or a fact no step can change.
 * A temp file that a step creates and renames away (or removes) before it
 * ends is not declared: facts are read between steps, never during one.
 * engine/scopes.ts decides overlaps.
 */
export type Scope = string;

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
  parse(out: FactOutput): T;
  /** What the command reads; undefined: it may read anything (`*`). */
  reads?: Scope[];
  /** Read together with the other facts of its batch's kind, in one command (fewer processes on the host). */
  batch?: FactBatch;
}

/**
 * Facts of one kind that a single command reads together: each fact of a
 * host costs a fork and a few execs on the target, a batch costs them once.
 * The batch's output is split back into what each fact's own `command`
 * would have printed, so `parse` (and its errors) stay the fact's own.
 */
export interface FactBatch {
  /** Facts whose batches have the same kind are read by one command. */
  kind: string;
  /** What this fact reads (a path): the batch command's operand for it. */
  member: string;
  /** One command that reads every member (distinct, in this order). */
  command(members: string[]): string;
  /** The command's output as each member's own `command` would have printed it, in the members' order. */
  split(out: FactOutput, members: string[]): FactOutput[];
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
  /**
   * What the step may change; undefined: anything (`*`). A plan that cannot
   * say exactly what its step does (a user's command, a package install, a
   * host rc.d script) leaves it undefined. Never less than it can change.
   */
  changes?: Scope[];
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
  /**
   * The facts as they will be after the steps ran, where the plan is
   * certain of them (sysrc on rc.conf, a file it writes whole). A fact a
   * step may change and no update names is read again before a later task
   * uses it: predict only what is exact.
   */
  updates: FactUpdate[];
  /**
   * Files the engine writes on the controller once the task's turn came in
   * the host's apply (fetch): atomically, never in check mode. A plan only
   * lists a file whose content differs from the controller's copy.
   */
  controllerWrites?: ControllerWrite[];
  /** Nothing to do on this host for a reason of the task's own (debug's verbosity): reported as skipped. */
  skipped?: boolean;
  /** Host variables the task sets on the controller (set_fact), seen by the tasks after it. */
  vars?: Record<string, unknown>;
}

export interface ControllerWrite {
  /** Absolute path on the controller. */
  path: string;
  /** The bytes, base64. */
  content: string;
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
