/** A command's words run by a fresh shell, as lockf and env exec them (types.ts SimStepContext.execSteps). */
import { quote } from '../../../shell/quote.js';
import type { MaybeSteps } from '../../shell/steps.js';
import type { RunOptions, SimResult, SimStepContext } from '../../types.js';

export function execArgvSteps(ctx: SimStepContext, argv: string[], options: RunOptions): MaybeSteps<SimResult> {
  return ctx.execSteps ? ctx.execSteps(argv, options) : ctx.runSteps(argv.map(quote).join(' '), options);
}
