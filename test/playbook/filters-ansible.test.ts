/**
 * Filters as Jinja2 and Ansible document them. Expected values are written
 * from the documentation, not from this implementation:
 *   Jinja2 built-in filters: https://jinja.palletsprojects.com/en/stable/templates/#builtin-filters
 *   Ansible filters: https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_filters.html
 *   and each filter's page under https://docs.ansible.com/ansible/latest/collections/ansible/builtin/
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { TemplateError, render } from '../../src/playbook/template.js';

const vars = {
  users: [
    { name: 'bob', uid: 1002, shell: '/bin/sh', admin: false },
    { name: 'alice', uid: 1001, shell: '/bin/csh', admin: true },
    { name: 'Carol', uid: 1003, admin: true },
  ],
  nums: [3, 1, 2],
  words: ['b', 'A', 'a', 'c', 'B'],
  jails: { www: '10.0.0.2', db: '10.0.0.3' },
  path: '/usr/local/etc/nginx.conf',
  csv: 'a,b,,c',
  nothing: null,
  flag: true,
};

const r = (template: string): unknown => render(template, vars);
const fail = (template: string): string => {
  try {
    render(template, vars);
  } catch (err) {
    if (err instanceof TemplateError) return err.message;
    throw err;
  }
  throw new Error('expected a TemplateError');
};

describe('list filters (Jinja2)', () => {
  it('first and last', () => {
    expect(r('{{ nums | first }}')).toBe(3);
    expect(r('{{ nums | last }}')).toBe(2);
    expect(r("{{ 'abc' | first }}")).toBe('a');
    expect(fail('{{ [] | first }}')).toBe('first: the list is empty');
  });

  it('sort is case-insensitive by default and stable; reverse and attribute as keywords', () => {
    // Jinja2 sort(value, reverse=False, case_sensitive=False, attribute=None).
    expect(r('{{ words | sort }}')).toEqual(['A', 'a', 'b', 'B', 'c']);
    expect(r('{{ words | sort(case_sensitive=true) }}')).toEqual(['A', 'B', 'a', 'b', 'c']);
    expect(r('{{ nums | sort(reverse=true) }}')).toEqual([3, 2, 1]);
    expect(r('{{ nums | sort(true) }}')).toEqual([3, 2, 1]);
    expect(r("{{ users | sort(attribute='name') | map(attribute='name') | list }}")).toEqual(['alice', 'bob', 'Carol']);
    expect(r("{{ users | sort(attribute='uid', reverse=true) | map(attribute='uid') | list }}")).toEqual([1003, 1002, 1001]);
    expect(fail("{{ [1, 'a'] | sort }}")).toBe('sort: cannot compare string with number');
  });

  it('unique keeps the first of each, ignoring case unless asked', () => {
    // Ansible's example: [1, 2, 5, 1, 3, 4, 10] | unique => [1, 2, 5, 3, 4, 10].
    expect(r('{{ [1, 2, 5, 1, 3, 4, 10] | unique }}')).toEqual([1, 2, 5, 3, 4, 10]);
    // case_sensitive defaults to false: "CA", "NY", "ca" gives "CA", "NY".
    expect(r("{{ ['CA', 'NY', 'ca'] | unique }}")).toEqual(['CA', 'NY']);
    expect(r("{{ ['CA', 'NY', 'ca'] | unique(case_sensitive=true) }}")).toEqual(['CA', 'NY', 'ca']);
    expect(r("{{ users | unique(attribute='admin') | map(attribute='name') | list }}")).toEqual(['bob', 'alice']);
  });

  it('min, max and sum', () => {
    expect(r('{{ nums | min }}')).toBe(1);
    expect(r('{{ nums | max }}')).toBe(3);
    expect(r("{{ users | max(attribute='uid') }}")).toEqual(vars.users[2]);
    expect(r("{{ ['b', 'A'] | min }}")).toBe('A');
    expect(r('{{ nums | sum }}')).toBe(6);
    expect(r('{{ nums | sum(start=10) }}')).toBe(16);
    expect(r("{{ users | sum(attribute='uid') }}")).toBe(3006);
    expect(r('{{ [[1], [2, 3]] | sum(start=[]) }}')).toEqual([1, 2, 3]);
    expect(fail('{{ [] | max }}')).toBe('max: the list is empty');
  });

  it('map runs a filter on each item, or takes an attribute', () => {
    expect(r("{{ words | map('upper') | list }}")).toEqual(['B', 'A', 'A', 'C', 'B']);
    expect(r("{{ ['a-b', 'c-d'] | map('replace', '-', '_') | list }}")).toEqual(['a_b', 'c_d']);
    expect(r("{{ users | map(attribute='name') | join(', ') }}")).toBe('bob, alice, Carol');
    expect(r("{{ users | map(attribute='shell', default='/bin/sh') | list }}")).toEqual(['/bin/sh', '/bin/csh', '/bin/sh']);
    expect(fail("{{ users | map(attribute='shell') | list }}")).toMatch(/^map: no attribute "shell" in /);
  });

  it('select and reject with a test; truthiness without one', () => {
    expect(r('{{ [0, 1, 2, none, false, "x"] | select }}')).toEqual([1, 2, 'x']);
    expect(r('{{ [1, 2, 3, 4] | select("odd") | list }}')).toEqual([1, 3]);
    expect(r("{{ [1, 2, 3] | reject('equalto', 2) | list }}")).toEqual([1, 3]);
    expect(r("{{ ['web1', 'db1', 'web2'] | select('match', 'web') | list }}")).toEqual(['web1', 'web2']);
    expect(r("{{ ['xweb', 'db'] | select('search', 'web') | list }}")).toEqual(['xweb']);
    expect(r("{{ ['xweb', 'db'] | select('match', 'web') | list }}")).toEqual([]);
    expect(r("{{ [1, 'a', 2.5] | select('number') | list }}")).toEqual([1, 2.5]);
    expect(r("{{ [1, 'a'] | select('string') | list }}")).toEqual(['a']);
    expect(r("{{ [1, 2, 3] | select('in', [2, 3, 9]) | list }}")).toEqual([2, 3]);
    expect(r("{{ [1, 2, 3] | select('defined') | list }}")).toEqual([1, 2, 3]);
    expect(r("{{ ['', 'a'] | select('truthy') | list }}")).toEqual(['a']);
  });

  it('selectattr and rejectattr test an attribute of each item', () => {
    expect(r("{{ users | selectattr('admin') | map(attribute='name') | list }}")).toEqual(['alice', 'Carol']);
    expect(r("{{ users | rejectattr('admin') | map(attribute='name') | list }}")).toEqual(['bob']);
    expect(r("{{ users | selectattr('uid', '>', 1001) | map(attribute='name') | list }}")).toEqual(['bob', 'Carol']);
    expect(r("{{ users | selectattr('shell', 'defined') | map(attribute='name') | list }}")).toEqual(['bob', 'alice']);
    expect(r("{{ users | selectattr('name', 'equalto', 'alice') | map(attribute='uid') | first }}")).toBe(1001);
  });

  it('length/count, list, reverse, join(attribute=), flatten and the set filters', () => {
    expect(r('{{ jails | count }}')).toBe(2);
    expect(r("{{ 'ab' | list }}")).toEqual(['a', 'b']);
    expect(r('{{ jails | list }}')).toEqual(['www', 'db']);
    expect(r('{{ nums | reverse | list }}')).toEqual([2, 1, 3]);
    expect(r("{{ users | join(',', attribute='uid') }}")).toBe('1002,1001,1003');
    // Ansible's flatten: nested lists spliced in, nulls dropped; levels=1 only one level.
    expect(r('{{ [1, [2, [3, none]], none] | flatten }}')).toEqual([1, 2, 3]);
    expect(r('{{ [1, [2, [3]]] | flatten(levels=1) }}')).toEqual([1, 2, [3]]);
    expect(r('{{ [1, 2, 2, 3] | union([3, 4]) }}')).toEqual([1, 2, 3, 4]);
    expect(r('{{ [1, 2, 3] | intersect([2, 3, 4]) }}')).toEqual([2, 3]);
    expect(r('{{ [1, 2, 3] | difference([2]) }}')).toEqual([1, 3]);
    expect(r('{{ [1, 2] | symmetric_difference([2, 3]) }}')).toEqual([1, 3]);
  });
});

describe('text filters', () => {
  it('replace (all, or a count), capitalize, title', () => {
    expect(r("{{ 'Hello World' | replace('Hello', 'Goodbye') }}")).toBe('Goodbye World');
    // Jinja2's example: "aaaaargh" | replace("a", "d'oh, ", 2) => "d'oh, d'oh, aaargh".
    expect(r(`{{ "aaaaargh" | replace("a", "d'oh, ", 2) }}`)).toBe("d'oh, d'oh, aaargh");
    expect(r("{{ 'hELLO wORLD' | capitalize }}")).toBe('Hello world');
    expect(r("{{ 'hello wORLD-wide' | title }}")).toBe('Hello World-Wide');
  });

  it('split is Python str.split: whitespace runs without a separator', () => {
    // Ansible's examples: 'jojo is a' | split => ['jojo', 'is', 'a']; 'jojo is, a' | split(',') => ['jojo is', ' a'].
    expect(r("{{ 'jojo is a' | split }}")).toEqual(['jojo', 'is', 'a']);
    expect(r("{{ 'jojo is, a' | split(',') }}")).toEqual(['jojo is', ' a']);
    expect(r("{{ '  a \t b  ' | split }}")).toEqual(['a', 'b']);
    expect(r('{{ csv | split(",") }}')).toEqual(['a', 'b', '', 'c']);
    expect(r("{{ 'k=v=w' | split('=', 1) }}")).toEqual(['k', 'v=w']);
    expect(fail("{{ 'x' | split('') }}")).toBe('split: empty separator');
  });

  it('basename and dirname as Python os.path', () => {
    expect(r('{{ path | basename }}')).toBe('nginx.conf');
    expect(r('{{ path | dirname }}')).toBe('/usr/local/etc');
    expect(r("{{ '/etc/rc.d/' | basename }}")).toBe('');
    expect(r("{{ '/etc/rc.d/' | dirname }}")).toBe('/etc/rc.d');
    expect(r("{{ '/etc' | dirname }}")).toBe('/');
  });

  it('b64encode and b64decode (UTF-8)', () => {
    expect(r("{{ 'jailfleet' | b64encode }}")).toBe('amFpbGZsZWV0');
    expect(r("{{ 'amFpbGZsZWV0' | b64decode }}")).toBe('jailfleet');
    expect(r("{{ 'é' | b64encode }}")).toBe('w6k=');
  });

  it('regex_replace with Python groups: \\1, \\g<name>, (?P<name>)', () => {
    // Ansible's examples: 'ansible' | regex_replace('^a.*i(.*)$', 'a\\1') => 'able';
    // 'foobar' | regex_replace('^f.*o(.*)$', '\\1') => 'bar'.
    expect(r("{{ 'ansible' | regex_replace('^a.*i(.*)$', 'a\\\\1') }}")).toBe('able');
    expect(r("{{ 'foobar' | regex_replace('^f.*o(.*)$', '\\\\1') }}")).toBe('bar');
    // 'localhost:80' | regex_replace('^(?P<host>.+):(?P<port>\\d+)$', '\\g<host>, \\g<port>') => 'localhost, 80'.
    expect(r("{{ 'localhost:80' | regex_replace('^(?P<host>.+):(?P<port>\\\\d+)$', '\\\\g<host>, \\\\g<port>') }}")).toBe('localhost, 80');
    expect(r("{{ 'a.b.c' | regex_replace('\\\\.', '/') }}")).toBe('a/b/c');
    expect(r("{{ 'aaa' | regex_replace('a', 'b', count=2) }}")).toBe('bba');
    expect(r("{{ 'ABC' | regex_replace('b', 'x', ignorecase=true) }}")).toBe('AxC');
    // A $ in the replacement is a $, not a JavaScript group reference.
    expect(r("{{ 'price' | regex_replace('price', '$1') }}")).toBe('$1');
    expect(fail("{{ 'x' | regex_replace('(', '') }}")).toMatch(/^regex_replace: invalid regular expression "\(": /);
  });

  it('regex_search gives the match, groups when asked, or none', () => {
    expect(r("{{ 'server1/database42' | regex_search('database[0-9]+') }}")).toBe('database42');
    expect(r("{{ 'ansible' | regex_search('foobar') }}")).toBe(null);
    // Ansible's example: regex_search('(?i)database') is case-insensitive.
    expect(r("{{ 'DATABASE' | regex_search('(?i)database') }}")).toBe('DATABASE');
    expect(r("{{ 'server1/database42' | regex_search('server([0-9]+)/database([0-9]+)', '\\\\1', '\\\\2') }}")).toEqual(['1', '42']);
    expect(r("{{ 'a=1' | regex_search('(?P<k>\\\\w)=(?P<v>\\\\d)', '\\\\g<v>') }}")).toEqual(['1']);
    expect(r("{{ 'x1 y22' | regex_findall('\\\\d+') }}")).toEqual(['1', '22']);
  });
});

describe('map filters and data formats', () => {
  it('dict2items and items2dict, with custom key names', () => {
    expect(r('{{ jails | dict2items }}')).toEqual([
      { key: 'www', value: '10.0.0.2' },
      { key: 'db', value: '10.0.0.3' },
    ]);
    expect(r("{{ {'a': 1} | dict2items(key_name='k', value_name='v') }}")).toEqual([{ k: 'a', v: 1 }]);
    expect(r("{{ [{'key': 'a', 'value': 1}, {'key': 'b', 'value': 2}] | items2dict }}")).toEqual({ a: 1, b: 2 });
    expect(r("{{ [{'n': 'a', 'ip': 1}] | items2dict(key_name='n', value_name='ip') }}")).toEqual({ a: 1 });
    expect(fail('{{ [1] | items2dict }}')).toBe('items2dict: each item needs the keys "key" and "value", got 1');
  });

  it('combine: later maps win; recursive merges nested maps; list_merge', () => {
    // Ansible's examples: {'a':1, 'b':2} | combine({'b':3, 'c':4}) => {'a':1, 'b':3, 'c':4}.
    expect(r("{{ {'a': 1, 'b': 2} | combine({'b': 3, 'c': 4}) }}")).toEqual({ a: 1, b: 3, c: 4 });
    const nested = "{'a': {'x': 'default', 'y': 'default'}, 'b': 'default', 'c': 'default'}";
    const patch = "{'a': {'y': 'patch', 'z': 'patch'}, 'b': 'patch'}";
    // recursive=true: {'a': {'x': 'default', 'y': 'patch', 'z': 'patch'}, 'b': 'patch', 'c': 'default'}.
    expect(r(`{{ ${nested} | combine(${patch}, recursive=true) }}`)).toEqual({ a: { x: 'default', y: 'patch', z: 'patch' }, b: 'patch', c: 'default' });
    expect(r(`{{ ${nested} | combine(${patch}) }}`)).toEqual({ a: { y: 'patch', z: 'patch' }, b: 'patch', c: 'default' });
    expect(r("{{ {'a': [1, 2]} | combine({'a': [2, 3]}, list_merge='append_rp') }}")).toEqual({ a: [1, 2, 3] });
    expect(r("{{ {'a': [1]} | combine({'a': [2]}, list_merge='prepend') }}")).toEqual({ a: [2, 1] });
    expect(r("{{ [{'a': 1}, {'a': 2, 'b': 3}] | combine }}")).toEqual({ a: 2, b: 3 });
    expect(fail("{{ {'a': 1} | combine(5) }}")).toBe('combine: expected a map, got number');
  });

  it('to_json as Python json.dumps: ", " and ": ", non-ASCII escaped', () => {
    expect(r("{{ {'a': [1, 2], 'b': 'x'} | to_json }}")).toBe('{"a": [1, 2], "b": "x"}');
    expect(r("{{ 'é' | to_json }}")).toBe('"\\u00e9"');
    expect(r("{{ {'b': 1, 'a': true, 'n': none} | to_json(sort_keys=true) }}")).toBe('{"a": true, "b": 1, "n": null}');
    // to_nice_json: indent=4, sort_keys=True, separators (',', ': ').
    expect(r("{{ {'b': [1], 'a': {}} | to_nice_json }}")).toBe('{\n    "a": {},\n    "b": [\n        1\n    ]\n}');
    expect(r('{{ \'{"a": [1, true]}\' | from_json }}')).toEqual({ a: [1, true] });
    expect(fail("{{ '{' | from_json }}")).toMatch(/^from_json: not JSON: /);
  });

  it('to_yaml as PyYAML dump: keys sorted, collections of scalars inline', () => {
    // default_flow_style=None: {'b': [1, 2], 'a': 1} dumps as "a: 1\nb: [1, 2]\n".
    expect(r("{{ {'b': [1, 2], 'a': 1} | to_yaml }}")).toBe('a: 1\nb: [1, 2]\n');
    expect(r("{{ {'a': 1} | to_yaml }}")).toBe('{a: 1}\n');
    expect(r("{{ {'a': {'b': 'yes'}} | to_yaml }}")).toBe("a: {b: 'yes'}\n");
    expect(r("{{ {'b': 1, 'a': 2} | to_nice_yaml }}")).toBe('a: 2\nb: 1\n');
    expect(r("{{ 'a: [1, 2]\\nb: yes' | from_yaml }}")).toEqual({ a: [1, 2], b: true });
  });
});

describe('defaults, choices and numbers', () => {
  it('d is default; default(x, true) replaces falsy values too', () => {
    expect(r("{{ nope | d('x') }}")).toBe('x');
    expect(r("{{ '' | d('x', true) }}")).toBe('x');
    expect(r("{{ '' | default('x', boolean=true) }}")).toBe('x');
  });

  it('mandatory fails on an undefined value, with its own message if given', () => {
    expect(r('{{ flag | mandatory }}')).toBe(true);
    expect(fail('{{ nope | mandatory }}')).toBe('Mandatory variable "nope" not defined.');
    expect(fail("{{ nope | mandatory('set nope in the inventory') }}")).toBe('set nope in the inventory');
  });

  it('ternary picks by truthiness, none_val for null', () => {
    expect(r("{{ flag | ternary('yes', 'no') }}")).toBe('yes');
    expect(r("{{ (1 == 2) | ternary('yes', 'no') }}")).toBe('no');
    expect(r("{{ nothing | ternary('yes', 'no', 'unset') }}")).toBe('unset');
    expect(r("{{ nothing | ternary('yes', 'no') }}")).toBe('no');
  });

  it('float, abs and round (Python rounding: halves to even)', () => {
    expect(r("{{ '2.5' | float }}")).toBe(2.5);
    expect(r('{{ -3 | abs }}')).toBe(3);
    expect(r('{{ 42.55 | round }}')).toBe(43);
    expect(r('{{ 2.5 | round }}')).toBe(2);
    expect(r("{{ 42.55 | round(1, 'floor') }}")).toBe(42.5);
    expect(r("{{ 42.51 | round(0, 'ceil') }}")).toBe(43);
    expect(fail("{{ 'x' | float }}")).toBe('float: cannot convert "x" to a number');
  });
});

describe('errors are input errors with the nearest name', () => {
  it('names the nearest known filter', () => {
    expect(fail('{{ nums | lenght }}')).toBe('unknown filter "lenght" (did you mean "length"?)');
    expect(fail("{{ nums | map('uper') }}")).toBe('map: unknown filter "uper" (did you mean "upper"?)');
    expect(fail("{{ users | map('name') }}")).toMatch(/^map: unknown filter "name" \(known: .*\) \(to take an attribute, write map\(attribute='name'\)\)$/);
    expect(fail("{{ nums | select('od') }}")).toBe('select: unknown test "od" (did you mean "odd"?)');
  });

  it('checks keyword and positional arguments when the template is read', () => {
    expect(fail('{{ nums | sort(revers=true) }}')).toBe('filter "sort" has no argument "revers" (did you mean "reverse"?)');
    expect(fail('{{ nums | sort(true, reverse=true) }}')).toBe('filter "sort" got argument "reverse" twice');
    expect(fail('{{ nums | first(1) }}')).toBe('filter "first" takes 0 arguments, got 1');
    expect(fail("{{ nums | replace('a') }}")).toBe('filter "replace" takes 2 to 3 arguments, got 1');
    expect(fail('{{ nums | sort(reverse=true, 1) }}')).toBe('a positional argument after keyword arguments in "nums | sort(reverse=true, 1)"');
  });

  it('reports arguments and inputs of the wrong type', () => {
    expect(fail("{{ nums | sort(reverse='yes') }}")).toBe('sort: argument "reverse" must be true or false, got string');
    expect(fail('{{ jails | dict2items | items2dict | dict2items(key_name=1) }}')).toBe('dict2items: argument "key_name" must be a string, got number');
    expect(fail('{{ nums | dict2items }}')).toBe('dict2items: expected a map, got list');
    expect(fail('{{ 5 | select }}')).toBe('select: expected a list, got number');
  });

  it('keeps every error an InputError (exit 4)', () => {
    for (const t of ['{{ nums | lenght }}', "{{ nums | sort(reverse='yes') }}", '{{ 5 | select }}']) {
      expect(() => render(t, vars)).toThrow(InputError);
    }
  });

  it('never reaches prototypes or functions', () => {
    expect(fail("{{ users | map(attribute='constructor') | list }}")).toMatch(/^map: no attribute "constructor"/);
    expect(fail("{{ users | map(attribute='__proto__') | list }}")).toMatch(/^map: no attribute "__proto__"/);
    expect(fail("{{ [{}] | sort(attribute='toString') }}")).toMatch(/^sort: no attribute "toString"/);
    const polluted = r('{{ \'{"__proto__": {"x": 1}}\' | from_json | combine({"a": 1}) }}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(polluted)).toBe(Object.prototype);
    expect(Object.keys(polluted)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    const fromItems = r("{{ [{'key': '__proto__', 'value': {'y': 1}}] | items2dict }}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(fromItems)).toBe(Object.prototype);
    expect(fail("{{ {'a': 1}.__proto__ }}")).toBe('undefined variable "(expression).__proto__"');
    const fromYaml = r("{{ '__proto__: {z: 1}' | from_yaml }}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(fromYaml)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).z).toBeUndefined();
    // A "__proto__" key written as data is an own member like any other, never the prototype.
    expect(r("{{ {'__proto__': 1}.__proto__ | string }}")).toBe('1');
  });
});

describe('none as an argument', () => {
  it('is a value where one is expected, and "not given" for optional parameters', () => {
    expect(r('{{ nope | default(none) }}')).toBe(null);
    expect(r("{{ flag | ternary(none, 'x') }}")).toBe(null);
    expect(r("{{ 'a b c' | split(none, 1) }}")).toEqual(['a', 'b c']);
    expect(r("{{ 'aaa' | replace('a', 'b', none) }}")).toBe('bbb');
  });
});
