/**
 * pkg-query(8): `pkg [-j jail] query [-a|-e EVAL|-g|-x|-C|-i] FORMAT [pattern...]`
 * against the simulator's package database (SimState.packages and
 * SimState.packagesAutomatic). Follows freebsd/pkg:
 *  - src/query.c exec_query: getopt_long "+aCe:F:gix"; one operand means all
 *    packages (-e included); -a with patterns, or no format, is usage (exit 1);
 *    every failure is EXIT_FAILURE (1); a pattern query that prints nothing
 *    exits 1 with no output; no database at all warns "No packages installed"
 *    and exits 0 (EPKG_ENODB).
 *  - src/query.c analyse_query_string / format_str / print_query: the format
 *    keys and their errors ("Invalid query: ...", "Unknown query format key"),
 *    `\n \t \a \b \f \r \\` escapes, one line per package (per item for the
 *    multi-line keys %d %r %C), "%s\n" after each.
 *  - src/query.c format_sql_condition: the -e grammar (state machine and its
 *    messages, `&&` `||` brackets, `= == != < <= > >= ~ !~`), evaluated here
 *    with SQLite semantics (AND binds tighter than OR; GLOB is case-sensitive).
 *  - libpkg/pkgdb_query.c pkgdb_get_pattern_query / pkgdb_query_cond: exact
 *    patterns match name or name-version, case-insensitively (pkg.conf
 *    CASE_SENSITIVE_MATCH defaults to false; -C/-i change it); a pattern with
 *    '/' matches the origin; rows come ORDER BY p.name.
 * Not modelled: -F (package files), and keys whose data the simulator does not
 * keep (maintainer, www, sizes, times, files, options, shlibs, annotations...):
 * they fail with a "not supported by the simulator" message.
 */
import type { SimCommandContext, SimState } from '../../types.js';
import type { Io } from './io.js';
import type { PkgTarget } from './pkg-db.js';
import { CATALOGUE } from './pkg-catalogue.js';

/** What pkg.ts hands a subcommand: the database key and that system's root (pkg-db.ts). */
export type { PkgTarget } from './pkg-db.js';

/** Port origins of the catalogue's packages (the ports tree's category/name). */
const ORIGINS: Record<string, string> = {
  pkg: 'ports-mgmt/pkg',
  postfix: 'mail/postfix',
  nginx: 'www/nginx',
  sudo: 'security/sudo',
  bash: 'shells/bash',
  curl: 'ftp/curl',
  ca_root_nss: 'security/ca_root_nss',
  git: 'devel/git',
  vim: 'editors/vim',
  tmux: 'sysutils/tmux',
  python311: 'lang/python311',
  dovecot: 'mail/dovecot',
};

/** Set or clear pkg's automatic flag of an installed package (pkg install by name clears it). */
export function setAutomatic(state: SimState, key: string, name: string, automatic: boolean): void {
  const list = state.packagesAutomatic?.[key] ?? [];
  if (list.includes(name) === automatic) return;
  const next = automatic ? [...list, name].sort() : list.filter((n) => n !== name);
  state.packagesAutomatic ??= {};
  if (next.length) state.packagesAutomatic[key] = next;
  else delete state.packagesAutomatic[key];
  if (!Object.keys(state.packagesAutomatic).length) delete state.packagesAutomatic;
}

interface Row {
  name: string;
  version: string;
  origin: string;
  comment: string;
  automatic: number;
  prefix: string;
  arch: string;
  categories: string[];
}

function rowsOf(state: SimState, key: string, installed: Record<string, string>): Row[] {
  const major = /^(\d+)/.exec(state.release)?.[1] ?? '14';
  const arch = `FreeBSD:${major}:${state.sysctl['hw.machine_arch'] ?? 'amd64'}`;
  const auto = state.packagesAutomatic?.[key] ?? [];
  // ORDER BY p.name: SQLite's BINARY collation, i.e. byte order.
  return Object.keys(installed)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => {
      const origin = ORIGINS[name] ?? '';
      return {
        name,
        version: installed[name]!,
        origin,
        comment: CATALOGUE[name]?.comment ?? '',
        automatic: auto.includes(name) ? 1 : 0,
        prefix: '/usr/local',
        arch,
        categories: origin ? [origin.slice(0, origin.indexOf('/'))] : [],
      };
    });
}

/* ---- options: getopt_long(3) "+aCe:F:gix" ----
 * INFERRED: FreeBSD's lib/libc/stdlib/getopt_long.c is built GNU_COMPATIBLE
 * (the OpenBSD/NetBSD code FreeBSD syncs with), so without POSIXLY_CORRECT
 * its warnings read "invalid option -- z", "unrecognized option `--x'",
 * "option `--x' requires an argument" (the copy in the index is older).
 */

const LONGOPTS: Array<{ name: string; flag: string; arg: boolean }> = [
  { name: 'all', flag: 'a', arg: false },
  { name: 'case-sensitive', flag: 'C', arg: false },
  { name: 'evaluate', flag: 'e', arg: true },
  { name: 'file', flag: 'F', arg: true },
  { name: 'glob', flag: 'g', arg: false },
  { name: 'case-insensitive', flag: 'i', arg: false },
  { name: 'regex', flag: 'x', arg: false },
];
const SHORT = 'aCe:F:gix';

type Parsed = { opts: Array<{ flag: string; arg?: string }>; operands: string[] } | { error: string };

function getoptLong(args: string[]): Parsed {
  const opts: Array<{ flag: string; arg?: string }> = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break; // '+': stop at the first operand
    if (a.startsWith('--')) {
      const current = a.slice(2);
      const eq = current.indexOf('=');
      const name = eq < 0 ? current : current.slice(0, eq);
      const exact = LONGOPTS.find((o) => o.name === name);
      const partial = LONGOPTS.filter((o) => o.name.startsWith(name));
      // parse_long_options: partial matches are ambiguous only when they differ in what they do.
      const lo = exact ?? (partial.length && partial.every((o) => o.flag === partial[0]!.flag) ? partial[0] : undefined);
      if (!lo) return { error: partial.length ? `option \`--${name}' is ambiguous` : `unrecognized option \`--${current}'` };
      if (!lo.arg) {
        if (eq >= 0) return { error: `option \`--${name}' doesn't allow an argument` };
        opts.push({ flag: lo.flag });
        continue;
      }
      const value = eq >= 0 ? current.slice(eq + 1) : args[++i];
      if (value === undefined) return { error: `option \`--${current}' requires an argument` };
      opts.push({ flag: lo.flag, arg: value });
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const at = SHORT.indexOf(c);
      if (at < 0 || c === ':') return { error: `invalid option -- ${c}` };
      if (SHORT[at + 1] !== ':') {
        opts.push({ flag: c });
        continue;
      }
      const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
      if (value === undefined) return { error: `option requires an argument -- ${c}` };
      opts.push({ flag: c, arg: value });
      break;
    }
  }
  return { opts, operands: args.slice(i) };
}

const USAGE =
  'Usage: pkg query <query-format> <pkg-name>\n' +
  '       pkg query [-a] <query-format>\n' +
  '       pkg query -F <pkg-name> <query-format>\n' +
  '       pkg query -e <evaluation> <query-format>\n' +
  '       pkg query [-Cgix] <query-format> <pattern> <...>\n\n' +
  "For more information see 'pkg help query.'\n";

/* ---- the format string (analyse_query_string, format_str) ---- */

/** query.c accepted_query_flags: flag, the sub-keys it needs, whether it prints one line per item. */
const QUERY_FLAGS: Array<[string, string, boolean]> = [
  ['d', 'nov', true], ['r', 'nov', true], ['C', '', true], ['F', 'ps', true], ['O', 'kvdD', true],
  ['D', '', true], ['L', '', true], ['U', '', true], ['G', '', true], ['B', '', true], ['b', '', true],
  ['A', 'tv', true], ['?', 'drCFODLUGBbA', true], ['#', 'drCFODLUGBbA', true], ['s', 'hb', false],
  ['Q', '', false], ['n', '', false], ['v', '', false], ['o', '', false], ['p', '', false], ['m', '', false],
  ['c', '', false], ['e', '', false], ['w', '', false], ['l', '', false], ['q', '', false], ['a', '', false],
  ['k', '', false], ['M', '', false], ['t', '', false], ['R', '', false], ['V', '', false], ['X', '', false],
];

/** Keys the simulator can answer (deps and rdeps exist but are always empty: the catalogue has none). */
const SUPPORTED_KEYS = new Set(['n', 'v', 'o', 'c', 'a', 'k', 'p', 'q', 'V', 'C', 'dn', 'do', 'dv', 'rn', 'ro', 'rv', '?d', '#d', '?r', '#r', '?C', '#C']);

/** analyse_query_string: pkg's message, or the multi-line key ('' for none). */
function analyse(format: string): { multiline: string } | { error: string } {
  if (!format.includes('%')) return { error: 'Invalid query: query should contain a format string\n' };
  let multiline = '';
  let unsupported: string | undefined;
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    const c = format[++i] ?? '\0';
    const flag = QUERY_FLAGS.find(([f]) => f === c);
    if (!flag) return { error: `Unknown query format key: '%${c}'\n` };
    const [f, options, multi] = flag;
    let key = f;
    if (options) {
      const o = format[++i] ?? '\0';
      if (!options.includes(o)) {
        const list = [...options].map((x, k) => ` ${x}${k === options.length - 1 ? '\n' : ','}`).join('');
        return { error: `Invalid query: '%${f}' should be followed by:${list}` };
      }
      key += o;
    }
    if (multi) {
      if (multiline && multiline !== f) return { error: `Invalid query: '%${multiline}' and '%${f}' cannot be queried at the same time\n` };
      multiline = f;
    }
    if (!SUPPORTED_KEYS.has(key)) unsupported ??= key;
  }
  // pkg's own checks first: a format it rejects gets its message even if it also uses an unmodelled key.
  if (unsupported !== undefined) return { error: `pkg: query: format key '%${unsupported}' is not supported by the simulator\n` };
  return { multiline };
}

const ESCAPES: Record<string, string> = { n: '\n', a: '\x07', b: '\b', f: '\f', r: '\r', '\\': '\\', t: '\t' };

/** format_str for one package (and one item of a multi-line key). */
function formatRow(format: string, row: Row, item: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '\\') {
      const e = format[++i];
      if (e !== undefined) out += ESCAPES[e] ?? '';
      continue;
    }
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const c = format[++i];
    switch (c) {
      case 'n': out += row.name; break;
      case 'v': out += row.version; break;
      case 'o': out += row.origin; break;
      case 'c': out += row.comment; break;
      case 'p': out += row.prefix; break;
      case 'q': out += row.arch; break;
      case 'a': out += String(row.automatic); break;
      case 'k': case 'V': out += '0'; break;
      case 'C': out += item; break;
      case 'd': case 'r': i++; break; // dependencies: none in the simulator's catalogue
      case '?': case '#': {
        const sub = format[++i];
        const count = sub === 'C' ? row.categories.length : 0;
        out += String(c === '#' ? count : count > 0 ? 1 : 0);
        break;
      }
      case '%': out += '%'; break;
      default: break;
    }
  }
  return out;
}

/** print_query: one line per package, or per item of the multi-line key (none for deps). */
function printQuery(format: string, row: Row, multiline: string): string {
  if (multiline === 'd' || multiline === 'r') return '';
  if (multiline === 'C') return row.categories.map((c) => `${formatRow(format, row, c)}\n`).join('');
  return `${formatRow(format, row, '')}\n`;
}

/* ---- -e EVALUATION (format_sql_condition) ---- */

type Cmp = { field: string; op: string; value: string; int: boolean };
type Tok = { t: '(' } | { t: ')' } | { t: 'and' } | { t: 'or' } | { t: 'cmp'; cmp: Cmp };

const STRING_FIELDS = 'nopmcwqMe';
const INT_FIELDS = 'saktV';
const COUNT_SUBS = 'drCFODLUGBbA';
const SUPPORTED_FIELDS = new Set(['n', 'o', 'p', 'c', 'q', 'a', 'k', 'V', '#d', '?d', '#r', '?r', '#C', '?C']);
const isSpace = (c: string): boolean => c === ' ' || (c >= '\t' && c <= '\r');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

function parseCondition(str: string): { toks: Tok[] } | { error: string } {
  type State = 'NONE' | 'NEXT_IS_INT' | 'OPERATOR_INT' | 'INT' | 'NEXT_IS_STRING' | 'OPERATOR_STRING' | 'STRING' | 'QUOTEDSTRING' | 'SQUOTEDSTRING' | 'POST_EXPR';
  let state: State = 'NONE';
  let brackets = 0;
  const toks: Tok[] = [];
  let cur: Cmp = { field: '', op: '', value: '', int: false };
  const fail = (m: string) => ({ error: m });
  for (let i = 0; i < str.length; i++) {
    const c = str[i]!;
    const next = str[i + 1] ?? '\0';
    switch (state) {
      case 'NONE':
        if (c === '%') {
          const f = str[++i] ?? '\0';
          if (STRING_FIELDS.includes(f) || INT_FIELDS.includes(f)) {
            cur = { field: f, op: '', value: '', int: INT_FIELDS.includes(f) };
            state = cur.int ? 'OPERATOR_INT' : 'OPERATOR_STRING';
          } else if (f === '#' || f === '?') {
            const sub = str[++i] ?? '\0';
            if (!COUNT_SUBS.includes(sub)) return fail('malformed evaluation string\n');
            cur = { field: f + sub, op: '', value: '', int: true };
            state = 'OPERATOR_INT';
          } else {
            return fail('malformed evaluation string\n');
          }
        } else if (c === '(') {
          brackets++;
          toks.push({ t: '(' });
        } else if (c !== ' ' && c !== '\t') {
          return fail(`unexpected character: ${c}\n`);
        }
        break;
      case 'POST_EXPR':
        if (c === ')') {
          if (brackets === 0) return fail('too many closing brackets.\n');
          brackets--;
          toks.push({ t: ')' });
        } else if (c === '|' || c === '&') {
          if (next !== c) return fail(`unexpected character ${next}\n`);
          i++;
          state = 'NONE';
          toks.push({ t: c === '|' ? 'or' : 'and' });
        } else if (c !== ' ' && c !== '\t') {
          return fail(`unexpected character ${c}\n`);
        }
        break;
      case 'OPERATOR_STRING':
      case 'OPERATOR_INT': {
        const nextState: State = state === 'OPERATOR_STRING' ? 'NEXT_IS_STRING' : 'NEXT_IS_INT';
        if (isSpace(c)) break;
        if (c === '~') {
          if (state !== 'OPERATOR_STRING') return fail('~ expected only for string testing\n');
          cur.op = 'GLOB';
        } else if (c === '>' || c === '<') {
          if (state !== 'OPERATOR_INT') return fail('> expected only for integers\n');
          cur.op = c;
          if (next === '=') cur.op += str[++i];
        } else if (c === '=') {
          cur.op = '=';
          if (next === '=') i++;
        } else if (c === '!') {
          if (next === '=') cur.op = '!=';
          else if (next === '~') cur.op = 'NOT GLOB';
          else return fail('expecting = or ~ after !\n');
          i++;
        } else {
          return fail(`an operator is expected, got ${c}\n`);
        }
        state = nextState;
        break;
      }
      case 'NEXT_IS_STRING':
      case 'NEXT_IS_INT':
        if (isSpace(c)) break;
        if (state === 'NEXT_IS_STRING') {
          if (c === '"') state = 'QUOTEDSTRING';
          else if (c === "'") state = 'SQUOTEDSTRING';
          else {
            state = 'STRING';
            i--;
          }
        } else {
          if (!isDigit(c)) return fail(`a number is expected, got: ${c}\n`);
          state = 'INT';
          cur.value = c;
        }
        break;
      case 'INT':
        if (!isDigit(c)) {
          toks.push({ t: 'cmp', cmp: cur });
          state = 'POST_EXPR';
          i--;
        } else {
          cur.value += c;
        }
        break;
      default: // STRING, QUOTEDSTRING, SQUOTEDSTRING
        if ((state === 'STRING' && isSpace(c)) || (state === 'QUOTEDSTRING' && c === '"') || (state === 'SQUOTEDSTRING' && c === "'")) {
          toks.push({ t: 'cmp', cmp: cur });
          state = 'POST_EXPR';
        } else {
          cur.value += c;
        }
    }
  }
  if (state === 'STRING' || state === 'INT') {
    toks.push({ t: 'cmp', cmp: cur });
    state = 'POST_EXPR';
  }
  if (state !== 'POST_EXPR') return fail('unexpected end of expression\n');
  if (brackets > 0) return fail('unexpected end of expression (too many open brackets)\n');
  for (const tok of toks) {
    if (tok.t === 'cmp' && !SUPPORTED_FIELDS.has(tok.cmp.field)) {
      return fail(`pkg: query: evaluation field '%${tok.cmp.field}' is not supported by the simulator\n`);
    }
  }
  return { toks };
}

/** SQLite GLOB: * ? [...] [^...], case-sensitive, whole string. */
function globRegExp(glob: string, flags = ''): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const neg = body.startsWith('^');
      if (neg) body = body.slice(1);
      re += `[${neg ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, `s${flags}`);
}

function fieldValue(row: Row, field: string): string | number {
  switch (field) {
    case 'n': return row.name;
    case 'o': return row.origin;
    case 'p': return row.prefix;
    case 'c': return row.comment;
    case 'q': return row.arch;
    case 'a': return row.automatic;
    case '#C': return row.categories.length;
    case '?C': return row.categories.length > 0 ? 1 : 0;
    default: return 0; // k, V, #d ?d #r ?r
  }
}

function compare(row: Row, cmp: Cmp): boolean {
  const v = fieldValue(row, cmp.field);
  if (cmp.op === 'GLOB' || cmp.op === 'NOT GLOB') return globRegExp(cmp.value).test(String(v)) === (cmp.op === 'GLOB');
  if (typeof v === 'number') {
    const n = Number(cmp.value);
    switch (cmp.op) {
      case '=': return v === n;
      case '!=': return v !== n;
      case '<': return v < n;
      case '<=': return v <= n;
      case '>': return v > n;
      default: return v >= n;
    }
  }
  return cmp.op === '=' ? v === cmp.value : v !== cmp.value;
}

/** The WHERE clause: OR of ANDs of terms, a term a comparison or a bracketed clause. */
function evaluate(toks: Tok[], row: Row): boolean {
  let pos = 0;
  const term = (): boolean => {
    const tok = toks[pos++]!;
    if (tok.t === '(') {
      const v = or();
      pos++; // ')'
      return v;
    }
    return tok.t === 'cmp' && compare(row, tok.cmp);
  };
  const and = (): boolean => {
    let v = term();
    while (toks[pos]?.t === 'and') {
      pos++;
      v = term() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (toks[pos]?.t === 'or') {
      pos++;
      v = and() || v;
    }
    return v;
  };
  return toks.length === 0 || or();
}

/* ---- patterns (pkgdb_get_pattern_query) ---- */

type Match = 'exact' | 'glob' | 'regex';

function matches(row: Row, pattern: string, match: Match, caseSensitive: boolean): boolean {
  const slash = pattern.includes('/');
  if (slash && pattern.slice(pattern.indexOf('/')).includes('@')) return false; // flavors: none recorded
  const subjects = slash ? [row.origin] : [row.name, `${row.name}-${row.version}`];
  if (match === 'glob') return subjects.some((s) => globRegExp(pattern).test(s));
  if (match === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(pattern, caseSensitive ? 's' : 'is');
    } catch {
      return false;
    }
    return subjects.some((s) => re.test(s));
  }
  const eq = caseSensitive ? (s: string) => s === pattern : (s: string) => s.toLowerCase() === pattern.toLowerCase();
  return subjects.some(eq);
}

/** `pkg query ...`: returns the exit status, output written to io. */
export function query(ctx: SimCommandContext, t: PkgTarget, args: string[], io: Io): number {
  const parsed = getoptLong(args);
  if ('error' in parsed) {
    io.warn('pkg', parsed.error);
    io.err += USAGE;
    return 1;
  }
  let match: Match | 'all' = 'exact';
  let condition: string | undefined;
  let file: string | undefined;
  let caseSensitive = false;
  for (const o of parsed.opts) {
    if (o.flag === 'a') match = 'all';
    else if (o.flag === 'C') caseSensitive = true;
    else if (o.flag === 'i') caseSensitive = false;
    else if (o.flag === 'e') condition = o.arg;
    else if (o.flag === 'F') file = o.arg;
    else if (o.flag === 'g') match = 'glob';
    else if (o.flag === 'x') match = 'regex';
  }
  const argv = parsed.operands;
  if (argv.length === 0) {
    io.err += USAGE;
    return 1;
  }
  if (argv.length === 1 && file === undefined && match === 'exact') match = 'all';
  else if ((argv.length === 1) !== (match === 'all') && file === undefined && condition === undefined) {
    io.err += USAGE;
    return 1;
  }
  const format = argv[0]!;
  const analysed = analyse(format);
  if ('error' in analysed) {
    io.err += analysed.error;
    return 1;
  }
  if (file !== undefined) {
    io.warn('pkg', 'query -F: reading package files is not supported by the simulator');
    return 1;
  }
  let toks: Tok[] = [];
  if (condition !== undefined) {
    const cond = parseCondition(condition);
    if ('error' in cond) {
      io.err += cond.error;
      return 1;
    }
    toks = cond.toks;
  }
  const installed = ctx.host.state.packages[t.key];
  if (installed === undefined) {
    // pkgdb_access: no local.sqlite (nothing was ever installed there).
    io.warn('pkg', 'No packages installed');
    return 0;
  }
  const rows = rowsOf(ctx.host.state, t.key, installed).filter((r) => evaluate(toks, r));
  if (match === 'all') {
    for (const r of rows) io.print(printQuery(format, r, analysed.multiline));
    return 0;
  }
  if (argv.length === 1) return 1; // -g/-x with -e and no pattern: pkgdb_query_cond gets no pattern and fails
  let printed = 0;
  for (const pattern of argv.slice(1)) {
    for (const r of rows) {
      if (!matches(r, pattern, match, caseSensitive)) continue;
      printed++;
      io.print(printQuery(format, r, analysed.multiline));
    }
  }
  return printed === 0 ? 1 : 0;
}
