/**
 * One task (or handler): split off its single module key, check the other
 * keys against the task schema, check the module's arguments as written,
 * and build the TaskDef with positions.
 */
import { InputError, type SourcePos } from '../errors.js';
import { keyPos, nodeAt, pathPos, yamlTypeName, type YamlPath } from '../inventory/yaml-source.js';
import { formatPath, problemError } from '../inventory/zod-problems.js';
import { freeFormArgs } from './free-form-args.js';
import { lookupModule, unknownModuleHint, type FoundModule } from './module-aliases.js';
import { HANDLER_KEYS, TASK_KEYS, handlerSchema, metaTaskSchema, taskSchema, type TaskInput } from './playbook-schema.js';
import { rawArgProblems } from './raw-args-check.js';
import { check, fail, type Label, type ReadContext } from './read-context.js';
import { checkConditionAt, checkTemplatesAt } from './template-checks.js';
import { isRecord } from './template-values.js';
import { FLUSH_HANDLERS, type TaskDef } from './types.js';
import { untilProblem } from './until.js';

export type TaskKind = 'task' | 'handler';

export function readTask(ctx: ReadContext, raw: unknown, base: YamlPath, label: Label, kind: TaskKind): TaskDef | undefined {
  const where = formatPath(label);
  if (!isRecord(raw)) {
    fail(ctx, base, `${where}: expected a task (a map with a module key), got ${yamlTypeName(raw)}`);
    return undefined;
  }
  if (kind === 'task' && 'meta' in raw) return readMeta(ctx, raw, base, label);
  const found = findModule(ctx, raw, base, label, kind);
  if (!found) return undefined;
  const { key } = found;

  const keys = withoutNulls(raw, key);
  const input = check(ctx, kind === 'handler' ? handlerSchema : taskSchema, keys, base, label);
  const args = readArgs(ctx, raw[key], found, [...base, key], [...label, key]);
  if (!input || !args) return undefined;

  const before = ctx.problems.length;
  checkTemplatesAt(ctx, args, [...base, key], [...label, key]);
  checkExpressionArgs(ctx, found.entry.name, args, [...base, key], [...label, key]);
  if (input.vars) checkTemplatesAt(ctx, input.vars, [...base, 'vars'], [...label, 'vars']);
  if (input.loop !== undefined) checkTemplatesAt(ctx, input.loop, [...base, 'loop'], [...label, 'loop']);
  for (const key of ['when', 'until', 'changed_when', 'failed_when'] as const) {
    const c = conditionOf(input[key]);
    if (c !== undefined) checkConditionAt(ctx, c, [...base, key], [...label, key]);
  }
  const until = untilProblem(input);
  if (until) fail(ctx, [...base, 'until'], `${where}.until: ${until}`);
  if (ctx.problems.length > before) return undefined;
  return buildTask(ctx, input, found, args, base, label);
}

/** `- meta: flush_handlers`: a task the engine reads as "run the notified handlers now". */
function readMeta(ctx: ReadContext, raw: Record<string, unknown>, base: YamlPath, label: Label): TaskDef | undefined {
  const input = check(ctx, metaTaskSchema, withoutNulls(raw, ''), base, label);
  if (!input) return undefined;
  return flushHandlersTask(input.name ?? 'flush_handlers', pathPos(ctx.src, base), { tags: listOf(input.tags), path: formatPath(label) });
}

/** A `meta: flush_handlers` task (`more`: its tags, path, ...). */
export function flushHandlersTask(name: string, pos: SourcePos, more: Partial<TaskDef> = {}): TaskDef {
  return {
    name,
    module: FLUSH_HANDLERS,
    args: { meta: 'flush_handlers' },
    argPos: {},
    notify: [],
    tags: [],
    loopVar: 'item',
    vars: {},
    ignoreErrors: false,
    extra: {},
    pos,
    ...more,
  };
}

/** A task's module key as written (an Ansible alias or the module's own name) and the module it names. */
interface TaskModule extends FoundModule {
  key: string;
}

/** Exactly one key must name a known module (or an alias of one); anything else not in the task keys is an error. */
function findModule(
  ctx: ReadContext,
  raw: Record<string, unknown>,
  base: YamlPath,
  label: Label,
  kind: TaskKind,
): TaskModule | undefined {
  const allowed = kind === 'handler' ? HANDLER_KEYS : TASK_KEYS;
  const other = Object.keys(raw).filter((k) => !allowed.includes(k));
  const modules = other.filter((k) => lookupModule(ctx.modules, k) !== undefined);
  const unknown = other.filter((k) => lookupModule(ctx.modules, k) === undefined);
  const where = formatPath(label);
  const at = (key: string): SourcePos => keyPos(ctx.src, nodeAt(ctx.src, base), key);
  const known = ctx.modules.names().join(', ');
  const [first, second] = modules;
  if (first && second) {
    ctx.problems.push(problemAt(at(second), `${where}: more than one module in a task ("${first}" and "${second}"); use one task per module`));
    return undefined;
  }
  const [firstUnknown] = unknown;
  if (first && firstUnknown) {
    ctx.problems.push(problemAt(at(firstUnknown), `${where}: unknown key "${firstUnknown}"; expected one of ${allowed.join(', ')}, and one module`));
    return undefined;
  }
  if (firstUnknown) {
    ctx.problems.push(problemAt(at(firstUnknown), `${where}: unknown module "${firstUnknown}" ${unknownModuleHint(ctx.modules, firstUnknown)}`));
    return undefined;
  }
  if (!first) {
    fail(ctx, base, `${where}: no module in task (known: ${known})`);
    return undefined;
  }
  const found = lookupModule(ctx.modules, first);
  return found && { ...found, key: first };
}

function problemAt(pos: SourcePos, message: string): InputError {
  return new InputError(message, pos);
}

function readArgs(
  ctx: ReadContext,
  raw: unknown,
  found: TaskModule,
  base: YamlPath,
  label: Label,
): Record<string, unknown> | undefined {
  const written = raw === null || raw === undefined ? {} : raw;
  const args = typeof written === 'string' ? (freeFormArgs(found.entry.name, written) ?? written) : written;
  if (!isRecord(args)) {
    fail(ctx, base, `${formatPath(label)}: expected a map of arguments, got ${yamlTypeName(args)}`);
    return undefined;
  }
  return checkArgs(ctx, found.alias?.args ? found.alias.args(args) : args, found, base, label);
}

function checkArgs(
  ctx: ReadContext,
  args: Record<string, unknown> | string,
  found: TaskModule,
  base: YamlPath,
  label: Label,
): Record<string, unknown> | undefined {
  if (typeof args === 'string') {
    fail(ctx, base, `${formatPath(label)}: ${args}`);
    return undefined;
  }
  const problems = rawArgProblems(found.entry.schema, args);
  for (const p of problems) ctx.problems.push(problemError(ctx.src, base, p, label));
  return problems.length ? undefined : args;
}

function buildTask(
  ctx: ReadContext,
  input: TaskInput,
  found: TaskModule,
  args: Record<string, unknown>,
  base: YamlPath,
  label: Label,
): TaskDef {
  const module = found.entry.name;
  const argPos: Record<string, SourcePos> = {};
  for (const k of Object.keys(args)) argPos[k] = pathPos(ctx.src, [...base, found.key, k]);
  const keyPosMap: Record<string, SourcePos> = {};
  for (const k of Object.keys(input)) keyPosMap[k] = keyPos(ctx.src, nodeAt(ctx.src, base), k);
  // Stored under the module's own name: that is what errors about its arguments look up.
  keyPosMap[module] = keyPos(ctx.src, nodeAt(ctx.src, base), found.key);

  const task: TaskDef = {
    name: input.name ?? module,
    module,
    args,
    argPos,
    notify: listOf(input.notify),
    tags: listOf(input.tags),
    loopVar: input.loop_control?.loop_var ?? 'item',
    vars: input.vars ?? {},
    ignoreErrors: input.ignore_errors ?? false,
    extra: extraOf(input),
    pos: pathPos(ctx.src, base),
    keyPos: keyPosMap,
    path: formatPath(label),
  };
  const when = conditionOf(input.when);
  if (when !== undefined) task.when = when;
  if (input.register !== undefined) task.register = input.register;
  if (input.loop !== undefined) task.loop = input.loop;
  return task;
}

function extraOf(input: TaskInput): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (input.retries !== undefined) extra.retries = input.retries;
  if (input.delay !== undefined) extra.delay = input.delay;
  for (const key of ['until', 'changed_when', 'failed_when'] as const) {
    const c = conditionOf(input[key]);
    if (c !== undefined) extra[key] = c;
  }
  if (input.listen !== undefined) extra.listen = listOf(input.listen);
  if (input.loop_control?.label !== undefined) extra.loop_label = input.loop_control.label;
  return extra;
}

/** Arguments that are expressions, not templates (assert's `that`, debug's `var`): a syntax error is found when the playbook is read. */
const EXPRESSION_ARGS: Readonly<Record<string, string>> = { assert: 'that', debug: 'var' };

function checkExpressionArgs(ctx: ReadContext, module: string, args: Record<string, unknown>, base: YamlPath, label: Label): void {
  const key = Object.hasOwn(EXPRESSION_ARGS, module) ? EXPRESSION_ARGS[module]! : undefined;
  const value = key === undefined ? undefined : args[key];
  if (key === undefined || value === undefined) return;
  const conditions = Array.isArray(value) ? value.map(String) : String(value);
  checkConditionAt(ctx, conditions, [...base, key], [...label, key]);
}

type Condition = string | boolean | Array<string | boolean>;

/**
 * The `vars` and `when` an import, block or role entry hands on to its
 * tasks, checked where they are written: the condition, or false when
 * either has a problem.
 */
export function inheritedWhen(ctx: ReadContext, input: { vars?: Record<string, unknown>; when?: Condition }, base: YamlPath, label: Label): string | string[] | undefined | false {
  const before = ctx.problems.length;
  if (input.vars) checkTemplatesAt(ctx, input.vars, [...base, 'vars'], [...label, 'vars']);
  const when = conditionOf(input.when);
  if (when !== undefined) checkConditionAt(ctx, when, [...base, 'when'], [...label, 'when']);
  return ctx.problems.length > before ? false : when;
}

/** YAML booleans in conditions become the words the expression language reads. */
export function conditionOf(value: string | boolean | Array<string | boolean> | undefined): string | string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** An empty key (`when:`) means "not set", as Ansible reads it; the module key is validated separately. */
function withoutNulls(raw: Record<string, unknown>, moduleKey: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([k, v]) => k !== moduleKey && v !== null));
}
