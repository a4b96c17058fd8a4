/**
 * Shapes of plays and tasks (without the module key, which is split off
 * first). Strict objects: an unknown key is an error that lists these keys.
 */
import { z } from 'zod';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a variable name (letters, digits and _)');
const stringOrList = z.union([z.string(), z.array(z.string())]);
const condition = z.union([z.string(), z.boolean(), z.array(z.union([z.string(), z.boolean()]))]);
const varsMap = z.record(z.string(), z.unknown());

const percentage = z.string().regex(/^\d+(\.\d+)?%$/, 'expected a percentage like "30%"');
const batch = z.union([z.number().int().min(1), percentage]);
const serial = z.union([batch, z.array(batch).min(1)], {
  error: 'expected a number, a percentage like "30%", or a list of those',
});

const loop = z.union([z.array(z.unknown()), z.string().regex(/\{\{/, 'expected a list or a "{{ }}" template')]);

const taskShape = {
  name: z.string().optional(),
  when: condition.optional(),
  notify: stringOrList.optional(),
  tags: stringOrList.optional(),
  register: identifier.optional(),
  loop: loop.optional(),
  loop_control: z.strictObject({ loop_var: identifier.optional(), label: z.string().optional() }).optional(),
  vars: varsMap.optional(),
  ignore_errors: z.boolean().optional(),
  retries: z.number().int().min(0).optional(),
  delay: z.number().min(0).optional(),
  until: condition.optional(),
  changed_when: condition.optional(),
  failed_when: condition.optional(),
};

export const taskSchema = z.strictObject(taskShape);
export const handlerSchema = z.strictObject({ ...taskShape, listen: stringOrList.optional() });

export const TASK_KEYS = Object.keys(taskShape);
export const HANDLER_KEYS = [...TASK_KEYS, 'listen'];

export type TaskInput = z.infer<typeof handlerSchema>;

export const playSchema = z.strictObject({
  name: z.string().optional(),
  hosts: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  vars: varsMap.optional(),
  serial: serial.optional(),
  max_fail_percentage: z.number().min(0).max(100).optional(),
  any_errors_fatal: z.boolean().optional(),
  force_handlers: z.boolean().optional(),
  strategy: z.enum(['linear', 'free']).optional(),
  // Validated task by task (module key split off first), so only "a list" here.
  tasks: z.array(z.unknown()).optional(),
  pre_tasks: z.array(z.unknown()).optional(),
  post_tasks: z.array(z.unknown()).optional(),
  handlers: z.array(z.unknown()).optional(),
  // Each entry is checked by read-role.ts.
  roles: z.array(z.unknown()).optional(),
  // Accepted so Ansible playbooks load; jailfleet gathers the facts each task needs instead.
  gather_facts: z.unknown().optional(),
  become: z.union([z.boolean(), z.enum(['sudo', 'doas'])]).optional(),
});

/** `- meta: flush_handlers` (optionally with a name, tags or when). */
export const metaTaskSchema = z.strictObject({
  meta: z.literal('flush_handlers', { error: 'expected "flush_handlers" (the only meta action jailfleet knows)' }),
  name: z.string().optional(),
  tags: stringOrList.optional(),
});

/** `- import_tasks: FILE` (or a role import) with the task keys that apply to what it brings in. */
export const importTaskSchema = z.strictObject({
  name: z.string().optional(),
  when: condition.optional(),
  tags: stringOrList.optional(),
  vars: varsMap.optional(),
});

/** `import_role:` / `include_role:` arguments (only the role's name: no tasks_from and the like). */
export const importRoleArgs = z.strictObject({ name: z.string().min(1) });

/** An entry of a play's `roles:`: a name, or a map with the role's name and its parameters. */
export const roleEntrySchema = z.union([
  z.string().min(1),
  z.strictObject({
    role: z.string().min(1),
    vars: varsMap.optional(),
    when: condition.optional(),
    tags: stringOrList.optional(),
  }),
]);

/** A role's meta/main.yml: its dependencies (entries as in `roles:`); galaxy_info and the like are Galaxy's, not read. */
export const roleMetaSchema = z.looseObject({
  dependencies: z.array(z.unknown()).nullish(),
  allow_duplicates: z.boolean().optional(),
});

export type RoleMeta = z.infer<typeof roleMetaSchema>;

export type ImportTaskInput = z.infer<typeof importTaskSchema>;

/**
 * `- block: [...]` with `rescue:`/`always:` and the keys its tasks inherit
 * (when, tags, vars; become is the play's, accepted as there).
 */
export const blockSchema = z.strictObject({
  name: z.string().optional(),
  block: z.array(z.unknown()),
  rescue: z.array(z.unknown()).optional(),
  always: z.array(z.unknown()).optional(),
  when: condition.optional(),
  tags: stringOrList.optional(),
  vars: varsMap.optional(),
  become: z.union([z.boolean(), z.enum(['sudo', 'doas'])]).optional(),
});

export type PlayInput = z.infer<typeof playSchema>;
