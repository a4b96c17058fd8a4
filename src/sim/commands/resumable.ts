/**
 * A command that runs another command line on its own stdin (lockf, env,
 * jexec, sh), written once as steps (types.ts SimCommand.steps): the
 * interpreter drives them so the nested run can wait for input; called as a
 * plain function (a context made outside the interpreter) they run to the end
 * with the nested output buffered.
 */
import { settle, type MaybeSteps } from '../shell/steps.js';
import type { SimCommand, SimCommandContext, SimResult, SimStepContext } from '../types.js';

export function resumable(steps: (ctx: SimStepContext) => MaybeSteps<SimResult>): SimCommand {
  const command: SimCommand = (ctx) => settle(steps(stepContext(ctx)));
  command.steps = steps;
  return command;
}

function stepContext(ctx: SimCommandContext): SimStepContext {
  if (typeof (ctx as Partial<SimStepContext>).runSteps === 'function') return ctx as SimStepContext;
  // Same context, with runSteps as the plain ctx.run: its output comes back in the result.
  const stepped = Object.create(ctx) as SimStepContext;
  stepped.runSteps = (script, options) => ctx.run(script, options);
  return stepped;
}
