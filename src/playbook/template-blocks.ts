/**
 * Template files (the template module's `src`): Jinja2's `{{ }}`,
 * `{% if %}`, `{% for %}` and `{# #}` with Ansible's whitespace settings
 * (template-blocks-lexer.ts). Expressions are the playbook's own
 * (expr-parser.ts): filters and tests, never code. Parsed files are kept
 * by their text, so a template used on many hosts is parsed once.
 */
import { scopeOf } from './template.js';
import { parseTemplateBlocks, type BlockNode } from './template-blocks-parse.js';
import { renderBlocks } from './template-blocks-render.js';

const parsed = new Map<string, BlockNode[]>();

/** Parses a template file; throws a TemplateError at the file, line and column of the first problem. */
export function checkTemplateFile(text: string, file: string): void {
  compile(text, file);
}

/** The file rendered with a host's variables; errors (undefined variable too) name file, line and column. */
export function renderTemplateFile(text: string, file: string, vars: Record<string, unknown>): string {
  return renderBlocks(compile(text, file), scopeOf(vars));
}

function compile(text: string, file: string): BlockNode[] {
  const key = `${file}\0${text}`;
  const known = parsed.get(key);
  if (known) return known;
  const nodes = parseTemplateBlocks(text, file);
  parsed.set(key, nodes);
  return nodes;
}
