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
import { roleEntrySchema, roleMetaSchema, type RoleMeta } from './playbook-schema.js';
import { check, type ReadContext } from './read-context.js';
import { openFile, rootList, rootVars } from './read-files.js';
import { inheritedWhen, type TaskKind } from './read-task.js';
import { readTaskList } from './read-task-list.js';
import { checkTemplatesAt } from './template-checks.js';
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
  /** Role uses (directory and parameters) whose tasks the play has: a dependency already there is not added again. */
  ran: Set<string>;
}

export function newPlayRoles(ctx: ReadContext): PlayRoles {
  return { rootDir: dirname(ctx.src.file), defaults: {}, vars: {}, handlers: [], loaded: new Set(), ran: new Set() };
}

/**
 * A play's `roles:` list: each role's tasks, in order, before the play's
 * own tasks. With `dependencies` (a role's meta/main.yml), a role already
 * used in the play with the same parameters is left out, as Ansible runs
 * a dependency once, unless its own meta/main.yml allows duplicates.
 */
export function readPlayRoles(ctx: ReadContext, raw: unknown[], base: YamlPath, roles: PlayRoles, dependencies = false): TaskDef[] | undefined {
  const out: TaskDef[] = [];
  let ok = true;
  raw.forEach((entry, j) => {
    const path = [...base, j];
    const label = [dependencies ? 'dependencies' : 'roles', j];
    const input = check(ctx, roleEntrySchema, entry, path, label);
    if (!input) {
      ok = false;
      return;
    }
    const spec = typeof input === 'string' ? { role: input } : input;
    const when = inheritedWhen(ctx, spec, path, label);
    if (when === false) {
      ok = false;
      return;
    }
    const use = { params: spec.vars ?? {} };
    if (dependencies && roles.ran.has(useKey(ctx, spec.role, use.params, roles)) && !allowsDuplicates(ctx, spec.role, roles)) return;
    const tasks = readRole(ctx, spec.role, pathPos(ctx.src, path), use, roles, 'task');
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
  const dirs = roleDirs(ctx, name, roles);
  const dir = dirs.find(isDir);
  if (!dir) {
    ctx.problems.push(new InputError(`role "${name}" not found (looked for ${dirs.join(', ')})`, at));
    return undefined;
  }
  const role: RoleUse = { name, dir, params: use.params };
  const before = ctx.problems.length;
  // meta/main.yml's dependencies run before the role's own tasks.
  const deps = readDependencies(ctx, dir, at, name, roles);
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
  // Marked once read, so that a dependency cycle (a role reached again from its own dependencies) is found as one.
  roles.ran.add(JSON.stringify([dir, use.params]));
  return ctx.problems.length > before || !deps || !tasks ? undefined : [...deps, ...tasks];
}

/** The role directory a name stands for from `ctx`: beside the naming file, else beside the playbook. */
function roleDirs(ctx: ReadContext, name: string, roles: PlayRoles): string[] {
  return [...new Set([join(dirname(ctx.src.file), 'roles', name), join(roles.rootDir, 'roles', name)].map((d) => resolve(d)))];
}

function useKey(ctx: ReadContext, name: string, params: Record<string, unknown>, roles: PlayRoles): string {
  return JSON.stringify([roleDirs(ctx, name, roles).find(isDir) ?? name, params]);
}

/** A role's `dependencies:` (meta/main.yml), read as a play's `roles:` entries are. */
function readDependencies(ctx: ReadContext, dir: string, at: SourcePos, name: string, roles: PlayRoles): TaskDef[] | undefined {
  const meta = readMeta(ctx, dir, at, name);
  if (!meta) return meta === undefined ? undefined : [];
  if (!meta.meta.dependencies?.length) return [];
  return readPlayRoles(meta.ctx, meta.meta.dependencies, ['dependencies'], roles, true);
}

/** meta/main.yml of role `name` (null when it has none). */
function readMeta(ctx: ReadContext, dir: string, at: SourcePos, name: string): { ctx: ReadContext; meta: RoleMeta } | null | undefined {
  const file = mainFile(dir, 'meta');
  if (!file) return null;
  const child = openFile(ctx, file, at, `role "${name}":`);
  const vars = child && rootVars(child);
  if (!child || !vars) return undefined;
  const meta = check(child, roleMetaSchema, vars, [], ['meta']);
  return meta && { ctx: child, meta };
}

/** Whether role `name`'s meta/main.yml says `allow_duplicates: true`. */
function allowsDuplicates(ctx: ReadContext, name: string, roles: PlayRoles): boolean {
  const dir = roleDirs(ctx, name, roles).find(isDir);
  const file = dir && mainFile(dir, 'meta');
  if (!file) return false;
  const quiet: ReadContext = { ...ctx, problems: [] };
  const child = openFile(quiet, file, { file, line: 1, col: 1 }, '');
  const vars = child && rootVars(child);
  return vars?.allow_duplicates === true;
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
