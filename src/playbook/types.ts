import type { SourcePos } from '../errors.js';

/** `- meta: flush_handlers`: the one meta action; a task whose module is this name. */
export const FLUSH_HANDLERS = 'meta';

export interface TaskDef {
  name: string;
  /** Module name (a key of the module registry), or FLUSH_HANDLERS. */
  module: string;
  /** Module arguments as written (templates not yet rendered). */
  args: Record<string, unknown>;
  /** Where each argument's value is, for errors about it. */
  argPos: Record<string, SourcePos>;
  when?: string | string[];
  notify: string[];
  tags: string[];
  register?: string;
  loop?: unknown;
  /** Name of the loop variable (loop_control.loop_var), default "item". */
  loopVar: string;
  /** Task-level variables. */
  vars: Record<string, unknown>;
  ignoreErrors: boolean;
  /** Extra keys for later issues (retries, until, delay, changed_when...). */
  extra: Record<string, unknown>;
  pos: SourcePos;
  /** Where each task key (when, loop, notify, ...) is written. */
  keyPos?: Record<string, SourcePos>;
  /** Where the task is in its play, for messages: "tasks[2]" or "handlers[0]". */
  path?: string;
  /** Absolute directory of the role the task came from: copy's `src` is looked for in its files/ first. */
  roleDir?: string;
  /** The blocks the task is in, outermost first, and in which of each block's lists (block-flow.ts). */
  blocks?: BlockPlace[];
}

/**
 * A `block:` with its `rescue:` and `always:`. Its tasks are spliced into
 * the play's list like imported ones, each knowing its blocks; the engine
 * decides from them which run after a failure (engine/block-flow.ts).
 */
export interface BlockDef {
  name: string;
  pos: SourcePos;
  hasRescue: boolean;
  hasAlways: boolean;
}

export type BlockSection = 'block' | 'rescue' | 'always';

export interface BlockPlace {
  block: BlockDef;
  section: BlockSection;
}

export interface PlayDef {
  name: string;
  /** Host pattern. */
  hosts: string;
  vars: Record<string, unknown>;
  serial?: Array<number | string>;
  maxFailPercentage?: number;
  anyErrorsFatal: boolean;
  /** Run notified handlers on a host even after one of its tasks failed. */
  forceHandlers: boolean;
  /** "free" (default): each host runs through at its own pace; "linear": every host of the batch finishes a task before the next. */
  strategy?: 'linear' | 'free';
  /** true: the host's `become` method (default sudo); false: none; or the method itself. */
  become?: boolean | 'sudo' | 'doas';
  tasks: TaskDef[];
  handlers: TaskDef[];
  /** Merged defaults/main.yml of the play's roles: below every other variable. */
  roleDefaults?: Record<string, unknown>;
  /** Merged vars/main.yml of the play's roles: above play vars, as in Ansible. */
  roleVars?: Record<string, unknown>;
  pos: SourcePos;
}

export interface Playbook {
  file: string;
  plays: PlayDef[];
}
