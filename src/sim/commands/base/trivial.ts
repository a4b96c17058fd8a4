/** true, false, sleep: no output, fixed status (sleep never waits in the simulator). */
import type { SimCommand } from '../../types.js';
import { fail, ok } from './util.js';

export const trueCommand: SimCommand = () => ok();
export const falseCommand: SimCommand = () => fail('', 1);

export const sleep: SimCommand = (ctx) => {
  const arg = ctx.argv[1];
  if (arg === undefined) return fail('usage: sleep number[unit] [...]\n');
  if (!/^[0-9]*\.?[0-9]+[smhd]?$/.test(arg)) return fail(`sleep: invalid time interval: ${arg}\n`);
  return ok();
};
