/**
 * `x is test` as Jinja2 and Ansible document the tests; expected values are
 * written from the documentation:
 *   Jinja2 built-in tests: https://jinja.palletsprojects.com/en/stable/templates/#builtin-tests
 *   Ansible tests: https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_tests.html
 *   version: https://docs.ansible.com/ansible/latest/collections/ansible/builtin/version_test.html
 */
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/playbook/template-error.js';
import { evaluateWhen } from '../../src/playbook/template.js';

const vars = {
  os_version: '14.1-RELEASE-p3',
  release: '14.1',
  url: 'https://example.com/users/foo/resources/bar',
  name: 'web01',
  n: 4,
  pi: 3.14,
  on: true,
  empty: '',
  nothing: null,
  jails: ['www', 'db'],
  opts: { ssl: true },
  done: { changed: true, failed: false, skipped: false },
  broken: { changed: false, failed: true },
};

const when = (c: string): boolean => evaluateWhen(c, vars);
const problem = (c: string): string => {
  try {
    when(c);
  } catch (err) {
    if (err instanceof TemplateError) return err.message;
    throw err;
  }
  throw new Error('expected a TemplateError');
};

describe('is: definedness and types', () => {
  it('defined, undefined, none, and is not', () => {
    expect(when('name is defined')).toBe(true);
    expect(when('nope is undefined')).toBe(true);
    expect(when('nope is not defined')).toBe(true);
    expect(when('nothing is none')).toBe(true);
    expect(when('name is not none')).toBe(true);
  });

  it('string, number, integer, float, boolean, mapping, sequence, iterable', () => {
    expect(when('name is string')).toBe(true);
    expect(when('n is number and pi is number')).toBe(true);
    expect(when('name is number')).toBe(false);
    expect(when('n is integer and pi is float and pi is not integer')).toBe(true);
    expect(when('on is boolean')).toBe(true);
    expect(when('opts is mapping')).toBe(true);
    expect(when('jails is mapping')).toBe(false);
    // Jinja: anything with a length and items is a sequence, strings and dicts too.
    expect(when('jails is sequence and name is sequence and opts is sequence')).toBe(true);
    expect(when('n is sequence')).toBe(false);
    expect(when('jails is iterable')).toBe(true);
  });

  it('truthy and falsy (Ansible), with convert_bool', () => {
    expect(when('on is truthy')).toBe(true);
    expect(when('empty is falsy')).toBe(true);
    expect(when("'no' is truthy")).toBe(true);
    expect(when("'no' is truthy(convert_bool=true)")).toBe(false);
    expect(when("'no' is falsy(convert_bool=True)")).toBe(true);
  });

  it('in, sameas, equalto, divisibleby, even and odd, with or without parentheses', () => {
    expect(when("'www' is in jails")).toBe(true);
    expect(when("'mail' is in(jails)")).toBe(false);
    expect(when("'mail' is not in jails")).toBe(true);
    expect(when('on is sameas true')).toBe(true);
    expect(when('n is sameas 4')).toBe(true);
    expect(when('n is equalto 4')).toBe(true);
    expect(when('n is divisibleby 2')).toBe(true);
    expect(when('n is divisibleby(3)')).toBe(false);
    expect(when('n is even and 3 is odd')).toBe(true);
    expect(when('n is gt(3) and n is le 4')).toBe(true);
  });

  it('keeps the in and not in operators', () => {
    expect(when("'db' in jails and 'mail' not in jails")).toBe(true);
    expect(when("'ssl' in opts")).toBe(true);
  });

  it('registered results: changed, failed, succeeded and their aliases', () => {
    expect(when('done is changed and done is success and done is successful')).toBe(true);
    expect(when('broken is failed and broken is failure and broken is not succeeded')).toBe(true);
    expect(when('done is not skipped')).toBe(true);
  });
});

describe('is: match, search and regex', () => {
  it('match is anchored at the start, search finds anywhere (Ansible examples)', () => {
    // url is match("https://example.com/users/.*/resources") => true; url is search("users/.*/resources/.*") => true.
    expect(when('url is match("https://example.com/users/.*/resources")')).toBe(true);
    expect(when('url is search("users/.*/resources/.*")')).toBe(true);
    expect(when('url is match("users")')).toBe(false);
    expect(when('url is search("USERS", ignorecase=true)')).toBe(true);
    expect(when("url is regex('example\\\\.com/\\\\w+/foo')")).toBe(true);
    expect(when("name is match('web(?P<n>\\\\d+)$')")).toBe(true);
  });

  it('reports a bad pattern as an input error', () => {
    expect(problem("name is match('web(')")).toMatch(/^match: invalid regular expression "web\(": /);
    expect(problem("name is match('(?x)a b')")).toBe('match: verbose patterns ((?x)) are not supported in "(?x)a b"');
  });
});

describe('is version', () => {
  it('compares dotted versions by number, not by text', () => {
    // Ansible's example: ansible_facts['distribution_version'] is version('12.04', '>=').
    expect(when("'12.10' is version('12.04', '>=')")).toBe(true);
    expect(when("'1.10' is version('1.9', '>')")).toBe(true);
    expect(when("'1.10' > '1.9'")).toBe(false);
    expect(when("release is version('14.1', '==')")).toBe(true);
    expect(when("release is version('14.1')")).toBe(true);
    expect(when("'14.1.0' is version('14.1', 'eq')")).toBe(false);
  });

  it('takes every operator spelling', () => {
    const ops: Array<[string, boolean]> = [
      ['<', true], ['lt', true], ['<=', true], ['le', true],
      ['>', false], ['gt', false], ['>=', false], ['ge', false],
      ['==', false], ['=', false], ['eq', false],
      ['!=', true], ['<>', true], ['ne', true],
    ];
    for (const [op, want] of ops) expect(when(`'13.2' is version('14.0', '${op}')`), op).toBe(want);
  });

  it('orders a FreeBSD patch level after its release', () => {
    expect(when("os_version is version('14.1', '>')")).toBe(true);
    expect(when("os_version is version('14.2', '<')")).toBe(true);
    expect(when("os_version is version('14.1-RELEASE-p4', '<')")).toBe(true);
  });

  it('refuses an unknown operator and a number compared with a word', () => {
    expect(problem("release is version('14.1', '~=')")).toMatch(/^version: invalid operator "~=" \(one of ==, =, eq, <, lt, /);
    expect(problem("'1.a' is version('1.1', '<')")).toBe('version: cannot compare "1.a" with "1.1" ("a" against 1)');
  });
});

describe('is: errors', () => {
  it('names the nearest known test', () => {
    expect(problem('name is defind')).toBe('unknown test "defind" (did you mean "defined"?)');
    expect(problem("name is version_compar('1')")).toBe('unknown test "version_compar" (did you mean "version_compare"?)');
  });

  it('checks arguments when the condition is read', () => {
    expect(problem('name is match')).toBe('test "match" takes 1 to 3 arguments, got 0');
    expect(problem('name is defined(1)')).toBe('test "defined" takes 0 arguments, got 1');
    expect(problem("name is search('x', ignorcase=true)")).toBe('test "search" has no argument "ignorcase" (did you mean "ignorecase"?)');
  });

  it('reports an undefined value given to a test other than defined/undefined', () => {
    expect(problem('nope is string')).toBe('undefined variable "nope"');
  });
});
