/**
 * JSON and YAML in and out, as Ansible's to_json/to_nice_json (Python's
 * json.dumps) and to_yaml/to_nice_yaml (PyYAML's yaml.dump) write them:
 * https://docs.ansible.com/ansible/latest/collections/ansible/builtin/to_json_filter.html
 * https://docs.ansible.com/ansible/latest/collections/ansible/builtin/to_yaml_filter.html
 */
import { Document, isMap, isScalar, isSeq, parse, visit } from 'yaml';
import { needString, type Args, type FilterDef } from './filter-args.js';
import { TemplateError } from './template-error.js';
import { isRecord, plain, typeName } from './template-values.js';

interface JsonStyle {
  indent: number | undefined;
  sortKeys: boolean;
  ensureAscii: boolean;
  itemSep: string;
  keySep: string;
}

/** json.dumps: separators ", " and ": " (", " becomes "," once indented), non-ASCII escaped unless ensure_ascii=false. */
export function pyJson(value: unknown, style: JsonStyle, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string') {
    const s = JSON.stringify(value);
    return style.ensureAscii ? s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : s;
  }
  const entries: Array<[string | undefined, unknown]> = Array.isArray(value)
    ? value.map((v) => [undefined, v])
    : isRecord(value)
      ? Object.entries(value)
      : [];
  if (!Array.isArray(value) && !isRecord(value)) throw new TemplateError(`to_json: cannot write ${typeName(value)}`);
  if (style.sortKeys && !Array.isArray(value)) entries.sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const parts = entries.map(([k, v]) => (k === undefined ? '' : pyJson(k, style) + style.keySep) + pyJson(v, style, depth + 1));
  if (style.indent === undefined) return open + parts.join(style.itemSep) + close;
  const pad = (d: number): string => '\n' + ' '.repeat(style.indent! * d);
  return open + pad(depth + 1) + parts.join(style.itemSep.trimEnd() + pad(depth + 1)) + pad(depth) + close;
}

function jsonStyle(a: Args, nice: boolean): JsonStyle {
  const indent = a.has('indent') ? a.int('indent') : nice ? 4 : undefined;
  const indented = indent !== undefined;
  return {
    indent,
    sortKeys: a.bool('sort_keys', nice),
    ensureAscii: a.bool('ensure_ascii', true),
    // Python's defaults: ", " flat, "," once indented (trailing spaces otherwise).
    itemSep: indented ? ',' : ', ',
    keySep: ': ',
  };
}

/**
 * PyYAML's yaml.dump as Ansible calls it: keys sorted, and (default_flow_style
 * None) collections holding only scalars written inline, `{a: 1}`, `[1, 2]`.
 * Long strings are not folded at 80 columns as PyYAML would.
 */
export function pyYaml(value: unknown, flowStyle: boolean | undefined, indent: number, sortKeys: boolean): string {
  const data = plain(value);
  const doc = new Document(data, { sortMapEntries: sortKeys, version: '1.1' });
  visit(doc, {
    Collection(_, node) {
      if (!isMap(node) && !isSeq(node)) return;
      const scalarsOnly = node.items.every((i) => (isMap(node) ? isScalar((i as { value: unknown }).value) || (i as { value: unknown }).value == null : isScalar(i)));
      node.flow = flowStyle === true || (flowStyle === undefined && scalarsOnly);
    },
  });
  const out = doc.toString({ indent, indentSeq: false, flowCollectionPadding: false, lineWidth: 0, singleQuote: true });
  // PyYAML ends a document that is a lone scalar with "...".
  return Array.isArray(data) || isRecord(data) ? out : `${out}...\n`;
}

function yamlFilter(nice: boolean): FilterDef {
  return {
    params: nice ? ['indent'] : [],
    required: 0,
    keywords: [...(nice ? [] : ['indent']), 'sort_keys', 'default_flow_style'],
    apply: (v, a) => {
      const flow = nice ? false : a.has('default_flow_style') ? a.bool('default_flow_style') : undefined;
      return pyYaml(v, flow, a.int('indent', nice ? 4 : 2), a.bool('sort_keys', true));
    },
  };
}

export const DATA_FILTERS: Record<string, FilterDef> = {
  to_json: { params: [], required: 0, keywords: ['indent', 'sort_keys', 'ensure_ascii'], apply: (v, a) => pyJson(plain(v), jsonStyle(a, false)) },
  to_nice_json: { params: ['indent', 'sort_keys'], required: 0, keywords: ['ensure_ascii'], apply: (v, a) => pyJson(plain(v), jsonStyle(a, true)) },
  from_json: {
    params: [],
    required: 0,
    apply: (v) => {
      try {
        return JSON.parse(needString('from_json', v)) as unknown;
      } catch (err) {
        if (err instanceof TemplateError) throw err;
        throw new TemplateError(`from_json: not JSON: ${(err as Error).message}`);
      }
    },
  },
  to_yaml: yamlFilter(false),
  to_nice_yaml: yamlFilter(true),
  from_yaml: {
    params: [],
    required: 0,
    apply: (v) => {
      if (v === null) return null;
      try {
        // YAML 1.1, as PyYAML reads it: yes/no are booleans.
        return parse(needString('from_yaml', v), { version: '1.1', prettyErrors: false }) as unknown;
      } catch (err) {
        if (err instanceof TemplateError) throw err;
        throw new TemplateError(`from_yaml: not YAML: ${(err as Error).message.split('\n')[0]}`);
      }
    },
  },
};
