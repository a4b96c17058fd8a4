/** One play: its own keys, then its tasks and handlers, then notify targets. */
import { InputError, type SourcePos } from '../errors.js';
import { pathPos, yamlTypeName, type YamlPath } from '../inventory/yaml-source.js';
import { playSchema } from './playbook-schema.js';
import { check, fail, type ReadContext } from './read-context.js';
import { newPlayRoles, readPlayRoles, type PlayRoles } from './read-role.js';
import { flushHandlersTask, type TaskKind } from './read-task.js';
import { notifyPositions, readTaskList } from './read-task-list.js';
import { checkTemplatesAt } from './template-checks.js';
import { isRecord } from './template-values.js';
import type { PlayDef, TaskDef } from './types.js';

export function readPlay(ctx: ReadContext, raw: unknown, index: number): PlayDef | undefined {
  const base = [index];
  if (!isRecord(raw)) {
    fail(ctx, base, `play ${index + 1}: expected a map with hosts and tasks, got ${yamlTypeName(raw)}`);
    return undefined;
  }
  // An empty key (`vars:`, `tasks:`) means "none", as Ansible reads it.
  const data = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null));
  const input = check(ctx, playSchema, data, base, []);
  if (input?.vars) checkTemplatesAt(ctx, input.vars, [index, 'vars'], ['vars']);
  const roles = newPlayRoles(ctx);
  // Ansible's order: pre_tasks, the roles' tasks, the play's own, post_tasks; the roles' handlers, then the play's.
  const preTasks = readList(ctx, data.pre_tasks, index, 'pre_tasks', 'task', roles);
  const roleTasks = Array.isArray(data.roles) ? readPlayRoles(ctx, data.roles, [index, 'roles'], roles) : [];
  const ownTasks = readList(ctx, data.tasks, index, 'tasks', 'task', roles);
  const postTasks = readList(ctx, data.post_tasks, index, 'post_tasks', 'task', roles);
  const ownHandlers = readList(ctx, data.handlers, index, 'handlers', 'handler', roles);
  if (!input || !preTasks || !roleTasks || !ownTasks || !postTasks || !ownHandlers) return undefined;
  // Handlers notified by pre_tasks run before the roles, those of roles and tasks before post_tasks, as in Ansible.
  const tasks = [
    ...preTasks,
    ...(preTasks.length ? [flushAfter(ctx, base, 'pre_tasks')] : []),
    ...roleTasks,
    ...ownTasks,
    ...(postTasks.length ? [flushAfter(ctx, base, 'tasks')] : []),
    ...postTasks,
  ];
  const handlers = [...roles.handlers, ...ownHandlers];
  checkNotify(ctx, { tasks, handlers });

  const hosts = Array.isArray(input.hosts) ? input.hosts.join(':') : input.hosts;
  const play: PlayDef = {
    name: input.name ?? hosts,
    hosts,
    vars: input.vars ?? {},
    anyErrorsFatal: input.any_errors_fatal ?? false,
    forceHandlers: input.force_handlers ?? false,
    tasks,
    handlers,
    pos: pathPos(ctx.src, base),
  };
  if (Object.keys(roles.defaults).length) play.roleDefaults = roles.defaults;
  if (Object.keys(roles.vars).length) play.roleVars = roles.vars;
  if (input.serial !== undefined) play.serial = Array.isArray(input.serial) ? input.serial : [input.serial];
  if (input.max_fail_percentage !== undefined) play.maxFailPercentage = input.max_fail_percentage;
  if (input.strategy !== undefined) play.strategy = input.strategy;
  if (input.become !== undefined) play.become = input.become;
  return play;
}

/** Reads every entry so all problems are reported; undefined when any entry was bad. */
function readList(ctx: ReadContext, raw: unknown, play: number, key: 'tasks' | 'pre_tasks' | 'post_tasks' | 'handlers', kind: TaskKind, roles: PlayRoles): TaskDef[] | undefined {
  if (!Array.isArray(raw)) return [];
  return readTaskList(ctx, raw, [play, key], [key], kind, roles);
}

/** A notify that names no handler (or listen topic) of the play is a typo that would silently do nothing. */
function checkNotify(ctx: ReadContext, lists: Record<'tasks' | 'handlers', TaskDef[]>): void {
  const targets = new Set<string>();
  for (const h of lists.handlers) {
    targets.add(h.name);
    const listen = h.extra.listen;
    if (Array.isArray(listen)) for (const t of listen) targets.add(String(t));
  }
  const known = targets.size ? `handlers: ${[...targets].map((t) => `"${t}"`).join(', ')}` : 'this play has no handlers';
  for (const key of ['tasks', 'handlers'] as const) {
    lists[key].forEach((task, i) => {
      task.notify.forEach((name, j) => {
        if (targets.has(name)) return;
        // Imported tasks come from other files: each task knows where its notify entries are written.
        const pos = notifyPositions.get(task)?.[j] ?? task.pos;
        ctx.problems.push(problemAt(pos, `${task.path ?? `${key}[${i}]`}.notify: no handler named "${name}" (${known})`));
      });
    });
  }
}

/** The handler flush Ansible makes after a play's pre_tasks and after its roles and tasks: a `meta: flush_handlers` of its own. */
function flushAfter(ctx: ReadContext, base: YamlPath, section: string): TaskDef {
  // Not written in the playbook: not counted as one of its tasks.
  return flushHandlersTask(`flush_handlers (after ${section})`, pathPos(ctx.src, base), { extra: { implicit: true } });
}

function problemAt(pos: SourcePos, message: string): InputError {
  return new InputError(message, pos);
}
