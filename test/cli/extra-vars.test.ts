import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExtraVars } from '../../src/cli/extra-vars.js';
import { inputErrorOf } from '../helpers/input-error.js';

const dir = mkdtempSync(join(tmpdir(), 'jailfleet-ev-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'vars.yml'), 'a: from-file\nlist: [1, 2]\n');
writeFileSync(join(dir, 'vars.json'), '{"b": {"c": true}}');
writeFileSync(join(dir, 'bad.yml'), 'a: 1\nb: [1,\n');
writeFileSync(join(dir, 'list.yml'), '- a\n');

const problem = (values: string[]): string => inputErrorOf(() => parseExtraVars(values, dir));

describe('-e/--extra-vars', () => {
  it('reads key=value pairs as strings, JSON, and @files; later -e wins, shallowly', () => {
    expect(parseExtraVars(['a=1 b="two words"', '{"n": 2, "b": [1]}', '@vars.yml', '@vars.json'], dir)).toEqual({
      a: 'from-file',
      b: { c: true },
      n: 2,
      list: [1, 2],
    });
    expect(parseExtraVars(['', '  '], dir)).toEqual({});
  });

  it('refuses what is not variables, naming the -e or the file and line', () => {
    expect(problem(['@nope.yml'])).toBe(`-e @nope.yml: cannot read ${join(dir, 'nope.yml')}: no such file`);
    expect(problem(['@bad.yml'])).toMatch(new RegExp(`^${join(dir, 'bad.yml')}:\\d+:\\d+: invalid YAML`));
    expect(problem(['@list.yml'])).toBe(`${join(dir, 'list.yml')}:1:1: expected a map of variables, got list`);
    expect(problem(['vars.yml'])).toBe("-e 'vars.yml': \"vars.yml\" is not key=value (expected key=value pairs, JSON or @FILE)");
    expect(problem(['./vars.yml'])).toBe("-e './vars.yml': a file of variables is given as @./vars.yml");
    expect(problem(['{"a": '])).toMatch(/^-e '\{"a": ': invalid YAML/);
    expect(problem(['[1]'])).toBe("-e '[1]': expected a map of variables, got list");
    expect(problem(['a="open'])).toBe(`-e 'a="open': unbalanced " quote`);
    expect(problem(['1x=2'])).toMatch(/"1x" is not a variable name/);
  });
});
