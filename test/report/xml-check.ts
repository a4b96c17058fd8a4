/**
 * A tiny XML reader for tests: elements, attributes and text, with entity
 * decoding; throws on anything not well-formed (unbalanced or crossed tags,
 * bare "&" or "<", unquoted attributes, text outside the root).
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(raw)) throw new Error(`not well-formed text: ${raw.slice(0, 40)}`);
  return raw.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) => (e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : ENTITIES[e]!));
}

export function parseXml(doc: string): XmlNode {
  const body = doc.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let pos = 0;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/y;
  while (pos < body.length) {
    const lt = body.indexOf('<', pos);
    const text = body.slice(pos, lt < 0 ? undefined : lt);
    if (text.trim()) {
      if (!stack.length) throw new Error(`text outside the root: ${text.slice(0, 40)}`);
      stack[stack.length - 1]!.text += decode(text);
    }
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) throw new Error(`malformed tag at ${lt}: ${body.slice(lt, lt + 40)}`);
    const [, close, name, attrText, selfClose] = m;
    pos = tag.lastIndex;
    if (close) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const node: XmlNode = { name: name!, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1]!.children.push(node);
    else if (root) throw new Error('two root elements');
    else root = node;
    if (!selfClose) stack.push(node);
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1]!.name}> never closed`);
  if (!root) throw new Error('no root element');
  return root;
}
