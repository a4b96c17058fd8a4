/**
 * pf.conf(5) lines as sbin/pfctl/parse.y's yylex() reads them: `#` starts a
 * comment, a backslash-newline joins lines, "..." and '...' are strings (no
 * macro expansion inside), `$name` is replaced by the macro's value, which
 * is lexed again, and an undefined macro is yyerror("macro '%s' not
 * defined"). A word is made of the characters allowed_in_string() allows:
 * not ( ) { } < > ! = / # , — so "10.0.0.0/24" is three tokens; "->" is
 * one (ARROW).
 */
export interface PfToken {
  text: string;
  /** A quoted string (never a keyword or punctuation). */
  quoted: boolean;
  line: number;
}

export interface PfLine {
  tokens: PfToken[];
  /** The line the rule ends on (its newline). */
  line: number;
}

const PUNCT = new Set(['(', ')', '{', '}', '<', '>', '!', '=', '/', ',']);

/** Split the text into logical lines of tokens; macro definitions are applied as they come. */
export function lexPf(text: string, errors: Array<{ line: number; message: string }>): PfLine[] {
  const macros = new Map<string, string>();
  const lines: PfLine[] = [];
  let tokens: PfToken[] = [];
  let line = 1;
  let failed = false;
  const endLine = (): void => {
    if (!failed && tokens.length) {
      const def = macroDefinition(tokens);
      if (def) macros.set(def[0], def[1]);
      else lines.push({ tokens, line });
    }
    tokens = [];
    failed = false;
  };
  const lexInto = (src: string, lineNo: number, fromMacro: boolean): void => {
    for (let i = 0; i < src.length; ) {
      const c = src[i]!;
      if (c === '\\' && src[i + 1] === '\n') {
        i += 2;
        if (!fromMacro) line++;
      } else if (c === '\n') {
        endLine();
        i++;
        if (!fromMacro) line++;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '#') while (i < src.length && src[i] !== '\n') i++;
      else if (c === '"' || c === "'") {
        const end = src.indexOf(c, i + 1);
        const stop = end < 0 ? src.length : end;
        tokens.push({ text: src.slice(i + 1, stop), quoted: true, line: lineNo });
        i = stop + 1;
      } else if (c === '$') {
        let j = i + 1;
        while (j < src.length && /[A-Za-z0-9_]/.test(src[j]!)) j++;
        const name = src.slice(i + 1, j);
        const value = macros.get(name);
        i = j;
        if (value === undefined) {
          // yylex: yyerror(...), then findeol() eats the line (lineno++) and returns ERROR, which yacc reports.
          errors.push({ line: lineNo, message: `macro '${name}' not defined` }, { line: lineNo + 1, message: 'syntax error' });
          failed = true;
        } else lexInto(value, lineNo, true);
      } else if (c === '-' && src[i + 1] === '>') {
        tokens.push({ text: '->', quoted: false, line: lineNo });
        i += 2;
      } else if (PUNCT.has(c)) {
        tokens.push({ text: c, quoted: false, line: lineNo });
        i++;
      } else {
        let j = i;
        while (j < src.length && !PUNCT.has(src[j]!) && !/[\s"'#$]/.test(src[j]!) && !(src[j] === '-' && src[j + 1] === '>')) j++;
        tokens.push({ text: src.slice(i, j), quoted: false, line: lineNo });
        i = j;
      }
      if (!fromMacro) lineNo = line;
    }
  };
  lexInto(text, 1, false);
  endLine();
  return lines;
}

/** `name = value` (varset: STRING '=' string): the macro, or undefined for any other line. */
function macroDefinition(tokens: PfToken[]): [string, string] | undefined {
  if (tokens.length < 3 || tokens[1]!.text !== '=' || tokens[1]!.quoted || tokens[0]!.quoted) return undefined;
  return [tokens[0]!.text, tokens.slice(2).map((t) => t.text).join(' ')];
}
