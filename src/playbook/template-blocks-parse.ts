/**
 * The block structure of a template file: `{% if %}…{% elif %}…{% else %}…
 * {% endif %}` and `{% for x in xs %}…{% else %}…{% endfor %}` over the
 * pieces of template-blocks-lexer.ts. Only these tags exist; anything else
 * (set, macro, include, …) is refused, since a template never runs code.
 */
import type { SourcePos } from '../errors.js';
import type { Expr } from './expr-ast.js';
import { parseExpression } from './expr-parser.js';
import { lexTemplate, type Piece } from './template-blocks-lexer.js';
import { TemplateError } from './template-error.js';

export type BlockNode =
  | { k: 'text'; text: string }
  | { k: 'out'; expr: Expr; pos: SourcePos }
  | { k: 'if'; branches: Array<{ cond: Expr; body: BlockNode[]; pos: SourcePos }>; orelse: BlockNode[] }
  | { k: 'for'; names: string[]; iter: Expr; items: boolean; body: BlockNode[]; orelse: BlockNode[]; pos: SourcePos };

interface Open {
  tag: 'if' | 'for';
  pos: SourcePos;
  /** Where the next nodes go: the current branch's body. */
  into: BlockNode[];
  node: Extract<BlockNode, { k: 'if' | 'for' }>;
  sawElse: boolean;
}

const FOR = /^([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\s+([\s\S]+)$/;

/** Parses a whole template; errors carry the file, line and column of the tag at fault. */
export function parseTemplateBlocks(src: string, file: string): BlockNode[] {
  const root: BlockNode[] = [];
  const stack: Open[] = [];
  const target = (): BlockNode[] => stack.at(-1)?.into ?? root;
  for (const piece of lexTemplate(src, file)) {
    if (piece.kind === 'text') target().push({ k: 'text', text: piece.text });
    else if (piece.kind === 'expr') target().push({ k: 'out', expr: expression(piece.source, piece.pos), pos: piece.pos });
    else statement(piece, stack, target());
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw new TemplateError(`unclosed "{% ${unclosed.tag} %}": no "{% end${unclosed.tag} %}" before the end of the file`, unclosed.pos);
  return root;
}

function statement(piece: Extract<Piece, { kind: 'stmt' }>, stack: Open[], into: BlockNode[]): void {
  const text = piece.source.trim();
  const tag = /^\w*/.exec(text)![0];
  const rest = text.slice(tag.length).trim();
  const pos = piece.pos;
  const top = stack.at(-1);
  switch (tag) {
    case 'if': {
      const body: BlockNode[] = [];
      const node: BlockNode = { k: 'if', branches: [{ cond: expression(rest, pos), body, pos }], orelse: [] };
      into.push(node);
      stack.push({ tag: 'if', pos, into: body, node, sawElse: false });
      return;
    }
    case 'elif': {
      const open = expectOpen(top, 'if', tag, pos);
      if (open.sawElse) throw new TemplateError('"{% elif %}" after "{% else %}"', pos);
      const body: BlockNode[] = [];
      (open.node as Extract<BlockNode, { k: 'if' }>).branches.push({ cond: expression(rest, pos), body, pos });
      open.into = body;
      return;
    }
    case 'else': {
      if (!top) throw new TemplateError('"{% else %}" outside an "{% if %}" or "{% for %}"', pos);
      if (top.sawElse) throw new TemplateError(`a second "{% else %}" in one "{% ${top.tag} %}"`, pos);
      noArguments(tag, rest, pos);
      top.sawElse = true;
      top.into = top.node.orelse;
      return;
    }
    case 'for': {
      const m = FOR.exec(rest);
      if (!m) throw new TemplateError(`expected "{% for NAME in EXPRESSION %}" (or "for KEY, VALUE in MAP.items()"), got "{% ${text} %}"`, pos);
      const [, first, second, iterText] = m as unknown as [string, string, string | undefined, string];
      const items = /\.items\(\)\s*$/.test(iterText);
      const iter = expression(items ? iterText.replace(/\.items\(\)\s*$/, '') : iterText, pos);
      const body: BlockNode[] = [];
      const node: BlockNode = { k: 'for', names: second ? [first, second] : [first], iter, items, body, orelse: [], pos };
      into.push(node);
      stack.push({ tag: 'for', pos, into: body, node, sawElse: false });
      return;
    }
    case 'endif':
    case 'endfor': {
      expectOpen(top, tag.slice(3) as 'if' | 'for', tag, pos);
      noArguments(tag, rest, pos);
      stack.pop();
      return;
    }
    default:
      throw new TemplateError(`unknown tag "{% ${tag || text} %}" (known: if, elif, else, endif, for, endfor)`, pos);
  }
}

function expectOpen(top: Open | undefined, tag: 'if' | 'for', seen: string, pos: SourcePos): Open {
  if (top?.tag === tag) return top;
  const inside = top ? ` inside "{% ${top.tag} %}" opened at line ${top.pos.line}` : '';
  throw new TemplateError(`unexpected "{% ${seen} %}"${inside}`, pos);
}

function noArguments(tag: string, rest: string, pos: SourcePos): void {
  if (rest) throw new TemplateError(`"{% ${tag} %}" takes nothing after it, got "${rest}"`, pos);
}

function expression(source: string, pos: SourcePos): Expr {
  try {
    return parseExpression(source);
  } catch (err) {
    if (err instanceof TemplateError) throw err.at(pos);
    throw err;
  }
}
