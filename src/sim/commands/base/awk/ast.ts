/** The awk program as the parser builds it and the interpreter walks it. */

export type LValue =
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] };

export type Expr =
  | LValue
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  /** A regular expression constant: alone it matches $0. */
  | { k: 're'; src: string }
  | { k: 'assign'; op: string; target: LValue; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'cat'; a: Expr; b: Expr }
  | { k: 'unary'; op: string; e: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'ucall'; name: string; args: Expr[] }
  | { k: 'getline'; target: LValue | undefined; from: 'main' | 'file' | 'cmd'; e: Expr | undefined }
  | { k: 'group'; e: Expr };

export interface Redirect {
  mode: '>' | '>>' | '|';
  e: Expr;
}

export type Stmt = { line: number } & (
  | { k: 'expr'; e: Expr }
  | { k: 'print' | 'printf'; args: Expr[]; redir: Redirect | undefined }
  | { k: 'if'; c: Expr; then: Stmt; else: Stmt | undefined }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init: Expr | undefined; c: Expr | undefined; step: Expr | undefined; body: Stmt }
  | { k: 'forin'; name: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit' | 'return'; e: Expr | undefined }
  | { k: 'delete'; name: string; subs: Expr[] | undefined }
);

export interface Rule {
  pattern: Expr | undefined;
  /** Second pattern of a range `a, b`. */
  end: Expr | undefined;
  /** No action: print $0. */
  body: Stmt[] | undefined;
}

export interface AwkFunction {
  params: string[];
  body: Stmt[];
}

export interface Program {
  begin: Stmt[];
  rules: Rule[];
  end: Stmt[];
  funcs: Map<string, AwkFunction>;
}
