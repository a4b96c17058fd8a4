import type { SimCommand } from '../../types.js';
import { ok } from './util.js';
import { backslashEscapes } from './escapes.js';

/** FreeBSD echo: `-n` first; the sh builtin also takes `-e` for escapes. */
export const echo: SimCommand = (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] === '-n' || args[0] === '-e') {
    if (args.shift() === '-n') newline = false;
    else escapes = true;
  }
  let text = args.join(' ');
  if (escapes) {
    const r = backslashEscapes(text, true);
    text = r.text;
    if (r.stop) return ok(text);
  } else if (text.endsWith('\\c')) {
    return ok(text.slice(0, -2));
  }
  return ok(newline ? `${text}\n` : text);
};
