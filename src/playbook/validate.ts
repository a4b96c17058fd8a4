/**
 * `jailfleet validate`: everything that can be checked without a host.
 * Each play's tasks are rendered with each matched host's variables and
 * validated with the module schemas. Values only known at run time
 * (registered results, loop items of unrenderable loops, run ids) are
 * treated as "defined but unknown": arguments using them are checked as
 * written, where any `{{ }}` value is accepted.
 */
import { OMIT } from './template-values.js';
import { dirname, resolve } from 'node:path';
import { InputError, type SourcePos } from '../errors.js';
import { resolvePattern } from '../inventory/pattern.js';
import type { Inventory, InventoryHost } from '../inventory/types.js';
import { yamlTypeName } from '../inventory/yaml-source.js';
import { formatPath } from '../inventory/zod-problems.js';
import { CONTROLLER_SRC_MODULES, controllerSrcProblem, isRemoteSrc } from './controller-src.js';
import { controllerBaseDir } from './role-files.js';
import type { ModuleRegistry, ModuleSchemaEntry } from './module-registry.js';
import { magicVars, type MagicVars } from './magic-vars.js';
import { rawArgProblems } from './raw-args-check.js';
import { argPosOf, argsLabel, renderArg } from './render-args.js';
import { render, templateVarsUsed } from './template.js';
import { TemplateError } from './template-error.js';
import type { PlayDef, Playbook, TaskDef } from './types.js';
import { conditionVarsUsed, evaluateWhen } from './when.js';

export { renderTaskArgs } from './render-args.js';

/** Variables the engine adds at run time whose values validation cannot know. */
const RUN_TIME_VARS = ['jailfleet_run_id', 'jailfleet_check_mode', 'ansible_verbosity', 'ansible_failed_task', 'ansible_failed_result'];

/**
 * `extraVars` (-e) win over every other variable, task vars included, as at
 * run time. `playbookDir` is where controller files (copy's `src`) are
 * looked for; default the playbook file's directory.
 */
export function validatePlaybook(
  pb: Playbook,
  inv: Inventory,
  modules: ModuleRegistry,
  extraVars: Record<string, unknown> = {},
  playbookDir: string = dirname(resolve(pb.file)),
): InputError[] {
  const found = new Collector();
  // groups and hostvars: once for the whole check, shared by every host.
  const magic = magicVars(inv);
  for (const play of pb.plays) {
    mixedMoves(play, inv, found);
    // Registered results and set_fact variables outlive their play, as Ansible's host variables do.
    const unknown = new Set([...RUN_TIME_VARS, ...pb.plays.flatMap(registeredNames)]);
    for (const hostName of resolvePattern(inv, play.hosts)) {
      const host = inv.hosts.get(hostName);
      if (!host) continue;
      const vars = playVars(pb, play, host, magic);
      for (const task of [...play.tasks, ...play.handlers]) {
        const mod = modules.get(task.module);
        if (mod) checkTask(found.forHost(hostName), task, mod, { ...vars, ...task.vars, ...extraVars }, unknown, playbookDir);
      }
    }
  }
  return found.errors();
}

/** The variables the engine gives a task on this host, before registered results. */
export function playVars(pb: Playbook, play: PlayDef, host: InventoryHost, magic?: MagicVars): Record<string, unknown> {
  return {
    ...play.roleDefaults,
    ...host.vars,
    ...play.vars,
    ...play.roleVars,
    playbook_dir: dirname(resolve(pb.file)),
    inventory_hostname: host.name,
    group_names: host.groups.filter((g) => g !== 'all'),
    ...magic,
  };
}

/**
 * A move needs two hosts and a stream between them: the engine runs a play
 * of migrate tasks itself (engine/move/move-play.ts), so a play has only
 * migrate tasks (and no handlers) or none. A literal `from:` must name an
 * inventory host.
 */
function mixedMoves(play: PlayDef, inv: Inventory, found: Collector): void {
  const moves = play.tasks.filter((t) => t.module === 'migrate');
  if (moves.length === 0) return;
  const report = found.forHost(play.hosts);
  const other = [...play.tasks, ...play.handlers].find((t) => t.module !== 'migrate');
  if (other) report(`a play with migrate tasks may hold nothing else: put "${other.name || other.module}" in a play of its own`, other.pos);
  for (const t of moves) {
    const from = t.args.from;
    if (typeof from === 'string' && !from.includes('{{') && !inv.hosts.has(from)) report(`migrate from: no host "${from}" in the inventory`, t.argPos.from ?? t.pos);
  }
}

function registeredNames(play: PlayDef): string[] {
  return [...play.tasks, ...play.handlers].flatMap((t) => [...(t.register ? [t.register] : []), ...(t.module === 'set_fact' ? Object.keys(t.args).filter((k) => k !== 'cacheable') : [])]);
}

type Report = (problem: string, pos: SourcePos) => void;

function checkTask(report: Report, task: TaskDef, mod: ModuleSchemaEntry, vars: Record<string, unknown>, unknown: Set<string>, playbookDir: string): void {
  const uses = (names: string[]): boolean => names.some((n) => unknown.has(n));
  const isUnknownRef = (err: unknown): boolean =>
    err instanceof TemplateError && err.variable !== undefined && unknown.has(rootOf(err.variable));

  // A false condition means the task never runs on this host: nothing to check.
  let guarded = false;
  if (task.when !== undefined) {
    const decidable = !uses(conditionVarsUsed(task.when));
    try {
      if (decidable && !evaluateWhen(task.when, vars)) return;
      guarded = !decidable;
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      if (!isUnknownRef(err)) return report(`${task.path ?? task.module}.when: ${err.problem}`, task.keyPos?.when ?? task.pos);
      guarded = true;
    }
  }

  for (const { vars: itemVars, note } of loopScopes(report, task, vars, unknown)) {
    const itemUnknown = itemVars === undefined ? new Set([...unknown, task.loopVar]) : unknown;
    const scope = itemVars ?? vars;
    const args: Record<string, unknown> = {};
    let ok = true;
    for (const key of Object.keys(task.args)) {
      const raw = task.args[key];
      if (templateVarsUsed(raw).some((n) => itemUnknown.has(n))) {
        args[key] = raw;
        continue;
      }
      try {
        const value = renderArg(task, key, scope);
        // `omit`: the argument is left out (render-args.ts).
        if (value !== OMIT) args[key] = value;
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        if (err.variable !== undefined && (itemUnknown.has(rootOf(err.variable)) || guarded)) {
          // Run-time value, or a condition we cannot evaluate may be what guards it.
          args[key] = raw;
          continue;
        }
        report(err.problem + note, err.pos ?? argPosOf(task, [key]));
        ok = false;
      }
    }
    if (!ok) continue;
    const problems = rawArgProblems(mod.schema, args);
    for (const p of problems) {
      const at = [...p.path, ...(p.key !== undefined ? [p.key] : [])];
      report(`${formatPath([argsLabel(task), ...p.path])}: ${p.message}${note}`, argPosOf(task, at));
    }
    if (problems.length === 0) checkControllerSrc(report, task, args, playbookDir, note);
  }
}

/** A controller file (copy's `src`) must be there before anything is sent; a `{{ }}` one is judged at run time. */
function checkControllerSrc(report: Report, task: TaskDef, args: Record<string, unknown>, playbookDir: string, note: string): void {
  const src = args.src;
  if (!CONTROLLER_SRC_MODULES.has(task.module) || typeof src !== 'string' || src === '' || src.includes('{{')) return;
  if (isRemoteSrc(args)) return;
  const problem = controllerSrcProblem(src, controllerBaseDir(src, playbookDir, task.roleDir, task.module));
  if (problem) report(`${argsLabel(task)}.src: ${problem}${note}`, argPosOf(task, ['src']));
}

interface LoopScope {
  /** undefined: the loop cannot be rendered before run time, so its variable is unknown. */
  vars: Record<string, unknown> | undefined;
  /** Appended to problems found with this scope ("in loop item 2"). */
  note: string;
}

/** One variable scope per loop item when the loop can be rendered now. */
function loopScopes(report: Report, task: TaskDef, vars: Record<string, unknown>, unknown: Set<string>): LoopScope[] {
  if (task.loop === undefined) return [{ vars, note: '' }];
  const unknowable = [{ vars: undefined, note: '' }];
  if (templateVarsUsed(task.loop).some((n) => unknown.has(n))) return unknowable;
  const loopPos = task.keyPos?.loop ?? task.pos;
  let items: unknown;
  try {
    items = render(task.loop, vars);
  } catch (err) {
    if (!(err instanceof TemplateError)) throw err;
    if (err.variable !== undefined && unknown.has(rootOf(err.variable))) return unknowable;
    report(`${task.path ?? task.module}.loop: ${err.problem}`, loopPos);
    return [];
  }
  if (!Array.isArray(items)) {
    report(`${task.path ?? task.module}.loop: expected a list, got ${yamlTypeName(items)}`, loopPos);
    return [];
  }
  return items.map((item, i) => ({ vars: { ...vars, [task.loopVar]: item }, note: ` in loop item ${i + 1}` }));
}

function rootOf(variable: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*/.exec(variable)?.[0] ?? variable;
}

/** The same problem on many hosts is one error that names the hosts. */
class Collector {
  private readonly found = new Map<string, { problem: string; pos: SourcePos; hosts: string[] }>();

  forHost(host: string): Report {
    return (problem, pos) => {
      const key = `${pos.file}:${pos.line}:${pos.col}:${problem}`;
      const entry = this.found.get(key) ?? { problem, pos, hosts: [] };
      if (!entry.hosts.includes(host)) entry.hosts.push(host);
      this.found.set(key, entry);
    };
  }

  /** In file order, the way a reader fixes them. */
  errors(): InputError[] {
    const byPos = (a: { pos: SourcePos }, b: { pos: SourcePos }): number =>
      a.pos.file.localeCompare(b.pos.file) || a.pos.line - b.pos.line || a.pos.col - b.pos.col;
    return [...this.found.values()].sort(byPos).map(({ problem, pos, hosts }) => new InputError(`${problem} (${hostList(hosts)})`, pos));
  }
}

function hostList(hosts: string[]): string {
  const shown = hosts.slice(0, 3).join(', ');
  if (hosts.length === 1) return `host ${shown}`;
  return hosts.length > 3 ? `hosts ${shown} and ${hosts.length - 3} more` : `hosts ${shown}`;
}
