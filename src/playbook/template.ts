/**
 * `{{ expr }}` interpolation over plain data. A string that is exactly one
 * `{{ expr }}` keeps the expression's native type (list, number, boolean),
 * as in Ansible; text around or between expressions makes a string.
 * Variables whose values hold templates are rendered when they are used
 * (lazily, like Ansible), so `ip: "{{ net }}.5"` works in vars.
 */
import { rootNames, type Expr } from './expr-ast.js';
import { evaluate, type Scope } from './expr-eval.js';
import { parseExpression } from './expr-parser.js';
import { TemplateError } from './template-error.js';
import { Undefined, isLazy, isRecord, need, plain, setKey, toText, OMIT } from './template-values.js';

export { evaluateWhen } from './when.js';
export { TemplateError } from './template-error.js';

type Segment = { text: string } | { expr: Expr };

const cache = new Map<string, Segment[]>();

/** `{%` is looked for too, only to refuse it: statements are not supported. */
const isTemplated = (s: string): boolean => s.includes('{{') || s.includes('{%');

/** True when a string (or anything inside a list/map) contains a template. */
export function hasTemplate(value: unknown): boolean {
  if (typeof value === 'string') return isTemplated(value);
  if (Array.isArray(value)) return value.some(hasTemplate);
  // A lazy map (hostvars) renders its own members when they are read.
  if (isRecord(value) && !isLazy(value)) return Object.values(value).some(hasTemplate);
  return false;
}

export function render(value: unknown, vars: Record<string, unknown>): unknown {
  return renderIn(value, scopeOf(vars));
}

/** Root variable names referenced by every template inside value, in order. */
export function templateVarsUsed(value: unknown): string[] {
  const names: string[] = [];
  walkStrings(value, (s) => {
    for (const seg of compile(s)) if ('expr' in seg) rootNames(seg.expr, names);
  });
  return names;
}

/** Parses every template inside value; throws the first syntax error. */
export function checkTemplates(value: unknown): void {
  walkStrings(value, compile);
}

export function scopeOf(vars: Record<string, unknown>, resolving: readonly string[] = []): Scope {
  return {
    lookup(name) {
      if (!Object.hasOwn(vars, name)) return name === 'omit' ? OMIT : new Undefined(name);
      const v = vars[name];
      if (isLazy(v) || !hasTemplate(v)) return v;
      if (resolving.includes(name)) {
        throw new TemplateError(`variable "${name}" refers to itself (${[...resolving, name].join(' -> ')})`);
      }
      return renderIn(v, scopeOf(vars, [...resolving, name]));
    },
  };
}

function renderIn(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') return renderString(value, scope);
  if (Array.isArray(value)) return value.map((v) => renderIn(v, scope));
  if (isRecord(value) && !isLazy(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setKey(out, k, renderIn(v, scope));
    return out;
  }
  return value;
}

function renderString(s: string, scope: Scope): unknown {
  if (!isTemplated(s)) return s;
  const segments = compile(s);
  const [only] = segments;
  // Plain data out: a lazy map (`{{ hostvars[h] }}`) is read out before a module gets it.
  if (segments.length === 1 && only && 'expr' in only) return plain(need(evaluate(only.expr, scope)));
  return segments.map((seg) => ('text' in seg ? seg.text : toText(evaluate(seg.expr, scope)))).join('');
}

function walkStrings(value: unknown, visit: (s: string) => void): void {
  if (typeof value === 'string') {
    if (isTemplated(value)) visit(value);
  } else if (Array.isArray(value)) value.forEach((v) => walkStrings(v, visit));
  else if (isRecord(value) && !isLazy(value)) Object.values(value).forEach((v) => walkStrings(v, visit));
}

function compile(s: string): Segment[] {
  const known = cache.get(s);
  if (known) return known;
  const segments = split(s).map((seg) => ('expr' in seg ? { expr: parseExpression(seg.expr) } : seg));
  cache.set(s, segments);
  return segments;
}

/** Splits text at `{{ }}`; a `}}` inside a quoted string or a map literal (`{'a': {'b': 1}}`) does not close. */
function split(s: string): Array<{ text: string } | { expr: string }> {
  if (s.includes('{%')) throw new TemplateError('only {{ }} expressions are supported, not {% %} statements');
  const out: Array<{ text: string } | { expr: string }> = [];
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('{{', i);
    if (open === -1) {
      out.push({ text: s.slice(i) });
      break;
    }
    if (open > i) out.push({ text: s.slice(i, open) });
    const close = findClose(s, open + 2);
    if (close === -1) throw new TemplateError(`unclosed "{{" in "${s}"`);
    out.push({ expr: s.slice(open + 2, close) });
    i = close + 2;
  }
  return out;
}

function findClose(s: string, from: number): number {
  let quote: string | undefined;
  let braces = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charAt(i);
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') braces++;
    else if (c === '}' && braces > 0) braces--;
    else if (c === '}' && s.charAt(i + 1) === '}') return i;
  }
  return -1;
}
