/**
 * A list of tasks (or handlers) with Ansible's static imports spliced in:
 * `import_tasks`/`include_tasks: FILE` and `import_role`/`include_role`.
 * Everything is resolved when the playbook is read, as Ansible's import_*
 * are; include_* are read the same way, so a templated file name (which
 * only a dynamic include could resolve) is refused.
 */
import type { SourcePos } from '../errors.js';
import { keyPos, nodeAt, nodePos, type YamlPath } from '../inventory/yaml-source.js';
import { formatPath } from '../inventory/zod-problems.js';
import { importRoleArgs, importTaskSchema, type ImportTaskInput } from './playbook-schema.js';
import { check, fail, type Label, type ReadContext } from './read-context.js';
import { importedPath, openFile, rootList } from './read-files.js';
import { conditionOf, inheritedWhen, readTask, type TaskKind } from './read-task.js';
import { readRole, type RoleUse, type PlayRoles } from './read-role.js';
import { readBlock } from './read-block.js';
import { hasTemplate } from './template.js';
import { isRecord } from './template-values.js';
import type { TaskDef } from './types.js';

const IMPORT_KEYS = ['import_tasks', 'include_tasks', 'import_role', 'include_role'] as const;
type ImportKey = (typeof IMPORT_KEYS)[number];

/** Where each task's notify entries are written (the list index of a spliced task says nothing about its file). */
export const notifyPositions = new WeakMap<TaskDef, SourcePos[]>();

/** Reads every entry so all problems are reported; undefined when any entry was bad. */
export function readTaskList(
  ctx: ReadContext,
  raw: unknown[],
  base: YamlPath,
  label: Label,
  kind: TaskKind,
  roles: PlayRoles,
  role?: RoleUse,
): TaskDef[] | undefined {
  const out: TaskDef[] = [];
  let ok = true;
  raw.forEach((item, i) => {
    const tasks = readEntry(ctx, item, [...base, i], [...label, i], kind, roles, role);
    if (tasks) out.push(...tasks);
    else ok = false;
  });
  return ok ? out : undefined;
}

function readEntry(
  ctx: ReadContext,
  item: unknown,
  base: YamlPath,
  label: Label,
  kind: TaskKind,
  roles: PlayRoles,
  role?: RoleUse,
): TaskDef[] | undefined {
  if (isRecord(item) && 'block' in item) return readBlock(ctx, item, base, label, kind, roles, role);
  const key = isRecord(item) ? IMPORT_KEYS.find((k) => k in item) : undefined;
  if (key && isRecord(item)) return readImport(ctx, item, key, base, label, kind, roles, role);
  const task = readTask(ctx, item, base, label, kind);
  if (!task) return undefined;
  notifyPositions.set(task, task.notify.map((_, j) => nodePos(ctx.src, nodeAt(ctx.src, [...base, 'notify', j]))));
  return [role ? inRole(task, role, kind) : task];
}

function readImport(
  ctx: ReadContext,
  item: Record<string, unknown>,
  key: ImportKey,
  base: YamlPath,
  label: Label,
  kind: TaskKind,
  roles: PlayRoles,
  role?: RoleUse,
): TaskDef[] | undefined {
  const where = formatPath(label);
  const rest = Object.fromEntries(Object.entries(item).filter(([k, v]) => k !== key && v !== null));
  const input = check(ctx, importTaskSchema, rest, base, label);
  if (!input) return undefined;
  if (inheritedWhen(ctx, input, base, label) === false) return undefined;
  const at = keyPos(ctx.src, nodeAt(ctx.src, base), key);

  if (key === 'import_role' || key === 'include_role') {
    const args = check(ctx, importRoleArgs, item[key], [...base, key], [...label, key]);
    if (!args) return undefined;
    if (hasTemplate(args.name)) {
      fail(ctx, [...base, key, 'name'], `${where}.${key}: a templated role name is not supported; name the role`);
      return undefined;
    }
    const tasks = readRole(ctx, args.name, at, { params: input.vars ?? {} }, roles, kind);
    return tasks && tasks.map((t) => withImport(t, input, false));
  }

  const file = item[key];
  if (typeof file !== 'string' || file === '') {
    fail(ctx, [...base, key], `${where}.${key}: expected a file name`);
    return undefined;
  }
  if (hasTemplate(file)) {
    const msg = key === 'include_tasks' ? 'include_tasks with a templated file is not supported; use import_tasks' : 'import_tasks: the file name cannot be templated';
    fail(ctx, [...base, key], `${where}.${key}: ${msg}`);
    return undefined;
  }
  const child = openFile(ctx, importedPath(ctx, file), at, key);
  const list = child && rootList(child, `${key} ${child.src.file}: a tasks file`);
  if (!child || !list) return undefined;
  const tasks = readTaskList(child, list, [], [], kind, roles, role);
  return tasks && tasks.map((t) => withImport(t, input, true));
}

/**
 * The import's keys apply to each task it brings in, as Ansible's static
 * imports do: both conditions must hold, the tags add up, and the import's
 * vars sit below the task's own (for a role they are role parameters,
 * already applied above the task's vars by inRole).
 */
function withImport(task: TaskDef, input: ImportTaskInput, varsBelow: boolean): TaskDef {
  const out: TaskDef = { ...task, tags: [...new Set([...listOf(input.tags), ...task.tags])] };
  const when = [...listOf(conditionOf(input.when)), ...listOf(task.when)];
  if (when.length) out.when = when.length === 1 ? when[0]! : when;
  if (varsBelow && input.vars) out.vars = { ...input.vars, ...task.vars };
  return derived(task, out);
}

/**
 * A role's task shows as "ROLE : TASK" (as ansible-playbook prints it),
 * finds copy's src in the role's files/, and sees the role's parameters
 * above its own vars (Ansible: role params beat task vars). A handler keeps
 * its plain name as a listen topic so `notify: NAME` still reaches it.
 */
function inRole(task: TaskDef, role: RoleUse, kind: TaskKind): TaskDef {
  const name = `${role.name} : ${task.name}`;
  const out: TaskDef = { ...task, name, roleDir: task.roleDir ?? role.dir, vars: { ...task.vars, ...role.params } };
  if (kind === 'handler') out.extra = { ...task.extra, listen: [task.name, ...listOf(task.extra.listen as string[] | undefined)] };
  return derived(task, out);
}

function listOf<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A task made from another keeps the other's notify positions. */
export function derived(from: TaskDef, task: TaskDef): TaskDef {
  notifyPositions.set(task, notifyPositions.get(from) ?? []);
  return task;
}
