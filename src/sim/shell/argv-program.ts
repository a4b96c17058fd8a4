/**
 * lockf and env hand their command's words to a fresh shell, which the
 * simulator runs as the text `argv.map(quote).join(' ')` (src/shell/quote.ts)
 * would parse: through the interpreter's fault hooks, builtins and command
 * table. A session's whole script is one of those words; quoting it only for
 * the parser to take the quotes off again costs copies of it and a lookup
 * keyed by it, per host. This builds that same parse directly: words quote()
 * leaves bare parse to themselves (plain), quoted ones to one quoted literal.
 */
import { isBareWord } from '../../shell/quote.js';
import type { Program, Word } from './ast.js';
import { ASSIGN, RESERVED } from './parser.js';

function word(value: string): Word {
  return isBareWord(value) ? { parts: [{ t: 'lit', v: value, q: false }], plain: value } : { parts: [{ t: 'lit', v: value, q: true }] };
}

/**
 * The program `argv.map(quote).join(' ')` parses to; undefined when its
 * first word would not be a command name there (left bare, a reserved word
 * or `NAME=value` means something else to the parser): send the text then.
 */
export function argvProgram(argv: string[]): Program | undefined {
  const first = argv[0];
  if (first === undefined || (isBareWord(first) && (RESERVED.has(first) || ASSIGN.test(first)))) return undefined;
  const words = argv.map(word);
  return { lines: [[{ first: { bang: false, cmds: [{ type: 'simple', assigns: [], words, redirs: [] }] }, rest: [], background: false }]] };
}
