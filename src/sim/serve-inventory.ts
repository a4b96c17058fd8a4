/**
 * The inventory a served simulated fleet is reached with: the user's own
 * file, edited in place (comments, groups and every other variable kept),
 * with each served host's connection variables pointing at its loopback
 * port. Pure text in, text out.
 */
import { isAlias, isMap, isScalar, parseDocument, type Document, type Pair, type YAMLMap } from 'yaml';

/** Host name -> variables to set on every occurrence of that host. */
export type HostOverrides = Map<string, Record<string, unknown>>;

export function rewriteInventory(text: string, overrides: HostOverrides): string {
  const doc = parseDocument(text);
  const root = doc.contents;
  if (!isMap(root)) return doc.toString();
  for (const pair of root.items) visitGroup(doc, pair.value, overrides);
  return doc.toString();
}

function visitGroup(doc: Document, node: unknown, overrides: HostOverrides): void {
  const group = derefNode(doc, node);
  if (!isMap(group)) return;
  const hosts = derefNode(doc, group.get('hosts', true));
  if (isMap(hosts)) {
    for (const pair of hosts.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const vars = overrides.get(name);
      if (vars) setHostVars(doc, pair, vars);
    }
  }
  const children = derefNode(doc, group.get('children', true));
  if (isMap(children)) for (const pair of children.items) visitGroup(doc, pair.value, overrides);
}

function setHostVars(doc: Document, pair: Pair, vars: Record<string, unknown>): void {
  if (isMap(pair.value)) {
    for (const [key, value] of Object.entries(vars)) (pair.value as YAMLMap).set(key, value);
    return;
  }
  // A bare `host:` or an alias: replace it with a plain map of the same variables plus ours.
  const resolved = isAlias(pair.value) ? pair.value.resolve(doc)?.toJSON() : undefined;
  const base = resolved !== null && typeof resolved === 'object' ? (resolved as Record<string, unknown>) : {};
  pair.value = doc.createNode({ ...base, ...vars });
}

function derefNode(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}
