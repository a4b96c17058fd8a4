/**
 * The stderr of a program that does not parse, as contrib/one-true-awk
 * prints it: SYNTAX() ("awk: syntax error at source line N"), eprint()'s
 * " context is" line built from the characters lex.c has read so far, then
 * yacc's recovery: inside an action the `simple_stmt: error` rule reports an
 * "illegal statement" and main() runs bracecheck(); elsewhere `program:
 * error` runs bracecheck() and reports "bailing out" (lib.c, awkgram.y).
 */
import type { Token } from './lexer.js';

function linesRead(src: string, end: number): number {
  let n = 1;
  for (let j = 0; j < end && j < src.length; j++) if (src.charCodeAt(j) === 10) n++;
  return n;
}

/** eprint(): the line read so far with the last word marked; what lex.c pushed back and the rest of that line follow. */
function context(src: string, tok: Token): { text: string; consumed: number } {
  if (tok.t === 'eof') {
    // input() stored the NUL of the end of the program in ebuf: the scan back stops on it.
    return { text: ' context is\n\t >>>  <<< \n', consumed: src.length };
  }
  const ebuf = src.slice(0, tok.end);
  const ep = ebuf.length;
  let p = ep - 1;
  if (p > 0 && ebuf[p] === '\n') p--;
  while (p > 0 && ebuf[p] !== '\n') p--;
  while (ebuf[p] === '\n') p++;
  let q = ep - 1;
  while (q >= p && ebuf[q] !== ' ' && ebuf[q] !== '\t' && ebuf[q] !== '\n') q--;
  let text = ' context is\n\t';
  if (p < q) {
    text += ebuf.slice(p, q);
    p = q;
  }
  text += ` >>> ${ebuf.slice(p, ep)} <<< `;
  let consumed = ep;
  if (tok.peeked) {
    // *ep is the pushed-back character: eprint() reads on to the end of the line.
    const nl = src.indexOf('\n', ep);
    const stop = nl < 0 ? src.length : nl;
    text += src.slice(ep, stop);
    consumed = nl < 0 ? src.length : nl + 1;
  }
  return { text: `${text}\n`, consumed };
}

/** bcheck2() over the braces, brackets and parentheses of the whole program, outside strings. */
function bracecheck(src: string): string {
  const count = { '{': 0, '[': 0, '(': 0 };
  let inString = false;
  for (let j = 0; j < src.length; j++) {
    const c = src[j]!;
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[' || c === '(') count[c]++;
    else if (c === '}') count['{']--;
    else if (c === ']') count['[']--;
    else if (c === ')') count['(']--;
  }
  let out = '';
  for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']] as const) {
    const n = count[open];
    if (n === 1) out += `\tmissing ${close}\n`;
    else if (n > 1) out += `\t${n} missing ${close}'s\n`;
    else if (n === -1) out += `\textra ${close}\n`;
    else if (n < -1) out += `\t${-n} extra ${close}'s\n`;
  }
  return out;
}

export function syntaxErrorText(src: string, tok: Token, inAction: boolean, message = 'syntax error'): string {
  // A pushed-back newline was uncounted again by unput(): lineno stops at the token.
  const line = linesRead(src, tok.t === 'eof' ? src.length : tok.end);
  const ctx = context(src, tok);
  let out = `awk: ${message} at source line ${line}\n${ctx.text}`;
  const after = linesRead(src, ctx.consumed);
  if (inAction) return `${out}awk: illegal statement at source line ${after}\n${bracecheck(src)}`;
  out += bracecheck(src);
  return `${out}awk: bailing out at source line ${after}\n`;
}
