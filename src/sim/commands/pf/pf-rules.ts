/**
 * The subset of pf.conf(5) rules the simulator loads, parsed from lexed lines
 * (pf-lexer.ts) straight into the text pfctl prints for them
 * (sbin/pfctl/pfctl_parser.c print_rule(), print_fromto(), print_port(),
 * print_pool()):
 *   nat [pass] [on IF] [inet] [proto P] FROMTO -> (IF)|ADDR [port N] [static-port]
 *   rdr [pass] [on IF] [inet] [proto P] FROMTO -> ADDR [port N]
 *   pass|block [in|out] [log] [quick] [on IF] [inet] [proto P] FROMTO [flags F/F|any] [keep|no|modulate state]
 *   anchor|nat-anchor|rdr-anchor "NAME" [all]
 *   set OPTION ...   (accepted and ignored: not shown by -s rules/-s nat)
 * FROMTO is `all` or [from ADDR [port P]] [to ADDR [port P]], ADDR one of
 * any, [!] ADDR[/LEN], (IF), IF (its one IPv4 address), IF:network, <table>.
 * Printing: the address family is written when an address fixes it (" inet");
 * `from any to any` with no port prints " all"; a port prints " port = N",
 * or its /etc/services name (getservbyport) ; an IPv4 host prints without
 * /32 and a network with its host bits masked (set_ipmask); a NAT pool that
 * is an interface in parentheses is a dynamic address and gets round-robin
 * (parse.y: PF_POOL_ROUNDROBIN for a PF_ADDR_DYNIFTL pool); pass rules get
 * "flags S/SA keep state" by default (parse.y filter_opts defaults), and an
 * anchor rule prints `anchor "NAME" all`. Anything else is "syntax error".
 */
import type { PfLine, PfToken } from './pf-lexer.js';

export type PfRuleKind = 'nat' | 'rdr' | 'filter';

export interface PfRule {
  kind: PfRuleKind;
  text: string;
  /** The anchor an anchor rule names, without a trailing "/*"; relative to its ruleset unless it starts with "/". */
  anchor?: string;
}

export interface PfEnv {
  /** IPv4 addresses with prefix length of an interface, or undefined when there is no such interface. */
  interfaceInet(name: string): Array<{ addr: string; prefixLen: number }> | undefined;
  /** getservbyport(3): the /etc/services name of a port, if any. */
  serviceName(port: number, proto: string): string | undefined;
  /** getservbyname(3). */
  servicePort(name: string, proto: string): number | undefined;
}

class ParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
    /** Lines printed to stderr before the yyerror line (host(): "no IP address found for %s"). */
    readonly before: string[] = [],
  ) {
    super(message);
  }
}

interface Addr {
  text: string;
  v4: boolean;
  any: boolean;
  dynamic: boolean;
}

const ANY: Addr = { text: 'any', v4: false, any: true, dynamic: false };

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function dotted(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** set_ipmask(): the address with its host bits cleared; /32 prints as a bare address. */
function network(n: number, len: number): string {
  const size = 2 ** (32 - len);
  const base = Math.floor(n / size) * size;
  return len === 32 ? dotted(base) : `${dotted(base)}/${len}`;
}

class Cursor {
  private i = 0;
  constructor(
    private readonly tokens: PfToken[],
    private readonly endLine: number,
  ) {}
  peek(): string | undefined {
    return this.tokens[this.i]?.text;
  }
  /** A bare (unquoted) keyword or punctuation at the cursor. */
  is(word: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && !t.quoted && t.text === word;
  }
  accept(word: string): boolean {
    if (!this.is(word)) return false;
    this.i++;
    return true;
  }
  next(): string {
    const t = this.tokens[this.i++];
    if (!t) throw this.error();
    return t.text;
  }
  expect(word: string): void {
    if (!this.accept(word)) throw this.error();
  }
  done(): boolean {
    return this.i >= this.tokens.length;
  }
  /** yacc's "syntax error" at the offending token; at the end of the rule the newline was already counted. */
  error(message = 'syntax error', before: string[] = []): ParseError {
    const t = this.tokens[this.i];
    return new ParseError(t ? t.line : this.endLine + 1, message, before);
  }
}

function parseAddr(c: Cursor, env: PfEnv): Addr {
  const neg = c.accept('!') ? '! ' : '';
  if (c.accept('any')) return { ...ANY, text: `${neg}any` };
  if (c.accept('(')) {
    const name = c.next();
    c.expect(')');
    return { text: `${neg}(${name})`, v4: false, any: false, dynamic: true };
  }
  if (c.accept('<')) {
    const name = c.next();
    c.expect('>');
    return { text: `${neg}<${name}>`, v4: false, any: false, dynamic: false };
  }
  const word = c.next();
  const n = ipv4(word);
  if (n !== undefined) {
    let len = 32;
    if (c.accept('/')) {
      const l = c.next();
      if (!/^\d+$/.test(l) || Number(l) > 32) throw c.error(`invalid netmask '/${l}'`);
      len = Number(l);
    }
    return { text: `${neg}${network(n, len)}`, v4: true, any: false, dynamic: false };
  }
  const [ifname, modifier] = word.split(':');
  const inet = env.interfaceInet(ifname!);
  if (inet && inet.length === 1 && (modifier === undefined || modifier === 'network' || modifier === '0')) {
    const a = inet[0]!;
    const text = modifier === 'network' ? network(ipv4(a.addr)!, a.prefixLen) : a.addr;
    return { text: `${neg}${text}`, v4: true, any: false, dynamic: false };
  }
  throw c.error('could not parse host specification', [`no IP address found for ${word}`]);
}

function parsePort(c: Cursor, env: PfEnv, proto: string | undefined): string {
  c.accept('=');
  const word = c.next();
  const n = /^\d+$/.test(word) ? Number(word) : env.servicePort(word, proto ?? 'tcp');
  if (n === undefined || n < 1 || n > 65535) throw c.error(`illegal port value ${word}`);
  return ` port = ${env.serviceName(n, proto === 'udp' ? 'udp' : 'tcp') ?? n}`;
}

interface FromTo {
  text: string;
  v4: boolean;
  dynamic: boolean;
}

function parseFromTo(c: Cursor, env: PfEnv, proto: string | undefined): FromTo {
  if (c.accept('all')) return { text: ' all', v4: false, dynamic: false };
  let src = ANY;
  let dst = ANY;
  let srcPort = '';
  let dstPort = '';
  if (c.accept('from')) {
    src = parseAddr(c, env);
    if (c.accept('port')) srcPort = parsePort(c, env, proto);
  }
  if (c.accept('to')) {
    dst = parseAddr(c, env);
    if (c.accept('port')) dstPort = parsePort(c, env, proto);
  }
  const all = src.any && dst.any && !srcPort && !dstPort && !src.text.startsWith('!') && !dst.text.startsWith('!');
  return {
    text: all ? ' all' : ` from ${src.text}${srcPort} to ${dst.text}${dstPort}`,
    v4: src.v4 || dst.v4,
    dynamic: src.dynamic || dst.dynamic,
  };
}

/** on IF, af, proto: the part every rule type shares; proto for port names. */
function parseCommon(c: Cursor): { on: string; af: string | undefined; proto: string | undefined } {
  let on = '';
  if (c.accept('on')) on = c.accept('!') ? ` on ! ${c.next()}` : ` on ${c.next()}`;
  let af: string | undefined;
  if (c.accept('inet')) af = 'inet';
  else if (c.accept('inet6')) af = 'inet6';
  let proto: string | undefined;
  if (c.accept('proto')) proto = c.next();
  return { on, af, proto };
}

function translation(c: Cursor, env: PfEnv, kind: 'nat' | 'rdr'): PfRule {
  const pass = c.accept('pass') ? ' pass' : '';
  const { on, af, proto } = parseCommon(c);
  const ft = parseFromTo(c, env, proto);
  c.expect('->');
  const target = parseAddr(c, env);
  let port = '';
  if (c.accept('port')) {
    const p = c.next();
    if (!/^\d+$/.test(p)) throw c.error(`illegal port value ${p}`);
    port = ` port ${p}`;
  }
  let pool = target.dynamic ? ' round-robin' : '';
  if (kind === 'nat' && c.accept('static-port')) pool += ' static-port';
  if (!c.done()) throw c.error();
  const family = af ?? (ft.v4 || target.v4 ? 'inet' : undefined);
  const text = `${kind}${pass}${on}${family ? ` ${family}` : ''}${proto ? ` proto ${proto}` : ''}${ft.text} -> ${target.text}${port}${pool}`;
  return { kind, text };
}

function filter(c: Cursor, env: PfEnv, action: 'pass' | 'block'): PfRule {
  let head: string = action === 'block' ? 'block drop' : 'pass';
  if (c.accept('in')) head += ' in';
  else if (c.accept('out')) head += ' out';
  if (c.accept('log')) head += ' log';
  if (c.accept('quick')) head += ' quick';
  const { on, af, proto } = parseCommon(c);
  const ft = parseFromTo(c, env, proto);
  let flags = action === 'pass' && (!proto || proto === 'tcp') ? ' flags S/SA' : '';
  let state = action === 'pass' ? ' keep state' : '';
  if (c.accept('flags')) {
    const f = c.next();
    if (f === 'any') flags = '';
    else {
      c.expect('/');
      flags = ` flags ${f}/${c.next()}`;
    }
  }
  if (c.accept('no')) {
    c.expect('state');
    state = action === 'pass' ? ' no state' : '';
    flags = '';
  } else if (c.accept('keep')) c.expect('state');
  else if (c.accept('modulate')) {
    c.expect('state');
    state = ' modulate state';
  }
  if (!c.done()) throw c.error();
  const family = af ?? (ft.v4 ? 'inet' : undefined);
  return { kind: 'filter', text: `${head}${on}${family ? ` ${family}` : ''}${proto ? ` proto ${proto}` : ''}${ft.text}${flags}${state}` };
}

function anchorRule(c: Cursor, word: string): PfRule {
  const name = c.next();
  c.accept('all');
  if (!c.done()) throw c.error();
  const kind: PfRuleKind = word === 'nat-anchor' ? 'nat' : word === 'rdr-anchor' ? 'rdr' : 'filter';
  return { kind, text: `${word} "${name}" all`, anchor: name.replace(/\/\*$/, '') };
}

/** `set` options (pf.conf(5) OPTIONS): accepted, and not shown by -s rules or -s nat. */
const SET_OPTIONS = new Set(['skip', 'block-policy', 'loginterface', 'optimization', 'ruleset-optimization', 'state-policy', 'limit', 'timeout', 'debug', 'hostid', 'fingerprints', 'reassemble', 'syncookies', 'keepcounters', 'state-defaults']);

export interface PfParsed {
  rules: PfRule[];
  /** "FILE:LINE: message" lines, in order (yyerror), with host()'s lines before theirs. */
  errors: string[];
}

/** Parse lexed lines; `lexErrors` are the lexer's, merged by line. */
export function parsePfLines(lines: PfLine[], env: PfEnv, file: string, lexErrors: Array<{ line: number; message: string }>): PfParsed {
  const rules: PfRule[] = [];
  const errors: Array<{ line: number; text: string[] }> = lexErrors.map((e) => ({ line: e.line, text: [`${file}:${e.line}: ${e.message}`] }));
  for (const l of lines) {
    const c = new Cursor(l.tokens, l.line);
    try {
      const word = c.next();
      if (word === 'nat' || word === 'rdr') rules.push(translation(c, env, word));
      else if (word === 'pass' || word === 'block') rules.push(filter(c, env, word));
      else if (word === 'anchor' || word === 'nat-anchor' || word === 'rdr-anchor') rules.push(anchorRule(c, word));
      else if (word === 'set' && SET_OPTIONS.has(c.peek() ?? '')) c.next();
      else throw new ParseError(l.tokens[0]!.line, 'syntax error');
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      errors.push({ line: err.line, text: [...err.before, `${file}:${err.line}: ${err.message}`] });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { rules, errors: errors.flatMap((e) => e.text) };
}
