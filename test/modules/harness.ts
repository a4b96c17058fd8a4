/**
 * Plays tasks the way the engine does: every fact of every task gathered once
 * (deduplicated by key) from captured command output, then each task planned
 * in order against the facts as updated by the tasks before it.
 *
 * Captured output is looked up by the exact fact command text, so a test also
 * fails when a fact command changes.
 */
import type { ExecResult } from '../../src/transport/transport.js';
import type { FactReader, FactSpec, ModuleContext, ModuleDef, Plan } from '../../src/modules/types.js';

export type Captured = Record<string, ExecResult>;

export const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', code: 0 });
export const fail = (code: number, stderr: string, stdout = ''): ExecResult => ({ stdout, stderr, code });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Task = [ModuleDef<any>, Record<string, unknown>];

export function context(vars: Record<string, unknown> = {}): ModuleContext {
  return { host: 'h1', vars };
}

export function factsOf(task: Task, ctx = context()): FactSpec[] {
  const [def, raw] = task;
  return def.facts(def.schema.parse(raw), ctx);
}

export function play(captured: Captured, tasks: Task[], ctx = context()): Plan[] {
  const parsed = tasks.map(([def, raw]) => [def, def.schema.parse(raw)] as const);
  const values = new Map<string, unknown>();
  for (const [def, args] of parsed) {
    for (const spec of def.facts(args, ctx)) {
      if (values.has(spec.key)) continue;
      const out = captured[spec.command];
      if (!out) throw new Error(`no captured output for fact command: ${spec.command}`);
      values.set(spec.key, spec.parse(out));
    }
  }
  const reader: FactReader = {
    get<T>(spec: FactSpec<T>): T {
      if (!values.has(spec.key)) throw new Error(`fact ${spec.key} was not gathered`);
      return values.get(spec.key) as T;
    },
  };
  return parsed.map(([def, args]) => {
    const plan = def.plan(args, reader, ctx);
    for (const u of plan.updates) values.set(u.spec.key, u.value);
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
