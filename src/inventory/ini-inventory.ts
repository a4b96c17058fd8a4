/**
 * Ansible's INI inventory format (ansible/plugins/inventory/ini.py), read
 * into the same raw form as a YAML inventory, with file:line:col positions:
 *
 *   host1 ansible_port=2222     # before any section: group "ungrouped"
 *   [web]                       # hosts, one per line, with inline variables
 *   web[01:20] jail_ip=192.0.2.5
 *   [web:vars]                  # group variables, one key=value per line
 *   [prod:children]             # child groups, one per line
 *
 * As in Ansible, inline host values are read as literals (numbers, True and
 * False, quoted strings, lists), while values in a :vars section are strings.
 * Comments start with # or ; at the start of a line, or # after a space.
 */
import { InputError, type SourcePos } from '../errors.js';
import { addHost, ensureGroup, hostNames, type RawInventory, type RawVars } from './raw-inventory.js';
import { checkName } from './names.js';

type Section = { kind: 'hosts' | 'children' | 'vars'; group: string };

export function readIniInventory(text: string, file: string): RawInventory {
  const raw: RawInventory = { groups: new Map(), hosts: new Map() };
  ensureGroup(raw, 'all', { file, line: 1, col: 1 });
  let section: Section = { kind: 'hosts', group: 'ungrouped' };
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    const line = rawLine.trim();
    const pos = (col = rawLine.indexOf(line) + 1): SourcePos => ({ file, line: i + 1, col });
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      section = readHeader(line, pos());
      ensureGroup(raw, section.group, pos(2));
      return;
    }
    if (section.kind === 'children') return addChild(raw, section.group, stripComment(line), pos());
    if (section.kind === 'vars') return setGroupVar(raw, section.group, line, pos());
    readHostLine(raw, section.group, line, pos());
  });
  // Groups no other group lists are children of "all", as in Ansible.
  const listed = new Set([...raw.groups.values()].flatMap((g) => g.children.map((e) => e.child)));
  for (const g of raw.groups.values()) {
    if (g.name === 'all' || listed.has(g.name)) continue;
    raw.groups.get('all')!.children.push({ child: g.name, pos: g.pos });
  }
  return raw;
}

function readHeader(line: string, pos: SourcePos): Section {
  const m = /^\[([^\]:]+)(?::(\w+))?\]\s*(?:[#;].*)?$/.exec(line);
  if (!m) throw new InputError(`invalid section header ${line}: expected [group], [group:vars] or [group:children]`, pos);
  const group = checkName('group', m[1]!.trim(), pos);
  const kind = m[2];
  if (kind === undefined || kind === 'hosts') return { kind: 'hosts', group };
  if (kind === 'vars' || kind === 'children') return { kind, group };
  throw new InputError(`invalid section [${m[1]}:${kind}]: expected :vars or :children`, pos);
}

function addChild(raw: RawInventory, parent: string, name: string, pos: SourcePos): void {
  const child = checkName('group', name, pos);
  if (child === 'all') throw new InputError('"all" cannot be a child group: every group is already in it', pos);
  ensureGroup(raw, child, pos);
  const edges = raw.groups.get(parent)!.children;
  if (!edges.some((e) => e.child === child)) edges.push({ child, pos });
}

function setGroupVar(raw: RawInventory, group: string, line: string, pos: SourcePos): void {
  const at = line.indexOf('=');
  if (at <= 0) throw new InputError(`expected key=value in [${group}:vars], got "${line}"`, pos);
  const key = line.slice(0, at).trim();
  // In a :vars section the value is a string: everything after "=", surrounding quotes removed.
  const value = unquote(line.slice(at + 1).trim());
  const g = raw.groups.get(group)!;
  g.vars[key] = value;
  g.varPos[key] = pos;
}

function readHostLine(raw: RawInventory, group: string, line: string, pos: SourcePos): void {
  const tokens = shellWords(line, pos);
  if (tokens.length === 0) return;
  const [first, ...rest] = tokens;
  const layer: RawVars = { vars: {}, varPos: {} };
  // host:port, as Ansible allows (not for IPv6 literals, which hold colons of their own).
  const hostPort = /^([^:[\]]+(?:\[[^\]]*\][^:]*)*):(\d+)$/.exec(first!);
  const hostPart = hostPort ? hostPort[1]! : first!;
  if (hostPort) {
    layer.vars.ansible_port = Number(hostPort[2]);
    layer.varPos.ansible_port = pos;
  }
  for (const token of rest) {
    const at = token.indexOf('=');
    if (at <= 0) throw new InputError(`expected key=value after host ${hostPart}, got "${token}"`, pos);
    const key = token.slice(0, at);
    layer.vars[key] = literal(token.slice(at + 1));
    layer.varPos[key] = pos;
  }
  const g = raw.groups.get(group) ?? ensureGroup(raw, group, pos);
  for (const name of hostNames(hostPart, pos)) addHost(raw, g, name, pos, layer);
}

/** shlex.split(comments=True), as Ansible's INI reader splits a host line. */
function shellWords(line: string, pos: SourcePos): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '#' && word === undefined) break;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new InputError(`unterminated ${c} quote`, { ...pos, col: pos.col + i });
      // Quotes are kept so that literal() can tell the string "1" from the number 1.
      word = (word ?? '') + line.slice(i, end + 1);
      i = end;
      continue;
    }
    word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

function stripComment(line: string): string {
  return line.replace(/\s[#;].*$/, '').trim();
}

function unquote(v: string): string {
  const m = /^(["'])(.*)\1$/.exec(v);
  return m ? m[2]! : v;
}

/** ast.literal_eval of an inline value, as Ansible does, else the text itself. */
function literal(v: string): unknown {
  if (/^(["']).*\1$/.test(v)) return v.slice(1, -1);
  // key="a b" arrives as key= followed by the quoted part.
  if (/^[^"']*(["']).*\1$/.test(v)) return v.replace(/["']/g, '');
  if (/^[+-]?\d+$/.test(v)) return Number(v);
  if (/^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v);
  if (v === 'True') return true;
  if (v === 'False') return false;
  if (v === 'None') return null;
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null'));
    } catch {
      return v;
    }
  }
  return v;
}

/** Whether text is an INI inventory rather than YAML: its first meaningful line is a [section] or a host line. */
export function looksLikeIni(text: string): boolean {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line === '---') return false;
    if (/^\[[^\]]+\]\s*$/.test(line)) return true;
    // A YAML inventory starts with a map key ("all:", "web:") or a flow map.
    return !/^[^\s#]+:(\s|$)/.test(line) && !line.startsWith('{');
  }
  return false;
}
