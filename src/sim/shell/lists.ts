/**
 * Lists, and-or lists and pipelines. The common case — commands that finish
 * at once — runs as plain calls; at the first one that returns Steps (it
 * waits for stdin, or runs a nested shell as steps) the rest of the list
 * goes on in a generator from that point (steps.ts).
 */
import type { AndOr, Command, List, Pipeline } from './ast.js';
import { ExitSignal } from './errors.js';
import type { Executor } from './executor.js';
import { BufferSink, Reader, type Io } from './io.js';
import type { ShellState } from './state.js';
import { andThen, type MaybeSteps, type Steps } from './steps.js';

export function execList(ex: Executor, sh: ShellState, list: List, io: Io): MaybeSteps {
  for (let i = 0; i < list.length; i++) {
    const ao = list[i]!;
    if (ao.background) return listSteps(ex, sh, list, io, i, undefined);
    const r = execAndOr(ex, sh, ao, io);
    if (typeof r !== 'number') return listSteps(ex, sh, list, io, i + 1, r);
  }
  return sh.status;
}

function* listSteps(ex: Executor, sh: ShellState, list: List, io: Io, from: number, pending: Steps | undefined): Steps {
  if (pending) yield* pending;
  for (let i = from; i < list.length; i++) {
    const ao = list[i]!;
    if (ao.background) {
      // The simulator has no concurrency: a background job runs to its end first, in a subshell.
      sh.lastBgPid = ex.env.host.newPid();
      const r = ex.subshell(sh, io, (child) => execAndOr(ex, child, ao, io));
      if (typeof r !== 'number') yield* r;
      sh.status = 0;
      continue;
    }
    const r = execAndOr(ex, sh, ao, io);
    if (typeof r !== 'number') yield* r;
  }
  return sh.status;
}

function execAndOr(ex: Executor, sh: ShellState, ao: AndOr, io: Io): MaybeSteps {
  if (ao.rest.length === 0) return execCheckedPipeline(ex, sh, ao.first, io);
  const first = condPipeline(ex, sh, ao.first, io);
  return typeof first === 'number' ? andOrRest(ex, sh, ao, io, 0, first) : andOrSteps(ex, sh, ao, io, 0, first);
}

/** The operands of an and-or list from `from` on, the previous one having ended with `status`. */
function andOrRest(ex: Executor, sh: ShellState, ao: AndOr, io: Io, from: number, status: number): MaybeSteps {
  for (let i = from; i < ao.rest.length; i++) {
    const { op, p } = ao.rest[i]!;
    if ((op === '&&') !== (status === 0)) continue;
    if (i === ao.rest.length - 1) return execCheckedPipeline(ex, sh, p, io);
    const r = condPipeline(ex, sh, p, io);
    if (typeof r !== 'number') return andOrSteps(ex, sh, ao, io, i + 1, r);
    status = r;
  }
  return status;
}

function* andOrSteps(ex: Executor, sh: ShellState, ao: AndOr, io: Io, from: number, pending: Steps): Steps {
  const rest = andOrRest(ex, sh, ao, io, from, yield* pending);
  return typeof rest === 'number' ? rest : yield* rest;
}

/** A non-final operand of && or ||: errexit is off. ex.inCond without a closure: this runs for every such operand. */
function condPipeline(ex: Executor, sh: ShellState, p: Pipeline, io: Io): MaybeSteps {
  sh.condDepth++;
  let r: MaybeSteps;
  try {
    r = execPipeline(ex, sh, p, io);
  } catch (err) {
    sh.condDepth--;
    throw err;
  }
  if (typeof r !== 'number') return ex.condSteps(sh, r);
  sh.condDepth--;
  return r;
}

/** A pipeline whose failure ends the shell under set -e. */
function execCheckedPipeline(ex: Executor, sh: ShellState, p: Pipeline, io: Io): MaybeSteps {
  const r = execPipeline(ex, sh, p, io);
  if (typeof r === 'number') return errexit(ex, sh, p, r);
  return andThen(r, (status) => errexit(ex, sh, p, status));
}

function errexit(ex: Executor, sh: ShellState, p: Pipeline, status: number): number {
  if (status !== 0 && sh.options.errexit && sh.condDepth === 0 && !p.bang) {
    const only = p.cmds.length === 1 ? p.cmds[0]! : undefined;
    // Compound commands already failed (or not) through their own last command.
    if (!only || only.type === 'simple' || only.type === 'subshell') throw new ExitSignal(status);
  }
  return status;
}

/** Every path leaves sh.status set to the pipeline's status. */
function execPipeline(ex: Executor, sh: ShellState, p: Pipeline, io: Io): MaybeSteps {
  if (!p.bang && p.cmds.length === 1) return ex.execCommand(sh, p.cmds[0]!, io);
  return pipelineSteps(ex, sh, p, io);
}

function* pipelineSteps(ex: Executor, sh: ShellState, p: Pipeline, io: Io): Steps {
  let status: number;
  if (p.bang) sh.condDepth++;
  try {
    if (p.cmds.length === 1) {
      const r = ex.execCommand(sh, p.cmds[0]!, io);
      status = typeof r === 'number' ? r : yield* r;
    } else {
      status = yield* execStages(ex, sh, p.cmds, io);
    }
  } finally {
    if (p.bang) sh.condDepth--;
  }
  if (p.bang) status = status === 0 ? 1 : 0;
  sh.status = status;
  return status;
}

function* execStages(ex: Executor, sh: ShellState, cmds: Command[], io: Io): Steps {
  let input = io.fds[0];
  let status = 0;
  let failed = 0;
  for (let i = 0; i < cmds.length; i++) {
    const last = i === cmds.length - 1;
    const out = last ? undefined : new BufferSink();
    const fds = io.fds.slice();
    fds[0] = input;
    if (out) fds[1] = out;
    // Stages run one after another: a first stage that waits for stdin holds up the rest, as a pipe would.
    const r = ex.subshell(sh, io, (child) => ex.execCommand(child, cmds[i]!, { fds }));
    status = typeof r === 'number' ? r : yield* r;
    if (status !== 0) failed = status;
    input = new Reader(out ? out.text() : '');
  }
  return sh.options.pipefail ? failed : status;
}
