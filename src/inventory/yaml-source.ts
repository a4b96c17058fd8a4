/**
 * YAML parsing that keeps positions. Inventory, playbook and config all report
 * errors as file:line:col, so they share one way to turn a node into a place.
 */
import { LineCounter, isAlias, isMap, isNode, isPair, isScalar, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { InputError, type SourcePos } from '../errors.js';

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Parses one YAML document; a syntax error becomes an InputError at its place. */
export function parseYaml(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  // prettyErrors off: we print our own "file:line:col: message", not yaml's excerpt.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    // yaml places a duplicate key after the previous empty value; point at the key itself.
    const at = first.code === 'DUPLICATE_KEY' ? skipBlank(text, first.pos[0]) : first.pos[0];
    const { line, col } = lines.linePos(at);
    throw new InputError(`invalid YAML: ${first.message}`, { file, line, col });
  }
  return { file, doc, lines };
}

function skipBlank(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  return i;
}

export function offsetPos(src: YamlSource, offset: number): SourcePos {
  const { line, col } = src.lines.linePos(offset);
  return { file: src.file, line, col };
}

/** Where a node starts; falls back to the document start for nodes without a range. */
export function nodePos(src: YamlSource, node: unknown): SourcePos {
  const range = (node as Node | null | undefined)?.range;
  return offsetPos(src, range ? range[0] : 0);
}

/** The node at path, or the nearest ancestor that exists (e.g. for a missing key). */
export function nodeAt(src: YamlSource, path: YamlPath): unknown {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? src.doc.contents : src.doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node) return node;
  }
  return src.doc.contents;
}

export function pathPos(src: YamlSource, path: YamlPath): SourcePos {
  return nodePos(src, nodeAt(src, path));
}

/** Where a key of a map is written (for "unknown key" errors). */
export function keyPos(src: YamlSource, map: unknown, key: string): SourcePos {
  if (!isMap(map)) return nodePos(src, map);
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return nodePos(src, pair.key);
  }
  return nodePos(src, map);
}

export interface MapEntry {
  key: unknown;
  keyNode: unknown;
  valueNode: unknown;
}

/** The pairs of a YAML map in file order, keys as written (not stringified). */
export function mapEntries(map: YAMLMap): MapEntry[] {
  return map.items.map((pair) => ({
    key: isScalar(pair.key) ? pair.key.value : pair.key,
    keyNode: pair.key,
    valueNode: pair.value,
  }));
}

/** A node's plain JS value (null for an empty value); aliases are resolved. */
export function toJs(src: YamlSource, node: unknown): unknown {
  if (node === null || node === undefined) return null;
  return isNode(node) ? node.toJS(src.doc) : node;
}

/** The YAML word for a value's type, as users see it in error messages. */
export function yamlTypeName(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'map';
  return typeof value;
}

/** Follows an alias (*name) to the node it stands for. */
export function deref(src: YamlSource, node: unknown): unknown {
  return isAlias(node) ? node.resolve(src.doc) : node;
}
