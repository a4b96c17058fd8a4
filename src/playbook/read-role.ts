/**
 * Roles: `roles/NAME/` beside the file that names the role (or beside the
 * playbook). tasks/main.yml is required; handlers/main.yml joins the play's
 * handlers, defaults/main.yml and vars/main.yml the play's role variables
 * (see PlayDef.roleDefaults/roleVars for where they rank).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError, type SourcePos } from '../errors.js';
import { formatPath } from '../inventory/zod-problems.js';
import { roleEntrySchema } from './playbook-schema.js';
import { check, type ReadContext } from './read-context.js';
import { openFile, rootList, rootVars } from './read-files.js';
import { conditionOf, type TaskKind } from './read-task.js';
import { readTaskList } from './read-task-list.js';
import { checkConditionAt, checkTemplatesAt } from './template-checks.js';
import { pathPos, type YamlPath } from '../inventory/yaml-source.js';
import type { TaskDef } from './types.js';

/** One use of a role: its name, its directory and the parameters it was given. */
export interface RoleUse {
  name: string;
  dir: string;
  params: Record<string, unknown>;
}

/** What a play's roles add besides their tasks. */
export interface PlayRoles {
  /** Directory of the playbook file holding the play: its roles/ is always searched. */
  rootDir: string;
  defaults: Record<string, unknown>;
  vars: Record<string, unknown>;
  handlers: TaskDef[];
  /** Roles whose handlers and variables were added already: a second use adds them again otherwise. */
  loaded: Set<string>;
}

export function newPlayRoles(ctx: ReadContext): PlayRoles {
  return { rootDir: dirname(ctx.src.file), defaults: {}, vars: {}, handlers: [], loaded: new Set() };
}

/** A play's `roles:` list: each role's tasks, in order, before the play's own tasks. */
export function readPlayRoles(ctx: ReadContext, raw: unknown[], base: YamlPath, roles: PlayRoles): TaskDef[] | undefined {
  const out: TaskDef[] = [];
  let ok = true;
  raw.forEach((entry, j) => {
    const path = [...base, j];
    const label = ['roles', j];
    const input = check(ctx, roleEntrySchema, entry, path, label);
    if (!input) {
      ok = false;
      return;
    }
    const spec = typeof input === 'string' ? { role: input } : input;
    const before = ctx.problems.length;
    if (spec.vars) checkTemplatesAt(ctx, spec.vars, [...path, 'vars'], [...label, 'vars']);
    const when = conditionOf(spec.when);
    if (when !== undefined) checkConditionAt(ctx, when, [...path, 'when'], [...label, 'when']);
    if (ctx.problems.length > before) {
      ok = false;
      return;
    }
    const tasks = readRole(ctx, spec.role, pathPos(ctx.src, path), { params: spec.vars ?? {} }, roles, 'task');
    if (!tasks) {
      ok = false;
      return;
    }
    // As Ansible does for a role's when/tags: each of its tasks gets them.
    const tags = typeof spec.tags === 'string' ? [spec.tags] : (spec.tags ?? []);
    for (const t of tasks) {
      const all = [...(when === undefined ? [] : [when].flat()), ...(t.when === undefined ? [] : [t.when].flat())];
      const task: TaskDef = { ...t, tags: [...new Set([...tags, ...t.tags])] };
      if (all.length) task.when = all.length === 1 ? all[0]! : all;
      out.push(task);
    }
  });
  return ok ? out : undefined;
}

/** Reads role `name` as used at `at`: its tasks; its handlers and variables go to `roles`. */
export function readRole(
  ctx: ReadContext,
  name: string,
  at: SourcePos,
  use: { params: Record<string, unknown> },
  roles: PlayRoles,
  kind: TaskKind,
): TaskDef[] | undefined {
  if (kind === 'handler') {
    ctx.problems.push(new InputError(`role "${name}": a handler cannot import a role`, at));
    return undefined;
  }
  const dirs = [...new Set([join(dirname(ctx.src.file), 'roles', name), join(roles.rootDir, 'roles', name)].map((d) => resolve(d)))];
  const dir = dirs.find(isDir);
  if (!dir) {
    ctx.problems.push(new InputError(`role "${name}" not found (looked for ${dirs.join(', ')})`, at));
    return undefined;
  }
  const role: RoleUse = { name, dir, params: use.params };
  const before = ctx.problems.length;
  if (!roles.loaded.has(dir)) {
    roles.loaded.add(dir);
    const defaults = readVarsFile(ctx, dir, 'defaults', at, name);
    const vars = readVarsFile(ctx, dir, 'vars', at, name);
    // Later roles win over earlier ones, as they would in Ansible's play scope.
    Object.assign(roles.defaults, defaults);
    Object.assign(roles.vars, vars);
    const handlers = readRoleList(ctx, dir, 'handlers', at, role, roles, false);
    if (handlers) roles.handlers.push(...handlers);
  }
  const tasks = readRoleList(ctx, dir, 'tasks', at, role, roles, true);
  return ctx.problems.length > before ? undefined : tasks;
}

function readRoleList(
  ctx: ReadContext,
  dir: string,
  sub: 'tasks' | 'handlers',
  at: SourcePos,
  role: RoleUse,
  roles: PlayRoles,
  required: boolean,
): TaskDef[] | undefined {
  const file = mainFile(dir, sub);
  if (!file && !required) return [];
  const child = openFile(ctx, file ?? join(dir, sub, 'main.yml'), at, `role "${role.name}":`);
  const list = child && rootList(child, `${child.src.file}: a ${sub} file`);
  if (!child || !list) return undefined;
  return readTaskList(child, list, [], [], sub === 'tasks' ? 'task' : 'handler', roles, role);
}

function readVarsFile(ctx: ReadContext, dir: string, sub: 'defaults' | 'vars', at: SourcePos, name: string): Record<string, unknown> {
  const file = mainFile(dir, sub);
  if (!file) return {};
  const child = openFile(ctx, file, at, `role "${name}":`);
  const vars = child && rootVars(child);
  if (!child || !vars) return {};
  checkTemplatesAt(child, vars, [], [formatPath([sub])]);
  return vars;
}

/** main.yml, or main.yaml as Ansible also accepts; undefined when neither exists. */
function mainFile(dir: string, sub: string): string | undefined {
  return ['main.yml', 'main.yaml'].map((f) => join(dir, sub, f)).find((f) => existsSync(f));
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
