/**
 * A checker for the Prometheus text exposition format 0.0.4, written from
 * the spec (prometheus/docs, content/docs/instrumenting/exposition_formats.md,
 * "Text format details"), for machines without `promtool check metrics`:
 *
 * - lines end in \n, the last one too; empty lines are ignored; tokens are
 *   separated by blanks or tabs, leading and trailing whitespace is ignored;
 * - `# HELP name docstring` (only \\ and \n escapes) and `# TYPE name type`
 *   (exactly two tokens; counter|gauge|histogram|summary|untyped), at most
 *   one of each per name, TYPE before the name's first sample; other `#`
 *   lines are comments;
 * - samples: `name{label="value",...} value [timestamp]`, names
 *   [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]* (`__` is
 *   reserved), label values escaping \\ \" \n, a trailing comma allowed;
 *   values as Go's ParseFloat (NaN, +Inf, -Inf), timestamps int64;
 * - all lines of a metric family form one uninterrupted group, HELP/TYPE
 *   first; each name+labels combination appears once;
 * - histograms: x_bucket{le=...} in increasing le, cumulative, ending in
 *   le="+Inf" equal to x_count, plus x_sum; summaries: quantile, x_sum, x_count.
 *
 * Plus promtool's lint rules that apply here: every family has HELP, counter
 * names end in _total.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES: readonly string[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
// Go's strconv.ParseFloat accepts decimal and hex floats, and Inf/NaN in any case with an optional sign.
const FLOAT = /^[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|0[xX][0-9a-fA-F]*(\.[0-9a-fA-F]*)?[pP][+-]?\d+|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$/;
const INT64 = /^[+-]?\d{1,19}$/;

export class FormatError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

function parseFloatGo(token: string, line: number): number {
  if (!FLOAT.test(token)) throw new FormatError(line, `bad value "${token}"`);
  const t = token.toLowerCase().replace(/^\+/, '');
  if (t === 'nan' || t === '-nan') return NaN;
  if (/^-?inf(inity)?$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(token);
}

function unescapeHelp(text: string, line: number): string {
  return text.replace(/\\(.?)/g, (_m, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    throw new FormatError(line, `bad escape "\\${c}" in HELP`);
  });
}

/** Reads `{a="b",c="d"}` starting at `pos` (on the "{"); returns the labels and the index after "}". */
function readLabels(text: string, pos: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = pos + 1;
  const skipBlanks = (): void => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  for (;;) {
    skipBlanks();
    if (text[i] === '}') return { labels, end: i + 1 };
    const nameStart = i;
    while (i < text.length && /[a-zA-Z0-9_]/.test(text[i]!)) i++;
    const name = text.slice(nameStart, i);
    if (!LABEL_NAME.test(name)) throw new FormatError(line, `bad label name "${name}"`);
    if (name.startsWith('__')) throw new FormatError(line, `label name "${name}" is reserved`);
    if (name in labels) throw new FormatError(line, `label "${name}" twice`);
    skipBlanks();
    if (text[i] !== '=') throw new FormatError(line, `expected "=" after label ${name}`);
    i++;
    skipBlanks();
    if (text[i] !== '"') throw new FormatError(line, `expected a quoted value for label ${name}`);
    i++;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new FormatError(line, `unterminated value for label ${name}`);
      if (c === '"') break;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === '\\') value += '\\';
        else if (e === '"') value += '"';
        else if (e === 'n') value += '\n';
        else throw new FormatError(line, `bad escape "\\${e ?? ''}" in label ${name}`);
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++;
    labels[name] = value;
    skipBlanks();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '}') return { labels, end: i + 1 };
    throw new FormatError(line, `expected "," or "}" after label ${name}`);
  }
}

function parseSample(text: string, line: number): Sample {
  const nameMatch = /^[^\s{]+/.exec(text);
  const name = nameMatch?.[0] ?? '';
  if (!METRIC_NAME.test(name)) throw new FormatError(line, `bad metric name "${name}"`);
  let rest = text.slice(name.length);
  let labels: Record<string, string> = {};
  const trimmed = rest.replace(/^[ \t]+/, '');
  if (trimmed.startsWith('{')) {
    const parsed = readLabels(trimmed, 0, line);
    labels = parsed.labels;
    rest = trimmed.slice(parsed.end);
  }
  if (!/^[ \t]/.test(rest)) throw new FormatError(line, 'expected blanks before the value');
  const tokens = rest.trim().split(/[ \t]+/);
  if (tokens.length < 1 || tokens.length > 2) throw new FormatError(line, `expected "value [timestamp]", got "${rest.trim()}"`);
  const value = parseFloatGo(tokens[0]!, line);
  if (tokens[1] === undefined) return { name, labels, value };
  if (!INT64.test(tokens[1])) throw new FormatError(line, `bad timestamp "${tokens[1]}"`);
  return { name, labels, value, timestamp: Number(tokens[1]) };
}

/** The family a sample belongs to, given the TYPE lines seen so far. */
function familyOf(sample: string, types: Map<string, MetricType>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sample.endsWith(suffix)) continue;
    const base = sample.slice(0, -suffix.length);
    const t = types.get(base);
    if (t === 'histogram' || (t === 'summary' && suffix !== '_bucket')) return base;
  }
  return sample;
}

const seriesKey = (s: Sample): string =>
  `${s.name}{${Object.keys(s.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(s.labels[k])}`)
    .join(',')}}`;

function checkHistogram(f: Family): void {
  const groups = new Map<string, Sample[]>();
  const key = (s: Sample): string => seriesKey({ ...s, name: '', labels: Object.fromEntries(Object.entries(s.labels).filter(([k]) => k !== 'le')) });
  for (const s of f.samples) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
  for (const [labels, samples] of groups) {
    const buckets = samples.filter((s) => s.name === `${f.name}_bucket`);
    const count = samples.find((s) => s.name === `${f.name}_count`);
    const sum = samples.find((s) => s.name === `${f.name}_sum`);
    if (!count || !sum) throw new Error(`histogram ${f.name}${labels}: missing _count or _sum`);
    const bounds = buckets.map((b) => {
      if (b.labels.le === undefined) throw new Error(`histogram ${f.name}: bucket without le`);
      return parseFloatGo(b.labels.le, 0);
    });
    if (bounds.at(-1) !== Infinity) throw new Error(`histogram ${f.name}${labels}: no le="+Inf" bucket last`);
    for (let i = 1; i < bounds.length; i++) {
      if (!(bounds[i]! > bounds[i - 1]!)) throw new Error(`histogram ${f.name}: le not increasing`);
      if (buckets[i]!.value < buckets[i - 1]!.value) throw new Error(`histogram ${f.name}: buckets not cumulative`);
    }
    if (buckets.at(-1)!.value !== count.value) throw new Error(`histogram ${f.name}: +Inf bucket ${buckets.at(-1)!.value} != _count ${count.value}`);
  }
}

/** Parses and checks; throws FormatError/Error on the first violation. */
export function parseExposition(text: string, opts: { lint?: boolean } = {}): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the last line must end with a line feed');
  if (text.includes('\r')) throw new Error('line endings must be \\n');
  const families = new Map<string, Family>();
  const types = new Map<string, MetricType>();
  const helps = new Set<string>();
  const finished = new Set<string>();
  const series = new Set<string>();
  let current: string | undefined;

  const enter = (name: string, line: number): Family => {
    if (current !== name) {
      if (finished.has(name)) throw new FormatError(line, `metric family ${name} is not one uninterrupted group`);
      if (current !== undefined) finished.add(current);
      current = name;
    }
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', samples: [] };
      families.set(name, f);
    }
    return f;
  };

  const lines = text.slice(0, -1).split('\n');
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    const t = raw.trim();
    if (t === '') return;
    if (t.startsWith('#')) {
      const tokens = t.slice(1).trim().split(/[ \t]+/);
      if (tokens[0] === 'HELP') {
        const name = tokens[1];
        if (!name || !METRIC_NAME.test(name)) throw new FormatError(line, `HELP with bad metric name "${name ?? ''}"`);
        if (helps.has(name)) throw new FormatError(line, `second HELP for ${name}`);
        helps.add(name);
        const doc = t.slice(1).trim().slice('HELP'.length).trim().slice(name.length).replace(/^[ \t]+/, '');
        enter(name, line).help = unescapeHelp(doc, line);
        return;
      }
      if (tokens[0] === 'TYPE') {
        if (tokens.length !== 3) throw new FormatError(line, 'TYPE needs exactly a metric name and a type');
        const [, name, type] = tokens as [string, string, string];
        if (!METRIC_NAME.test(name)) throw new FormatError(line, `TYPE with bad metric name "${name}"`);
        if (!TYPES.includes(type)) throw new FormatError(line, `unknown type "${type}"`);
        if (types.has(name)) throw new FormatError(line, `second TYPE for ${name}`);
        const f = enter(name, line);
        if (f.samples.length > 0) throw new FormatError(line, `TYPE for ${name} after its first sample`);
        types.set(name, type as MetricType);
        f.type = type as MetricType;
        return;
      }
      return;
    }
    const sample = parseSample(t, line);
    const family = familyOf(sample.name, types);
    const f = enter(family, line);
    const key = seriesKey(sample);
    if (series.has(key)) throw new FormatError(line, `duplicate series ${key}`);
    series.add(key);
    if (f.type === 'counter' && !(sample.value >= 0)) throw new FormatError(line, `counter ${sample.name} is ${sample.value}`);
    f.samples.push(sample);
  });

  for (const f of families.values()) {
    if (f.type === 'histogram') checkHistogram(f);
    if (!opts.lint) continue;
    if (f.help === undefined || f.help === '') throw new Error(`lint: ${f.name} has no HELP`);
    if (f.type === 'counter' && !f.name.endsWith('_total')) throw new Error(`lint: counter ${f.name} should end in _total`);
  }
  return families;
}

/** The value of one series, for assertions. */
export function valueOf(families: Map<string, Family>, family: string, sampleName: string, labels: Record<string, string> = {}): number | undefined {
  const want = seriesKey({ name: sampleName, labels, value: 0 });
  return families.get(family)?.samples.find((s) => seriesKey(s) === want)?.value;
}
