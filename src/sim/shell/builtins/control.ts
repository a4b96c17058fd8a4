/** exit, return, break, continue, shift, :, true, false. */
import { ExitSignal, LoopSignal, ReturnSignal } from '../errors.js';
import { err, parseNumber } from './output.js';
import type { Builtin, BuiltinCall } from './types.js';

function statusArg(call: BuiltinCall): number {
  const arg = call.argv[1];
  if (arg === undefined) return call.sh.status;
  const n = parseNumber(arg);
  if (n === undefined) {
    err(call, `${call.argv[0]}: Illegal number: ${arg}`);
    throw new ExitSignal(2);
  }
  return n & 255;
}

export const exit: Builtin = (call) => {
  throw new ExitSignal(statusArg(call));
};

export const returnBuiltin: Builtin = (call) => {
  const code = statusArg(call);
  if (call.sh.localFrames.length === 0) throw new ExitSignal(code);
  throw new ReturnSignal(code);
};

function loop(kind: 'break' | 'continue'): Builtin {
  return (call) => {
    const arg = call.argv[1];
    const n = arg === undefined ? 1 : parseNumber(arg);
    if (n === undefined || n === 0) {
      err(call, `${kind}: Illegal number: ${arg}`);
      throw new ExitSignal(2);
    }
    if (call.sh.loopDepth === 0) return 0;
    throw new LoopSignal(kind, Math.min(n, call.sh.loopDepth));
  };
}

export const breakBuiltin = loop('break');
export const continueBuiltin = loop('continue');

export const shift: Builtin = (call) => {
  const n = call.argv[1] === undefined ? 1 : parseNumber(call.argv[1]);
  if (n === undefined || n > call.sh.positional.length) {
    err(call, `shift: can't shift that many`);
    throw new ExitSignal(2);
  }
  call.sh.positional = call.sh.positional.slice(n);
  return 0;
};

export const colon: Builtin = () => 0;
export const trueBuiltin: Builtin = () => 0;
export const falseBuiltin: Builtin = () => 1;
