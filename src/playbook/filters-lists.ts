/**
 * List filters, after Jinja2's built-in filters (first, last, join, sort,
 * unique, min, max, sum, map, select, reject, selectattr, rejectattr,
 * reverse, list, length/count) and Ansible's (flatten, union, intersect,
 * difference, symmetric_difference, extract).
 */
import { Args, NONE, iterate, needList, type Calls, type FilterDef } from './filter-args.js';
import { TemplateError } from './template-error.js';
import { Undefined, attrPath, deepEqual, isRecord, ownMember, toText, typeName } from './template-values.js';

/** Python's ordering of two values, or an input error where Python has none (3 < 'a'). */
export function pyCompare(fn: string, a: unknown, b: unknown): number {
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined);
  const [x, y] = [num(a), num(b)];
  if (x !== undefined && y !== undefined) return x - y;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pyCompare(fn, a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new TemplateError(`${fn}: cannot compare ${typeName(a)} with ${typeName(b)}`);
}

/** The value a list item is sorted, compared or made unique by: an attribute, lowercased unless case-sensitive. */
function keyOf(fn: string, a: Args): (item: unknown) => unknown {
  const attribute = a.has('attribute') ? attributeArg(fn, a.raw('attribute')) : undefined;
  const caseSensitive = a.bool('case_sensitive', false);
  return (item) => {
    let v = item;
    if (attribute !== undefined) {
      const found = attrPath(item, attribute);
      if (!found.found) throw new TemplateError(`${fn}: no attribute "${attribute}" in ${toText(item)}`);
      v = found.value;
    }
    return !caseSensitive && typeof v === 'string' ? v.toLowerCase() : v;
  };
}

function attributeArg(fn: string, v: unknown): string | number {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v))) return v;
  throw new TemplateError(`${fn}: argument "attribute" must be a string, got ${typeName(v)}`);
}

/** First occurrence of each item (by key), in order. */
function uniqueBy(items: unknown[], key: (item: unknown) => unknown): unknown[] {
  const seen = new Set<string>();
  const seenDeep: unknown[] = [];
  const out: unknown[] = [];
  for (const item of items) {
    const k = key(item);
    if (k === null || typeof k !== 'object') {
      const id = `${typeof k}:${String(k)}`;
      if (seen.has(id)) continue;
      seen.add(id);
    } else {
      if (seenDeep.some((s) => deepEqual(s, k))) continue;
      seenDeep.push(k);
    }
    out.push(item);
  }
  return out;
}

function extreme(fn: string, sign: 1 | -1): FilterDef {
  return {
    params: ['case_sensitive', 'attribute'],
    required: 0,
    apply: (v, a) => {
      const items = iterate(fn, v);
      if (items.length === 0) throw new TemplateError(`${fn}: the list is empty`);
      const key = keyOf(fn, a);
      let best = items[0];
      let bestKey = key(best);
      for (const item of items.slice(1)) {
        const k = key(item);
        if (sign * pyCompare(fn, k, bestKey) < 0) [best, bestKey] = [item, k];
      }
      return best;
    },
  };
}

function endItem(fn: string, pick: (items: unknown[]) => unknown): FilterDef {
  return {
    ...NONE,
    apply: (v) => {
      const items = iterate(fn, v);
      if (items.length === 0) throw new TemplateError(`${fn}: the list is empty`);
      return pick(items);
    },
  };
}

function length(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (isRecord(v)) return Object.keys(v).length;
  throw new TemplateError(`length: expected a string, list or map, got ${typeName(v)}`);
}

/** select/reject (by the item) and selectattr/rejectattr (by an attribute of it). */
function selecting(fn: string, keep: boolean, byAttr: boolean): FilterDef {
  return {
    params: byAttr ? ['attr', 'test'] : ['test'],
    required: byAttr ? 1 : 0,
    rest: true,
    names: { index: byAttr ? 1 : 0, kind: 'test' },
    apply: (v, a, calls) => {
      const attr = byAttr ? attributeArg(fn, a.raw('attr')) : undefined;
      const test = a.has('test') ? a.string('test') : undefined;
      return needList(fn, v).filter((item) => {
        let subject: unknown = item;
        if (attr !== undefined) {
          const found = attrPath(item, attr);
          // Undefined reaches only the tests that take it (defined, undefined); others report it.
          subject = found.found ? found.value : new Undefined(`${attr}`);
        }
        const ok = test === undefined ? calls.test('truthy', subject, []) : calls.test(test, subject, a.rest);
        return ok === keep;
      });
    },
  };
}

function mapping(v: unknown, a: Args, calls: Calls): unknown[] {
  const items = iterate('map', v);
  if (a.has('attribute')) {
    const attribute = attributeArg('map', a.raw('attribute'));
    return items.map((item) => {
      const found = attrPath(item, attribute);
      if (found.found) return found.value;
      if (a.has('default')) return a.raw('default');
      throw new TemplateError(`map: no attribute "${attribute}" in ${toText(item)} (give map a default= for missing ones)`);
    });
  }
  if (!a.has('filter')) throw new TemplateError("map: needs a filter name (map('upper')) or an attribute (map(attribute='name'))");
  const name = a.string('filter');
  return items.map((item) => calls.filter(name, item, a.rest));
}

/** Ansible's flatten: nested lists spliced in (to `levels` deep), null items dropped unless skip_nulls=false. */
function flatten(items: unknown[], levels: number | undefined, skipNulls: boolean): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    if (skipNulls && (item === null || item === 'None' || item === 'null')) continue;
    if (Array.isArray(item) && (levels === undefined || levels >= 1)) out.push(...flatten(item, levels === undefined ? undefined : levels - 1, skipNulls));
    else out.push(item);
  }
  return out;
}

const has = (list: unknown[], x: unknown): boolean => list.some((y) => deepEqual(x, y));
/** Ansible's set filters on lists keep order and run Jinja's unique, which ignores case. */
const setUnique = (items: unknown[]): unknown[] => uniqueBy(items, (x) => (typeof x === 'string' ? x.toLowerCase() : x));

function setOp(fn: string, op: (a: unknown[], b: unknown[]) => unknown[]): FilterDef {
  return { params: ['other'], required: 1, apply: (v, a) => op(needList(fn, v), needList(fn, a.raw('other'))) };
}

export const LIST_FILTERS: Record<string, FilterDef> = {
  first: endItem('first', (items) => items[0]),
  last: endItem('last', (items) => items[items.length - 1]),
  length: { ...NONE, apply: length },
  count: { ...NONE, apply: length },
  list: { ...NONE, apply: (v) => [...iterate('list', v)] },
  reverse: {
    ...NONE,
    apply: (v) => (typeof v === 'string' ? [...v].reverse().join('') : [...iterate('reverse', v)].reverse()),
  },
  join: {
    params: ['d', 'attribute'],
    required: 0,
    apply: (v, a) => {
      const items = iterate('join', v);
      const attribute = a.has('attribute') ? attributeArg('join', a.raw('attribute')) : undefined;
      const picked = attribute === undefined ? items : items.map((i) => attrPath(i, attribute).value);
      return picked.map(toText).join(a.has('d') ? toText(a.raw('d')) : '');
    },
  },
  sort: {
    params: ['reverse', 'case_sensitive', 'attribute'],
    required: 0,
    apply: (v, a) => {
      const key = keyOf('sort', a);
      const sign = a.bool('reverse') ? -1 : 1;
      const keyed = iterate('sort', v).map((item) => ({ item, k: key(item) }));
      // Stable either way, as Python's sorted(reverse=True) is.
      return keyed.sort((x, y) => sign * pyCompare('sort', x.k, y.k)).map((e) => e.item);
    },
  },
  unique: {
    params: ['case_sensitive', 'attribute'],
    required: 0,
    apply: (v, a) => uniqueBy(iterate('unique', v), keyOf('unique', a)),
  },
  min: extreme('min', 1),
  max: extreme('max', -1),
  sum: {
    params: ['attribute', 'start'],
    required: 0,
    apply: (v, a) => {
      const items = iterate('sum', v);
      const attribute = a.has('attribute') ? attributeArg('sum', a.raw('attribute')) : undefined;
      const values = attribute === undefined ? items : items.map((i) => attrPath(i, attribute).value);
      const start = a.has('start') ? a.raw('start') : 0;
      // sum(start=[]) concatenates lists, as Python's sum does.
      if (Array.isArray(start)) return values.reduce<unknown[]>((acc, x) => acc.concat(needList('sum', x)), [...start]);
      return values.reduce<number>((acc, x) => {
        if (typeof x !== 'number') throw new TemplateError(`sum: cannot add ${typeName(x)} to a number`);
        return acc + x;
      }, typeof start === 'number' ? start : Number.NaN);
    },
  },
  map: {
    params: ['filter'],
    required: 0,
    rest: true,
    keywords: ['attribute', 'default'],
    names: { index: 0, kind: 'filter' },
    apply: mapping,
  },
  select: selecting('select', true, false),
  reject: selecting('reject', false, false),
  selectattr: selecting('selectattr', true, true),
  rejectattr: selecting('rejectattr', false, true),
  flatten: {
    params: ['levels', 'skip_nulls'],
    required: 0,
    apply: (v, a) => flatten(needList('flatten', v), a.has('levels') ? a.int('levels') : undefined, a.bool('skip_nulls', true)),
  },
  union: setOp('union', (x, y) => setUnique([...x, ...y])),
  intersect: setOp('intersect', (x, y) => setUnique(x.filter((i) => has(y, i)))),
  difference: setOp('difference', (x, y) => setUnique(x.filter((i) => !has(y, i)))),
  symmetric_difference: setOp('symmetric_difference', (x, y) => {
    const both = setUnique(x.filter((i) => has(y, i)));
    return setUnique([...x, ...y]).filter((i) => !has(both, i));
  }),
  extract: {
    params: ['container', 'morekeys'],
    required: 1,
    apply: (v, a) => {
      const more = a.raw('morekeys');
      const keys = [v, ...(more === undefined || more === null ? [] : Array.isArray(more) ? more : [more])];
      let cur = a.raw('container');
      for (const k of keys) {
        // One key each, never a dotted path: host names have dots.
        const step = typeof k === 'string' || typeof k === 'number' ? ownMember(cur, k) : { found: false };
        if (!step.found) throw new TemplateError(`extract: no ${JSON.stringify(k)} in ${typeName(cur)}`);
        cur = step.value;
      }
      return cur;
    },
  },
};
