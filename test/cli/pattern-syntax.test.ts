import { describe, expect, it } from 'vitest';
import { patternSyntaxProblem } from '../../src/cli/pattern-syntax.js';

describe('host pattern syntax', () => {
  it('accepts what the matcher reads', () => {
    for (const ok of ['all', '*', 'web*', 'old:!old2', 'web:&prod', 'a,b', 'fb[12]', 'fb[!1]x', '!db']) expect(patternSyntaxProblem(ok), ok).toBeUndefined();
  });

  it('names what it would silently read as no host', () => {
    expect(patternSyntaxProblem('web:&')).toBe('"&" needs a host or group after it');
    expect(patternSyntaxProblem('web:!')).toBe('"!" needs a host or group after it');
    expect(patternSyntaxProblem('fb[1')).toMatch(/^unclosed "\["/);
    expect(patternSyntaxProblem('new:fb[1')).toMatch(/^"fb\[1": unclosed "\["/);
    expect(patternSyntaxProblem('web[0:2]')).toMatch(/subscripts like web\[0:2\] are not supported/);
    expect(patternSyntaxProblem('~web\\d')).toMatch(/regular-expression patterns/);
    expect(patternSyntaxProblem('a:&!b')).toBe('"&!b": one "&" or "!" per element');
    expect(patternSyntaxProblem(' : ')).toBe('empty pattern');
  });
});
