/**
 * Plays tasks the way the engine does: every fact of every task gathered once
 * (deduplicated by key) from captured command output, then each task planned
 * in order against the facts as updated by the tasks before it. A fact that
 * an earlier task's step may change (its `changes` meet the fact's `reads`)
 * and that no plan predicted is stale: where the engine would run the
 * pending steps and read it again, it is read from `after` (the host's
 * output by then: captured output, or a function of the command and the
 * task's index), and asking for it throws StaleFact when `after` has none.
 *
 * Captured output is looked up by the exact fact command text, so a test also
 * fails when a fact command changes.
 */
import { expect } from 'vitest';
import { overlaps } from '../../src/engine/scopes.js';
import type { ExecResult } from '../../src/transport/transport.js';
import type { FactReader, FactSpec, ModuleContext, ModuleDef, Plan, Scope } from '../../src/modules/types.js';

export type Captured = Record<string, ExecResult>;

export const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', code: 0 });
export const fail = (code: number, stderr: string, stdout = ''): ExecResult => ({ stdout, stderr, code });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Task = [ModuleDef<any>, Record<string, unknown>];

export function context(vars: Record<string, unknown> = {}): ModuleContext {
  return { host: 'h1', vars };
}

/**
 * One task as the engine plans it against a live host: each of its facts
 * read with `exec` (the fact's command, as sent), then the plan. `exec` is
 * the simulator's or a local shell's.
 */
export function planWith(task: Task, exec: (command: string) => ExecResult, ctx = context()): Plan {
  const [def, raw] = task;
  const args: unknown = def.schema.parse(raw);
  const values = new Map<string, unknown>();
  for (const spec of def.facts(args, ctx)) values.set(spec.key, spec.parse(exec(spec.command)));
  const reader: FactReader = { get: <T>(spec: FactSpec<T>) => values.get(spec.key) as T };
  return def.plan(args, reader, ctx);
}

export function factsOf(task: Task, ctx = context()): FactSpec[] {
  const [def, raw] = task;
  return def.facts(def.schema.parse(raw), ctx);
}

/** A fact task number `task` (0-based) may have changed without predicting it. */
export class StaleFact extends Error {
  constructor(
    readonly key: string,
    readonly task: number,
  ) {
    super(`fact ${key} depends on the change made by task ${task}`);
  }
}

interface Known {
  value: unknown;
  reads: Scope[] | undefined;
}

export type Later = Captured | ((command: string, task: number) => ExecResult | undefined);

export function play(captured: Captured, tasks: Task[], ctx = context(), after: Later = {}): Plan[] {
  let current = 0;
  const reread = typeof after === 'function' ? (c: string) => after(c, current) : (c: string) => after[c];
  const parsed = tasks.map(([def, raw]) => [def, def.schema.parse(raw)] as const);
  const known = new Map<string, Known>();
  const stale = new Map<string, number>();
  for (const [def, args] of parsed) {
    for (const spec of def.facts(args, ctx)) {
      if (known.has(spec.key)) continue;
      const out = captured[spec.command];
      if (!out) throw new Error(`no captured output for fact command: ${spec.command}`);
      known.set(spec.key, { value: spec.parse(out), reads: spec.reads });
    }
  }
  const reader: FactReader = {
    get<T>(spec: FactSpec<T>): T {
      const k = known.get(spec.key);
      if (!k) {
        // As the engine on a MissingFactError: a fact the task did not declare is read in a later round, from `after`.
        const out = reread(spec.command);
        if (!out) throw new Error(`fact ${spec.key} was not gathered`);
        const value = spec.parse(out);
        known.set(spec.key, { value, reads: spec.reads });
        return value;
      }
      const cause = stale.get(spec.key);
      if (cause === undefined) return k.value as T;
      const out = reread(spec.command);
      if (!out) throw new StaleFact(spec.key, cause);
      const value = spec.parse(out);
      known.set(spec.key, { value, reads: spec.reads });
      stale.delete(spec.key);
      return value;
    },
  };
  return parsed.map(([def, args], index) => {
    current = index;
    const plan = def.plan(args, reader, ctx);
    // As the engine: a verify step that declares nothing changes nothing.
    for (const step of plan.steps) {
      if (step.verify && step.changes === undefined) continue;
      for (const [key, k] of known) if (!stale.has(key) && overlaps(step.changes, k.reads)) stale.set(key, index);
    }
    for (const u of plan.updates) {
      known.set(u.spec.key, { value: u.value, reads: u.spec.reads });
      stale.delete(u.spec.key);
    }
    return plan;
  });
}

export function planOne(captured: Captured, task: Task, ctx = context()): Plan {
  const [plan] = play(captured, [task], ctx);
  if (!plan) throw new Error('no plan');
  return plan;
}

export const commands = (plan: Plan): string[] => plan.steps.map((s) => s.command);

/** The file fact command for a path made only of safe characters. */
export const fileCmd = (p: string): string =>
  `if [ -e ${p} ]; then ls -ldL ${p} && if [ -f ${p} ]; then printf '%s\\n' @@jailfleet-content && cat ${p}; fi; else printf '%s\\n' absent; fi`;

/** What that command prints for a regular file on FreeBSD. */
export function lsFile(path: string, content: string, perms = '-rw-r--r--', owner = 'root', group = 'wheel'): ExecResult {
  return ok(`${perms}  1 ${owner}  ${group}  ${content.length} Nov 28 15:12 ${path}\n@@jailfleet-content\n${content}`);
}

export function lsDir(path: string, perms = 'drwxr-xr-x', owner = 'root', group = 'wheel'): ExecResult {
  return ok(`${perms}  2 ${owner}  ${group}  512 Nov 28 15:12 ${path}\n`);
}

export const absent = ok('absent\n');

/** A value with every character a shell treats specially. */
export const NASTY = `it's "quoted" $(reboot) \`id\`; rm -rf /`;
/** NASTY as one single-quoted shell word. */
export const NASTY_QUOTED = `'it'\\''s "quoted" $(reboot) \`id\`; rm -rf /'`;

/**
 * Plan a task against a live (simulated) host and run its steps there, each
 * with stdin closed as in the apply script; a failing step throws. Every
 * fact the plan predicts is then read from the host: what it predicts must
 * be what is there (a predicted file may leave out attributes it does not know).
 */
export function applier(exec: (command: string) => ExecResult, ctx = context()): (task: Task) => Plan {
  const run = (command: string): ExecResult => exec(`( ${command}\n) </dev/null`);
  return (task) => {
    const plan = planWith(task, run, ctx);
    for (const step of plan.steps) {
      const r = run(step.command);
      if (r.code !== 0) throw new Error(`step "${step.title}" exited ${r.code}: ${r.stderr}`);
    }
    // JSON drops the attributes a prediction leaves undefined (not known).
    for (const u of plan.updates) expect(u.spec.parse(run(u.spec.command)), `predicted ${u.spec.key}`).toMatchObject(JSON.parse(JSON.stringify(u.value)) as object);
    return plan;
  };
}
