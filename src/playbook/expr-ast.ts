/** Syntax tree of one expression. `label` names a lookup in "undefined" errors. */
export type Expr =
  | { k: 'lit'; value: unknown }
  | { k: 'var'; name: string }
  | { k: 'get'; obj: Expr; key: Expr; label: string }
  | { k: 'list'; items: Expr[] }
  | { k: 'dict'; entries: Array<{ key: Expr; value: Expr }> }
  | { k: 'filter'; value: Expr; name: string; args: Expr[]; kwargs: KeywordArg[] }
  | { k: 'test'; value: Expr; name: string; negated: boolean; args: Expr[]; kwargs: KeywordArg[] }
  | { k: 'not'; e: Expr }
  | { k: 'logic'; op: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'cmp'; op: CompareOp; a: Expr; b: Expr };

/** `name=value` in a filter or test call (`sort(attribute='name')`). */
export interface KeywordArg {
  name: string;
  value: Expr;
}

export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'in' | 'not in';

/** Root variable names an expression reads, in order of first use. */
export function rootNames(e: Expr, into: string[] = []): string[] {
  switch (e.k) {
    case 'var':
      if (!into.includes(e.name)) into.push(e.name);
      break;
    case 'get':
      rootNames(e.obj, into);
      rootNames(e.key, into);
      break;
    case 'list':
      e.items.forEach((i) => rootNames(i, into));
      break;
    case 'dict':
      e.entries.forEach(({ key, value }) => {
        rootNames(key, into);
        rootNames(value, into);
      });
      break;
    case 'filter':
    case 'test':
      rootNames(e.value, into);
      e.args.forEach((a) => rootNames(a, into));
      e.kwargs.forEach((a) => rootNames(a.value, into));
      break;
    case 'not':
      rootNames(e.e, into);
      break;
    case 'logic':
    case 'cmp':
      rootNames(e.a, into);
      rootNames(e.b, into);
      break;
    case 'lit':
      break;
  }
  return into;
}
