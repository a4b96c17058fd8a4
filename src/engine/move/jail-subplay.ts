/**
 * A move's work on one side is the jail module's (issue 13: one
 * implementation): stopping the source, starting the copy on the
 * destination, retiring the source, and undoing either in a rollback are
 * each a one-task play of the jail module, run through runHostPlay on that
 * host's connection — under its host lock, with the module's own checks
 * (what runs is stopped from what runs, the start is verified with jls).
 */
import type { InventoryHost } from '../../inventory/types.js';
import { formatIp4Entry } from '../../modules/jail/args.js';
import type { PlayDef } from '../../playbook/types.js';
import type { RunEvent } from '../../report/events.js';
import type { Transport } from '../../transport/transport.js';
import { runHostPlay, type ModuleLookup } from '../host-play.js';
import type { LockSettings } from '../host-lock.js';
import type { JailDescription } from './jail-site.js';

export interface Side {
  host: InventoryHost;
  transport: Transport;
}

export interface SubplayOptions {
  modules: ModuleLookup;
  lock?: LockSettings;
  commandTimeoutMs?: number;
}

type TaskEvent = Extract<RunEvent, { type: 'task' }>;

export interface SubplayResult {
  ok: boolean;
  changed: boolean;
  /** The jail task's message (or the failure's). */
  message: string;
}

/** The jail module's arguments for a described jail in `state`. */
export function jailArgs(d: JailDescription, state: 'running' | 'stopped' | 'absent', release?: string, purge = false, dataset?: string): Record<string, unknown> {
  return {
    name: d.name,
    path: d.path,
    ...(dataset !== undefined ? { dataset } : {}),
    hostname: d.hostname,
    ...(d.ip4.length ? { ip4: d.ip4.map(formatIp4Entry) } : {}),
    mounts: d.mounts,
    ...(release !== undefined && state !== 'absent' ? { release } : {}),
    state,
    ...(purge ? { purge: true } : {}),
  };
}

/** Run the jail module once on `side` with `args`; the task's outcome. */
export async function runJailTask(side: Side, title: string, args: Record<string, unknown>, options: SubplayOptions): Promise<SubplayResult> {
  const pos = { file: '(migrate)', line: 0, col: 0 };
  const play: PlayDef = {
    name: title,
    hosts: side.host.name,
    vars: {},
    anyErrorsFatal: false,
    forceHandlers: false,
    tasks: [{ name: title, module: 'jail', args, argPos: {}, notify: [], tags: [], loopVar: 'item', vars: {}, ignoreErrors: false, extra: {}, pos }],
    handlers: [],
    pos,
  };
  const events: TaskEvent[] = [];
  try {
    await runHostPlay({
      play,
      host: side.host,
      transport: side.transport,
      registered: {},
      check: false,
      tags: { only: [], skip: [] },
      modules: options.modules,
      sink: { emit: (e) => void (e.type === 'task' ? events.push(e) : undefined) },
      extraVars: {},
      ...(options.lock ? { lock: options.lock } : {}),
      ...(options.commandTimeoutMs !== undefined ? { commandTimeoutMs: options.commandTimeoutMs } : {}),
    });
  } catch (err) {
    return { ok: false, changed: false, message: err instanceof Error ? err.message : String(err) };
  }
  const failed = events.find((e) => e.status === 'failed');
  if (failed) return { ok: false, changed: false, message: `${failed.task}: ${failed.message}` };
  const task = events.find((e) => e.task === title);
  if (!task) return { ok: false, changed: false, message: `${title}: not run` };
  return { ok: true, changed: task.status === 'changed', message: task.message };
}
