import { describe, expect, it } from 'vitest';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';

const out = (code: number, stderr: string) => ({ code, stdout: '', stderr });

describe('FactParseError words a failed fact for people', () => {
  it('a jail that is not running', () => {
    expect(new FactParseError('pkg:www:nginx', 'pkg info failed', out(1, 'pkg: jail "www" not found\n')).message).toBe(
      'fact pkg:www:nginx: jail www is not running (pkg info failed, exit 1: pkg: jail "www" not found)',
    );
    expect(new FactParseError('file:www:/etc/x', 'cannot read the path', out(1, 'jexec: jail "www" not found')).message).toMatch(/^fact file:www:\/etc\/x: jail www is not running \(/);
  });

  it('a command the host does not have', () => {
    expect(new FactParseError('listeners', 'sockstat failed', out(127, 'sh: sockstat: not found')).message).toBe(
      'fact listeners: sockstat is not installed on the host (sockstat failed, exit 127: sh: sockstat: not found)',
    );
  });

  it('anything else as before', () => {
    expect(new FactParseError('sysctl:x', 'sysctl failed', out(1, 'sysctl: unknown oid')).message).toBe('fact sysctl:x: sysctl failed (exit 1: sysctl: unknown oid)');
  });
});
