/**
 * jail(8)'s main loop for each chosen jail (usr.sbin/jail/jail.c main()):
 * -cm, -mr and -cmr turn into create, modify or restart by whether the jail
 * runs; -c on a running jail named on the command line is an error, one
 * reached by a wildcard is skipped; -r/-rc on a jail that is not running is
 * "not found" (under -q silently) unless reached by a wildcard.
 */
import type { SimResult } from '../../types.js';
import { createJail } from './jail-create.js';
import { modifyJail, rdtunChanged, removeJail } from './jail-stop-set.js';
import { quotedWarn, runningFor, unknownParam, warnTask, type JailOpEnv, type JailTask } from './jail-task.js';

export interface JailOp {
  c: boolean;
  m: boolean;
  r: boolean;
}

type Action = 'start' | 'set' | 'restart' | 'stop';

function runOne(env: JailOpEnv, op: JailOp, task: JailTask): boolean {
  const { cj } = task;
  if (cj.errors.length) {
    for (const e of cj.errors) env.io.warn('jail', e);
    return false;
  }
  const unknown = op.c || op.m ? unknownParam(cj) : undefined;
  if (unknown !== undefined) {
    warnTask(env, task, `unknown parameter: ${unknown}`);
    return false;
  }
  const jail = runningFor(env.ctx.host.state, cj);
  let action: Action;
  if (op.c && op.m) action = !jail ? 'start' : op.r && rdtunChanged(env, task, jail) ? 'restart' : 'set';
  else if (op.m && op.r) {
    if (!jail) {
      quotedWarn(env, task, 'not found', 'no jail specified');
      return false;
    }
    action = rdtunChanged(env, task, jail) ? 'restart' : 'set';
  } else if (op.c) action = op.r ? 'restart' : 'start';
  else if (op.m) action = 'set';
  else action = 'stop';

  if (action === 'set') {
    if (!jail) {
      quotedWarn(env, task, 'not found', 'no jail specified');
      return false;
    }
    return modifyJail(env, task, jail);
  }
  if (action === 'start') {
    if (!jail) return createJail(env, task);
    if (task.wild) return true;
    quotedWarn(env, task, 'already exists', '');
    return false;
  }
  // stop, or the stop half of a restart.
  if (!jail) {
    if (task.wild) return action === 'restart' ? createJail(env, task) : true;
    if (env.verbose >= 0) quotedWarn(env, task, 'not found', '');
    return false;
  }
  if (!removeJail(env, task, jail, env.noteRemove)) return false;
  return action === 'restart' ? createJail(env, task) : true;
}

/** Each task in turn; the exit status is 1 if any failed (or `code` already says so). */
export function runJailTasks(env: JailOpEnv, op: JailOp, tasks: JailTask[], code: number): SimResult {
  let failed = code !== 0;
  for (const task of tasks) if (!runOne(env, op, task)) failed = true;
  return env.io.result(failed ? 1 : 0);
}
