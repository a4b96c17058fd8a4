/**
 * Map filters from Ansible's core filters: dict2items, items2dict and
 * combine (https://docs.ansible.com/ansible/latest/collections/ansible/builtin/combine_filter.html).
 */
import { needList, needMap, type FilterDef } from './filter-args.js';
import { TemplateError } from './template-error.js';
import { deepEqual, isRecord, ownMember, setKey, toText, typeName } from './template-values.js';

const LIST_MERGE = ['replace', 'keep', 'append', 'prepend', 'append_rp', 'prepend_rp'] as const;
type ListMerge = (typeof LIST_MERGE)[number];

/**
 * Ansible's merge_hash: `high` wins over `low`; maps inside are merged too
 * when recursive; lists follow list_merge. Keys keep `low`'s order, new ones
 * are added after.
 */
function mergeHash(low: Record<string, unknown>, high: Record<string, unknown>, recursive: boolean, listMerge: ListMerge): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(low)) setKey(out, k, v);
  for (const [k, hv] of Object.entries(high)) {
    if (!Object.hasOwn(out, k)) {
      setKey(out, k, hv);
      continue;
    }
    const lv = out[k];
    if (isRecord(lv) && isRecord(hv)) setKey(out, k, recursive ? mergeHash(lv, hv, recursive, listMerge) : hv);
    else if (Array.isArray(lv) && Array.isArray(hv)) setKey(out, k, mergeLists(lv, hv, listMerge));
    else setKey(out, k, hv);
  }
  return out;
}

function mergeLists(low: unknown[], high: unknown[], how: ListMerge): unknown[] {
  const notInHigh = (): unknown[] => low.filter((x) => !high.some((y) => deepEqual(x, y)));
  switch (how) {
    case 'replace':
      return high;
    case 'keep':
      return low;
    case 'append':
      return [...low, ...high];
    case 'prepend':
      return [...high, ...low];
    case 'append_rp':
      return [...notInHigh(), ...high];
    case 'prepend_rp':
      return [...high, ...notInHigh()];
  }
}

export const DICT_FILTERS: Record<string, FilterDef> = {
  dict2items: {
    params: ['key_name', 'value_name'],
    required: 0,
    apply: (v, a) => {
      const [kn, vn] = [a.string('key_name', 'key'), a.string('value_name', 'value')];
      return Object.entries(needMap('dict2items', v)).map(([key, value]) => {
        const item: Record<string, unknown> = {};
        setKey(item, kn, key);
        setKey(item, vn, value);
        return item;
      });
    },
  },
  items2dict: {
    params: ['key_name', 'value_name'],
    required: 0,
    apply: (v, a) => {
      const [kn, vn] = [a.string('key_name', 'key'), a.string('value_name', 'value')];
      const out: Record<string, unknown> = {};
      for (const item of needList('items2dict', v)) {
        const [k, val] = [ownMember(item, kn), ownMember(item, vn)];
        if (!isRecord(item) || !k.found || !val.found) {
          throw new TemplateError(`items2dict: each item needs the keys "${kn}" and "${vn}", got ${toText(item)}`);
        }
        if (typeof k.value !== 'string' && typeof k.value !== 'number') {
          throw new TemplateError(`items2dict: a key must be a string or number, got ${typeName(k.value)}`);
        }
        setKey(out, String(k.value), val.value);
      }
      return out;
    },
  },
  combine: {
    params: [],
    required: 0,
    rest: true,
    keywords: ['recursive', 'list_merge'],
    apply: (v, a) => {
      const listMerge = a.string('list_merge', 'replace');
      if (!(LIST_MERGE as readonly string[]).includes(listMerge)) {
        throw new TemplateError(`combine: list_merge must be one of ${LIST_MERGE.join(', ')}, got "${listMerge}"`);
      }
      // `[a, b] | combine` works too: the terms are flattened one level.
      const maps = [v, ...a.rest].flatMap((t) => (Array.isArray(t) ? t : [t])).map((m) => needMap('combine', m));
      if (maps.length === 0) return {};
      return maps.slice(1).reduce((low, high) => mergeHash(low, high, a.bool('recursive'), listMerge as ListMerge), maps[0]!);
    },
  },
};
