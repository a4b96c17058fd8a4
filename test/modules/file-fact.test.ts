import { describe, expect, it } from 'vitest';
import { fileFact, parseSymbolicMode } from '../../src/modules/facts/file-fact.js';
import { FactParseError } from '../../src/modules/facts/fact-parse-error.js';
import { fail, fileCmd, lsDir, lsFile, ok } from './harness.js';

describe('file fact', () => {
  it('reads through quoting, and is keyed by path', () => {
    const spec = fileFact("/tmp/a b'c");
    expect(spec.key).toBe("file::/tmp/a b'c");
    expect(spec.command).toBe(
      `if [ -e '/tmp/a b'\\''c' ]; then ls -ldL '/tmp/a b'\\''c' && if [ -f '/tmp/a b'\\''c' ]; then printf '%s\\n' @@jailfleet-content && cat '/tmp/a b'\\''c'; fi; else printf '%s\\n' absent; fi`,
    );
    expect(fileFact('/etc/rc.conf').command).toBe(fileCmd('/etc/rc.conf'));
  });

  it('keeps the exact content, missing final newline included', () => {
    expect(fileFact('/etc/x').parse(lsFile('/etc/x', 'a\n\nb', '-rw-------', 'www', 'www'))).toEqual({
      kind: 'file', content: 'a\n\nb', mode: 0o600, owner: 'www', group: 'www',
    });
    expect(fileFact('/etc/x').parse(lsFile('/etc/x', ''))).toMatchObject({ kind: 'file', content: '' });
  });

  it('reads Linux ls output and ignores ACL/SELinux marks', () => {
    const out = ok('-rw-r-----. 1 root adm 3 Nov 28 15:12 /etc/x\n@@jailfleet-content\nhi\n');
    expect(fileFact('/etc/x').parse(out)).toEqual({ kind: 'file', content: 'hi\n', mode: 0o640, owner: 'root', group: 'adm' });
  });

  it('tells directories, other kinds and absence apart', () => {
    expect(fileFact('/d').parse(lsDir('/d', 'drwxrwxrwt'))).toEqual({ kind: 'directory', mode: 0o1777, owner: 'root', group: 'wheel' });
    expect(fileFact('/p').parse(ok('prw-r--r--  1 root  wheel  0 Nov 28 15:12 /p\n'))).toMatchObject({ kind: 'other' });
    expect(fileFact('/n').parse(ok('absent\n'))).toEqual({ kind: 'absent' });
  });

  it('rejects failures and nonsense', () => {
    expect(() => fileFact('/x').parse(fail(1, 'cat: /x: Permission denied\n'))).toThrow(FactParseError);
    expect(() => fileFact('/x').parse(fail(1, 'cat: /x: Permission denied\n'))).toThrow(
      'fact file::/x: cannot read the path (exit 1: cat: /x: Permission denied)',
    );
    expect(() => fileFact('/x').parse(ok('-rw-r--r--  1 root  wheel  3 Nov 28 /x\n'))).toThrow('content marker missing');
    expect(() => fileFact('/x').parse(ok('garbage\n'))).toThrow(FactParseError);
  });

  it('decodes setuid/setgid/sticky bits', () => {
    expect(parseSymbolicMode('-rwsr-sr-x')).toBe(0o6755);
    expect(parseSymbolicMode('-rwSr--r-T')).toBe(0o5644);
    expect(parseSymbolicMode('drwx------+')).toBe(0o700);
    expect(parseSymbolicMode('nonsense')).toBeUndefined();
  });
});
