/**
 * YAML parsing that keeps positions. Inventory, playbook and config all report
 * errors as file:line:col, so they share one way to turn a node into a place.
 */
import { LineCounter, isAlias, isCollection, isMap, isNode, isPair, isScalar, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { InputError, type SourcePos } from '../errors.js';
import { hasWideCharacters, narrowed } from '../narrow-strings.js';

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Inputs larger than this are refused unread (README "Errors"). */
export const MAX_YAML_BYTES = 10 * 1024 * 1024;
/** Lists and maps nested deeper than this are refused. */
export const MAX_YAML_DEPTH = 100;
/** yaml's guard against alias bombs: an alias may not expand to more than this many times its anchor. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses one YAML document; a syntax error becomes an InputError at its
 * place. So does a document built to exhaust memory or stack: one over
 * MAX_YAML_BYTES, nested deeper than MAX_YAML_DEPTH, or an alias bomb.
 */
export function parseYaml(text: string, file: string): YamlSource {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_YAML_BYTES) {
    throw new InputError(`file is ${bytes} bytes, more than the ${MAX_YAML_BYTES / 1024 / 1024} MiB limit for YAML input`, { file, line: 1, col: 1 });
  }
  const lines = new LineCounter();
  // prettyErrors off: we print our own "file:line:col: message", not yaml's excerpt.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    // yaml places a duplicate key after the previous empty value; point at the key itself.
    const at = first.code === 'DUPLICATE_KEY' ? skipBlank(text, first.pos[0]) : first.pos[0];
    const { line, col } = lines.linePos(at);
    // yaml reports its own stack running out as a parse error: that is nesting too deep.
    if (doc.errors.some((e) => /call stack/i.test(e.message))) throw tooDeep({ file, line, col });
    throw new InputError(`invalid YAML: ${first.message}`, { file, line, col });
  }
  if (hasWideCharacters(text)) narrowScalars(doc);
  const src = { file, doc, lines };
  const deep = nodeDeeperThan(doc.contents, MAX_YAML_DEPTH);
  if (deep) throw tooDeep(nodePos(src, deep));
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError) || !/alias/i.test(err.message)) throw err;
    throw new InputError(
      `aliases expand to too much data (an alias may stand for at most ${MAX_ALIAS_COUNT} times its anchor's size): yaml: ${err.message}`,
      nodePos(src, firstAlias(doc.contents) ?? doc.contents),
    );
  }
  return src;
}

/** Scalars of a file with a wide character anywhere (narrow-strings.ts): each as one-byte where it can be. */
function narrowScalars(doc: Document.Parsed): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string') node.value = narrowed(node.value);
    },
  });
}

function tooDeep(pos: SourcePos): InputError {
  return new InputError(`lists and maps are nested more than ${MAX_YAML_DEPTH} deep`, pos);
}

/** The first node (in document order) below more than `limit` lists and maps, walked without recursion. */
function nodeDeeperThan(root: unknown, limit: number): unknown {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth >= limit) return node;
    const children: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) children.push(item.key, item.value);
      else children.push(item);
    }
    for (const child of children.reverse()) stack.push({ node: child, depth: depth + 1 });
  }
  return undefined;
}

/** The first alias (*name) in document order: where an alias bomb goes off. */
function firstAlias(root: unknown): unknown {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return node;
    if (!isCollection(node)) continue;
    const children = node.items.flatMap((item: unknown) => (isPair(item) ? [item.key, item.value] : [item]));
    stack.push(...children.reverse());
  }
  return undefined;
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
