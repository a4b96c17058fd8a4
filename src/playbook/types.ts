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
  /** Where each task key (when, loop, notify, ...) is written. */
  keyPos?: Record<string, SourcePos>;
  /** Where the task is in its play, for messages: "tasks[2]" or "handlers[0]". */
  path?: string;
}

export interface PlayDef {
  name: string;
  /** Host pattern. */
  hosts: string;
  vars: Record<string, unknown>;
  serial?: Array<number | string>;
  maxFailPercentage?: number;
  anyErrorsFatal: boolean;
  /** "linear" (default): every host finishes a task before the next; "free": hosts run independently. */
  strategy?: 'linear' | 'free';
  /** true: the host's `become` method (default sudo); false: none; or the method itself. */
  become?: boolean | 'sudo' | 'doas';
  tasks: TaskDef[];
  handlers: TaskDef[];
  pos: SourcePos;
}

export interface Playbook {
  file: string;
  plays: PlayDef[];
}
