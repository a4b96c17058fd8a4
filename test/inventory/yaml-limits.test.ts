import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { MAX_YAML_BYTES, parseYaml } from '../../src/inventory/yaml-source.js';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected an InputError');
};
const nested = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('parseYaml refuses documents built to exhaust resources', () => {
  it('an alias bomb, at its first alias', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    expect(messageOf(() => parseYaml(bomb, 'f.yml'))).toMatch(/^f\.yml:2:8: aliases expand to too much data .*Excessive alias count/);
  });

  it('a few aliases are fine', () => {
    const src = parseYaml('base: &b {x: 1}\nweb: *b\ndb: *b\n', 'f.yml');
    expect(src.doc.toJS()).toEqual({ base: { x: 1 }, web: { x: 1 }, db: { x: 1 } });
  });

  it('nesting deeper than 100, and deep enough to exhaust the parser stack', () => {
    expect(() => parseYaml(nested(100), 'f.yml')).not.toThrow();
    expect(messageOf(() => parseYaml(nested(101), 'f.yml'))).toBe('f.yml:1:101: lists and maps are nested more than 100 deep');
    expect(messageOf(() => parseYaml(nested(50000), 'f.yml'))).toMatch(/^f\.yml:\d+:\d+: lists and maps are nested more than 100 deep$/);
    const blockMaps = Array.from({ length: 120 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x\n';
    expect(messageOf(() => parseYaml(blockMaps, 'f.yml'))).toBe('f.yml:101:101: lists and maps are nested more than 100 deep');
  });

  it('more than 10 MiB', () => {
    expect(MAX_YAML_BYTES).toBe(10 * 1024 * 1024);
    expect(messageOf(() => parseYaml(`# ${'é'.repeat(MAX_YAML_BYTES / 2)}\n`, 'f.yml'))).toBe(`f.yml:1:1: file is ${MAX_YAML_BYTES + 3} bytes, more than the 10 MiB limit for YAML input`);
  });
});
