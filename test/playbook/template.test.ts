import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { TemplateError, hasTemplate, render, templateVarsUsed } from '../../src/playbook/template.js';

const vars = {
  host: { ip: '192.0.2.7', ports: [22, 80] },
  list: ['a', 'b', 'c'],
  n: 3,
  two: 2,
  flag: true,
  empty: '',
  spaced: '  Mixed Case  ',
  word: "it's",
  net: '10.0.0',
  jail_ip: '{{ net }}.5',
  loop_a: '{{ loop_b }}',
  loop_b: '{{ loop_a }}',
  nothing: null,
};

const fail = (template: string): TemplateError => {
  try {
    render(template, vars);
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
};

describe('render: lookups and native types', () => {
  it('keeps the native type of a string that is exactly one expression', () => {
    expect(render('{{ list }}', vars)).toEqual(['a', 'b', 'c']);
    expect(render('{{ n }}', vars)).toBe(3);
    expect(render('{{flag}}', vars)).toBe(true);
    expect(render('{{ host.ports[1] }}', vars)).toBe(80);
  });

  it('makes a string when there is text around or between expressions', () => {
    expect(render('ip={{ host.ip }}', vars)).toBe('ip=192.0.2.7');
    expect(render('{{ n }}{{ n }}', vars)).toBe('33');
    expect(render(' {{ n }}', vars)).toBe(' 3');
    expect(render('{{ flag }}/{{ nothing }}/{{ list }}', vars)).toBe('true//["a","b","c"]');
  });

  it('follows attributes, indexes, quoted keys and negative indexes', () => {
    expect(render('{{ host.ip }}', vars)).toBe('192.0.2.7');
    expect(render("{{ host['ip'] }}", vars)).toBe('192.0.2.7');
    expect(render('{{ list[0] }}{{ list.1 }}{{ list[-1] }}', vars)).toBe('abc');
    expect(render('{{ list[two] }}', vars)).toBe('c');
  });

  it('renders deeply through lists and maps, leaving other values alone', () => {
    expect(render({ a: ['{{ n }}', 5, null, { b: 'x{{ n }}' }], k: false }, vars)).toEqual({ a: [3, 5, null, { b: 'x3' }], k: false });
  });

  it('renders variables that hold templates when they are used', () => {
    expect(render('{{ jail_ip }}', vars)).toBe('10.0.0.5');
  });

  it('leaves strings without {{ untouched, including shell ${#x} and {#', () => {
    expect(render('echo ${#x} {# not a comment', vars)).toBe('echo ${#x} {# not a comment');
  });

  it('does not end an expression at }} inside a quoted string', () => {
    expect(render("{{ nope | default('}}') }}", vars)).toBe('}}');
  });
});

describe('render: filters', () => {
  it('default replaces undefined values, and falsy ones when asked', () => {
    expect(render("{{ nope | default('y') }}", vars)).toBe('y');
    expect(render("{{ n | default('y') }}", vars)).toBe(3);
    expect(render("{{ empty | default('y') }}", vars)).toBe('');
    expect(render("{{ empty | default('y', true) }}", vars)).toBe('y');
    expect(render('{{ nope.deeper | default(7) }}', vars)).toBe(7);
  });

  it('join joins with a separator (none by default)', () => {
    expect(render("{{ list | join(',') }}", vars)).toBe('a,b,c');
    expect(render('{{ list | join }}', vars)).toBe('abc');
    expect(render("{{ host.ports | join(' ') }}", vars)).toBe('22 80');
  });

  it('upper, lower and trim work on text', () => {
    expect(render('{{ spaced | upper }}', vars)).toBe('  MIXED CASE  ');
    expect(render('{{ spaced | lower }}', vars)).toBe('  mixed case  ');
    expect(render('{{ spaced | trim }}', vars)).toBe('Mixed Case');
    expect(render('{{ spaced | trim | lower }}', vars)).toBe('mixed case');
  });

  it('quote makes a POSIX shell word', () => {
    expect(render('echo {{ word | quote }}', vars)).toBe("echo 'it'\\''s'");
    expect(render('{{ spaced | quote }}', vars)).toBe("'  Mixed Case  '");
    expect(render('{{ empty | quote }}', vars)).toBe("''");
  });

  it('int converts numbers and numeric strings, and refuses anything else', () => {
    expect(render("{{ '42' | int }}", vars)).toBe(42);
    expect(render('{{ 4.9 | int }}', vars)).toBe(4);
    expect(fail("{{ 'abc' | int }}").message).toBe('int: cannot convert "abc" to a number');
  });

  it('string turns any value into text', () => {
    expect(render('{{ n | string }}', vars)).toBe('3');
    expect(render('{{ list | string }}', vars)).toBe('["a","b","c"]');
  });

  it('length and bool', () => {
    expect(render('{{ list | length }}', vars)).toBe(3);
    expect(render("{{ 'yes' | bool }}", vars)).toBe(true);
    expect(render('{{ 0 | bool }}', vars)).toBe(false);
  });

  it('accepts literal strings, numbers and lists', () => {
    expect(render("{{ 'a' }}{{ \"b\" }}{{ 1.5 }}{{ -2 }}", vars)).toBe('ab1.5-2');
    expect(render("{{ ['x', n] }}", vars)).toEqual(['x', 3]);
  });
});

describe('render: errors', () => {
  it('names an undefined variable, or the undefined part of a path', () => {
    const e = fail('{{ nope }}');
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('undefined variable "nope"');
    expect(e.variable).toBe('nope');
    expect(fail('{{ nope.x }}').message).toBe('undefined variable "nope"');
    expect(fail('{{ host.mac }}').message).toBe('undefined variable "host.mac"');
    expect(fail('{{ list[9] }}').message).toBe('undefined variable "list[9]"');
    expect(fail('x {{ nope | upper }}').message).toBe('undefined variable "nope"');
  });

  it('refuses to reach prototypes', () => {
    expect(fail('{{ host.constructor }}').message).toBe('undefined variable "host.constructor"');
    expect(fail('{{ list.length }}').message).toBe('undefined variable "list.length"');
  });

  it('reports syntax errors, unknown filters and wrong filter arity', () => {
    expect(fail('{{ n ) }}').message).toBe('expected an operator but found ")" in "n )"');
    expect(fail('{{ n | frob }}').message).toMatch(/^unknown filter "frob" \(known: abs, b64decode, .*, upper\)$/);
    expect(fail('{{ n | upper(1) }}').message).toBe('filter "upper" takes 0 arguments, got 1');
    expect(fail('{{ n | default }}').message).toBe('filter "default" takes 1 to 2 arguments, got 0');
    expect(fail('{{ n').message).toBe('unclosed "{{" in "{{ n"');
    expect(fail('{{ }}').message).toBe('empty expression');
    expect(fail("{{ 'x }}").message).toBe("unclosed \"{{\" in \"{{ 'x }}\"");
    expect(fail('{{ a; b }}').message).toBe('unexpected character ";" in expression "a; b"');
    expect(fail('{% if x %}').message).toBe('only {{ }} expressions are supported, not {% %} statements');
  });

  it('reports a variable that refers to itself', () => {
    expect(fail('{{ loop_a }}').message).toBe('variable "loop_a" refers to itself (loop_a -> loop_b -> loop_a)');
  });

  it('carries a position once a caller attaches one', () => {
    const e = fail('{{ nope }}').at({ file: 'pb.yml', line: 3, col: 9 }, 'tasks[0].sysrc.name: ');
    expect(e.message).toBe('pb.yml:3:9: tasks[0].sysrc.name: undefined variable "nope"');
    expect(e.variable).toBe('nope');
  });
});

describe('templateVarsUsed and hasTemplate', () => {
  it('lists root variable names in order of first use, deeply', () => {
    expect(templateVarsUsed({ a: ['{{ x.y | default(z) }}', 'plain'], b: '{{ list[i] }} {{ x }}' })).toEqual(['x', 'z', 'list', 'i']);
    expect(templateVarsUsed('no templates')).toEqual([]);
  });

  it('finds {{ anywhere inside a value', () => {
    expect(hasTemplate({ a: [1, { b: 'x{{ y }}' }] })).toBe(true);
    expect(hasTemplate({ a: [1, { b: 'x' }] })).toBe(false);
  });
});
