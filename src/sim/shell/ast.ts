/**
 * The parsed form of a POSIX sh script. Plain objects only, so parsed
 * programs can be cached and shared between hosts.
 */

/** `q` marks text that came from quotes: no field splitting, no globbing. */
export type WordPart =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'param'; name: string; op: ParamOp; colon: boolean; arg: Word | undefined; q: boolean }
  | { t: 'len'; name: string; q: boolean }
  | { t: 'cmd'; body: Program; q: boolean }
  | { t: 'arith'; expr: Word; q: boolean }
  | { t: 'tilde'; user: string };

export type ParamOp = '' | '-' | '=' | '+' | '?' | '%' | '%%' | '#' | '##';

export interface Word {
  parts: WordPart[];
  /** Set when the word is plain unquoted text with nothing to expand: the fast path. */
  plain?: string;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-';

export interface Redir {
  fd: number;
  op: RedirOp;
  target: Word;
  /** Here-document body, filled in when the parser reaches the end of the line. */
  body?: Word;
}

export interface Assign {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assign[];
  words: Word[];
  redirs: Redir[];
}

export interface Subshell {
  type: 'subshell';
  body: List;
  redirs: Redir[];
}

export interface Group {
  type: 'group';
  body: List;
  redirs: Redir[];
}

export interface IfClause {
  cond: List;
  body: List;
}

export interface If {
  type: 'if';
  clauses: IfClause[];
  elseBody: List | undefined;
  redirs: Redir[];
}

export interface Loop {
  type: 'loop';
  until: boolean;
  cond: List;
  body: List;
  redirs: Redir[];
}

export interface For {
  type: 'for';
  name: string;
  /** undefined means `for x; do` — iterate over "$@". */
  items: Word[] | undefined;
  body: List;
  redirs: Redir[];
}

export interface CaseItem {
  patterns: Word[];
  body: List;
  /** `;&` falls through into the next item's body. */
  fallthrough: boolean;
}

export interface Case {
  type: 'case';
  word: Word;
  items: CaseItem[];
  redirs: Redir[];
}

export interface FuncDef {
  type: 'func';
  name: string;
  body: Command;
}

export type Command = SimpleCommand | Subshell | Group | If | Loop | For | Case | FuncDef;

export interface Pipeline {
  bang: boolean;
  cmds: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; p: Pipeline }>;
  background: boolean;
}

export type List = AndOr[];

/**
 * Top-level commands, one entry per line as sh parses and runs them: a syntax
 * error on a later line does not stop the earlier lines from running.
 */
export interface Program {
  lines: List[];
  /** Syntax error met after `lines`, as FreeBSD sh words it (without the "sh: " prefix). */
  error?: string;
}
