import type { SourcePos } from '../errors.js';

export interface TaskDef {
  name: string;
  /** Module name (a key of the module registry). */
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
}

export interface PlayDef {
  name: string;
  /** Host pattern. */
  hosts: string;
  vars: Record<string, unknown>;
  serial?: Array<number | string>;
  maxFailPercentage?: number;
  anyErrorsFatal: boolean;
  tasks: TaskDef[];
  handlers: TaskDef[];
  pos: SourcePos;
}

export interface Playbook {
  file: string;
  plays: PlayDef[];
}
