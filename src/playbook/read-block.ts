/**
 * `- block: [...]` with `rescue:` and `always:`, as Ansible's. Its tasks are
 * read like any list (imports inside included) and spliced into the play's
 * flat list, each with the block's when (before its own), tags and vars
 * (below its own) and its place in the block; the engine decides from that
 * place which of them run after a failure (engine/block-flow.ts). `become`
 * is accepted as on a play: the whole session already runs through the
 * host's become.
 */
import { keyPos, nodeAt, type YamlPath } from '../inventory/yaml-source.js';
import { formatPath } from '../inventory/zod-problems.js';
import { blockSchema } from './playbook-schema.js';
import { check, fail, type Label, type ReadContext } from './read-context.js';
import { inheritedWhen, type TaskKind } from './read-task.js';
import type { PlayRoles, RoleUse } from './read-role.js';
import { derived, readTaskList } from './read-task-list.js';
import type { BlockDef, BlockSection, TaskDef } from './types.js';

const SECTIONS: readonly BlockSection[] = ['block', 'rescue', 'always'];

export function readBlock(
  ctx: ReadContext,
  item: Record<string, unknown>,
  base: YamlPath,
  label: Label,
  kind: TaskKind,
  roles: PlayRoles,
  role?: RoleUse,
): TaskDef[] | undefined {
  if (kind === 'handler') {
    fail(ctx, base, `${formatPath(label)}: a handler cannot be a block; list the handlers one by one`);
    return undefined;
  }
  const data = Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null));
  const input = check(ctx, blockSchema, data, base, label);
  if (!input) return undefined;
  const when = inheritedWhen(ctx, input, base, label);
  if (when === false) return undefined;

  const block: BlockDef = {
    name: input.name ?? 'block',
    pos: keyPos(ctx.src, nodeAt(ctx.src, base), 'block'),
    hasRescue: (input.rescue?.length ?? 0) > 0,
    hasAlways: (input.always?.length ?? 0) > 0,
  };
  const tags = input.tags === undefined ? [] : [input.tags].flat();
  const out: TaskDef[] = [];
  let ok = true;
  for (const section of SECTIONS) {
    const list = input[section];
    if (!list) continue;
    const tasks = readTaskList(ctx, list, [...base, section], [...label, section], kind, roles, role);
    if (!tasks) {
      ok = false;
      continue;
    }
    for (const t of tasks) out.push(inBlock(t, { block, section, when, tags, vars: input.vars ?? {} }));
  }
  return ok ? out : undefined;
}

interface BlockKeys {
  block: BlockDef;
  section: BlockSection;
  when: string | string[] | undefined;
  tags: string[];
  vars: Record<string, unknown>;
}

/** The block's keys on one of its tasks: its when first, its tags added, its vars below the task's own. */
function inBlock(task: TaskDef, keys: BlockKeys): TaskDef {
  const when = [...[keys.when ?? []].flat(), ...[task.when ?? []].flat()];
  const out: TaskDef = {
    ...task,
    tags: [...new Set([...keys.tags, ...task.tags])],
    vars: { ...keys.vars, ...task.vars },
    blocks: [{ block: keys.block, section: keys.section }, ...(task.blocks ?? [])],
  };
  if (when.length) out.when = when.length === 1 ? when[0]! : when;
  return derived(task, out);
}
