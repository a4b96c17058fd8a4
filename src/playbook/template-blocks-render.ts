/**
 * Renders a parsed template with a variable scope. `{% for %}` adds its
 * names and Jinja2's `loop` (index, index0, revindex, revindex0, first,
 * last, length) in a scope of its own, so the outer variables are read
 * through and never changed.
 */
import type { SourcePos } from '../errors.js';
import { evaluate, type Scope } from './expr-eval.js';
import type { BlockNode } from './template-blocks-parse.js';
import { TemplateError } from './template-error.js';
import { isRecord, need, toText, truthy, typeName } from './template-values.js';

export function renderBlocks(nodes: readonly BlockNode[], scope: Scope): string {
  let out = '';
  for (const node of nodes) out += renderNode(node, scope);
  return out;
}

function renderNode(node: BlockNode, scope: Scope): string {
  switch (node.k) {
    case 'text':
      return node.text;
    case 'out':
      return placed(node.pos, () => toText(evaluate(node.expr, scope)));
    case 'if': {
      for (const { cond, body, pos } of node.branches) {
        if (placed(pos, () => truthy(evaluate(cond, scope)))) return renderBlocks(body, scope);
      }
      return renderBlocks(node.orelse, scope);
    }
    case 'for': {
      const rows = placed(node.pos, () => iterationRows(need(evaluate(node.iter, scope)), node.items));
      if (rows.length === 0) return renderBlocks(node.orelse, scope);
      return rows.map((row, i) => renderBlocks(node.body, loopScope(scope, node.names, row, i, rows.length, node.pos))).join('');
    }
  }
}

/** Runs fn; a TemplateError without a position gets the tag's. */
function placed<T>(pos: SourcePos, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TemplateError && !err.pos) throw err.at(pos);
    throw err;
  }
}

/** What one pass of the loop binds: one value, or a key and a value. */
function iterationRows(value: unknown, items: boolean): unknown[] {
  if (items) {
    if (!isRecord(value)) throw new TemplateError(`.items() needs a map, got ${typeName(value)}`);
    return Object.entries(value);
  }
  if (Array.isArray(value)) return value;
  // Jinja iterates a map's keys and a string's characters.
  if (isRecord(value)) return Object.keys(value);
  if (typeof value === 'string') return [...value];
  throw new TemplateError(`cannot loop over ${typeName(value)}`);
}

function loopScope(outer: Scope, names: string[], row: unknown, i: number, length: number, pos: SourcePos): Scope {
  const local = new Map<string, unknown>();
  if (names.length === 1) local.set(names[0]!, row);
  else {
    if (!Array.isArray(row) || row.length !== names.length) {
      throw new TemplateError(`cannot unpack ${typeName(row)} into ${names.join(', ')}`, pos);
    }
    names.forEach((n, j) => local.set(n, row[j]));
  }
  local.set('loop', {
    index: i + 1,
    index0: i,
    revindex: length - i,
    revindex0: length - i - 1,
    first: i === 0,
    last: i === length - 1,
    length,
  });
  return { lookup: (name) => (local.has(name) ? local.get(name) : outer.lookup(name)) };
}
