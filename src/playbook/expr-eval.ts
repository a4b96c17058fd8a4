/** Evaluates an expression tree against variables. Pure; throws TemplateError. */
import type { CompareOp, Expr, KeywordArg } from './expr-ast.js';
import { applyFilter, applyTest } from './filters.js';
import { TemplateError } from './template-error.js';
import { Undefined, deepEqual, isRecord, need, ownMember, setKey, truthy, typeName } from './template-values.js';

export interface Scope {
  /** A variable's value, or an Undefined naming it. */
  lookup(name: string): unknown;
}

export function evaluate(e: Expr, scope: Scope): unknown {
  switch (e.k) {
    case 'lit':
      return e.value;
    case 'var':
      return scope.lookup(e.name);
    case 'get': {
      const obj = evaluate(e.obj, scope);
      // x.y of an undefined x is still "x is undefined": that is what the user must fix.
      if (obj instanceof Undefined) return obj;
      return member(obj, need(evaluate(e.key, scope)), pathText(e));
    }
    case 'list':
      return e.items.map((i) => need(evaluate(i, scope)));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of e.entries) {
        const k = need(evaluate(key, scope));
        if (typeof k !== 'string' && typeof k !== 'number') throw new TemplateError(`a map key must be a string or number, got ${typeName(k)}`);
        setKey(out, String(k), need(evaluate(value, scope)));
      }
      return out;
    }
    case 'filter':
      return applyFilter(e.name, evaluate(e.value, scope), values(e.args, scope), keywords(e.kwargs, scope));
    case 'test': {
      const result = applyTest(e.name, evaluate(e.value, scope), values(e.args, scope), keywords(e.kwargs, scope));
      return e.negated ? !result : result;
    }
    case 'not':
      return !truthy(evaluate(e.e, scope));
    case 'logic': {
      // Python semantics: the deciding operand is the result ({{ a or 'x' }} yields a value).
      const a = evaluate(e.a, scope);
      if (e.op === 'or') return truthy(a) ? a : evaluate(e.b, scope);
      return truthy(a) ? evaluate(e.b, scope) : a;
    }
    case 'cmp':
      return compare(e.op, need(evaluate(e.a, scope)), need(evaluate(e.b, scope)));
  }
}

/** Arguments are values: an undefined one is reported, not passed on. */
function values(args: Expr[], scope: Scope): unknown[] {
  return args.map((a) => need(evaluate(a, scope)));
}

function keywords(kwargs: KeywordArg[], scope: Scope): Array<[string, unknown]> {
  return kwargs.map((k) => [k.name, need(evaluate(k.value, scope))]);
}

/** Own members only: no way to reach prototypes or functions from a template. */
function member(obj: unknown, key: unknown, path: string): unknown {
  if (typeof key !== 'string' && typeof key !== 'number') return new Undefined(path);
  const found = ownMember(obj, key);
  return found.found ? found.value : new Undefined(path);
}

function pathText(e: Expr): string {
  if (e.k === 'var') return e.name;
  if (e.k === 'get') return pathText(e.obj) + e.label;
  return '(expression)';
}

function compare(op: CompareOp, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return deepEqual(a, b);
    case '!=':
      return !deepEqual(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
  }
  const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) throw new TemplateError(`cannot compare ${typeName(a)} with ${typeName(b)} using "${op}"`);
  const x = a as number | string;
  const y = b as number | string;
  if (op === '<') return x < y;
  if (op === '>') return x > y;
  if (op === '<=') return x <= y;
  return x >= y;
}

function contains(container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.some((c) => deepEqual(c, item));
  if (typeof container === 'string' && typeof item === 'string') return container.includes(item);
  if (isRecord(container) && typeof item === 'string') return Object.hasOwn(container, item);
  throw new TemplateError(`"in" needs a list, string or map on its right, got ${typeName(container)}`);
}
