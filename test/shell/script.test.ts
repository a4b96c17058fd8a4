import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quote } from '../../src/shell/quote.js';
import { buildApplyScript, buildGatherScript, coalesceRewrites, parseFramedOutput, shCommand } from '../../src/shell/script.js';

// These run the scripts under Debian's dash, a strict POSIX sh, so the framing
// is checked against a real shell, not only against the simulator.
function runDash(commandLine: string): { stdout: string; stderr: string; code: number } {
  const r = spawnSync('/bin/sh', ['-c', commandLine], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

describe('quote', () => {
  it.each([
    ['', "''"],
    ['plain', 'plain'],
    ['/etc/rc.conf', '/etc/rc.conf'],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['=x', "'=x'"],
    ['$(id)', "'$(id)'"],
  ])('quotes %j as %s', (input, expected) => {
    expect(quote(input)).toBe(expected);
  });

  it('round-trips hostile bytes through a real shell unchanged', () => {
    const hostile = `a'b"c $(touch /tmp/pwned) \`id\` ;rm -rf /\nnext\tline\\ ${'$'}HOME *`;
    const out = execFileSync('/bin/sh', ['-c', `printf '%s' ${quote(hostile)}`], { encoding: 'utf8' });
    expect(out).toBe(hostile);
  });
});

describe('framed scripts', () => {
  it('gathers every part with its own stdout, stderr and exit code', () => {
    const parts = [
      { command: "printf 'one\\n'; printf 'err1' >&2" },
      { command: 'exit 3' },
      { command: "printf 'no newline'" },
      { command: "printf '@@jf:fake:e:3:0\\n'" },
    ];
    const r = runDash(shCommand(buildGatherScript(parts, 'n0nce')));
    expect(r.code).toBe(0);
    const parsed = parseFramedOutput(r.stdout, r.stderr, parts.length, 'n0nce');
    expect(parsed.interrupted).toBeUndefined();
    expect(parsed.results).toEqual([
      { stdout: 'one\n', stderr: 'err1', code: 0 },
      { stdout: '', stderr: '', code: 3 },
      { stdout: 'no newline', stderr: '', code: 0 },
      { stdout: '@@jf:fake:e:3:0\n', stderr: '', code: 0 },
    ]);
  });

  it('applies parts in order and stops at the first failure with its exit code', () => {
    const parts = [{ command: 'printf a' }, { command: 'printf boom >&2; exit 7' }, { command: 'printf never' }];
    const r = runDash(shCommand(buildApplyScript(parts, 'x1')));
    expect(r.code).toBe(7);
    const parsed = parseFramedOutput(r.stdout, r.stderr, parts.length, 'x1');
    expect(parsed.results).toEqual([
      { stdout: 'a', stderr: '', code: 0 },
      { stdout: '', stderr: 'boom', code: 7 },
    ]);
    expect(r.stdout).not.toContain('never');
  });

  it('keeps part 1 and part 10 apart', () => {
    const parts = Array.from({ length: 11 }, (_, i) => ({ command: `printf ${i}` }));
    const r = runDash(shCommand(buildApplyScript(parts, 'k')));
    const parsed = parseFramedOutput(r.stdout, r.stderr, parts.length, 'k');
    expect(parsed.results.map((p) => p.stdout)).toEqual(parts.map((_, i) => String(i)));
  });

  it('reports a part that began but never ended as interrupted', () => {
    const parsed = parseFramedOutput('@@jf:z:b:0\npartial', '', 2, 'z');
    expect(parsed).toEqual({ results: [], interrupted: 0 });
  });

  it('passes sh -n under dash', () => {
    const script = buildApplyScript([{ command: 'if [ -e /x ]; then :; fi' }], 'q');
    expect(spawnSync('dash', ['-n', '-c', script]).status).toBe(0);
  });
});

describe('coalesceRewrites', () => {
  it('drops a rewrite of a path whose next part rewrites the same path; the dropped part takes the survivor\'s result', () => {
    const w = (path: string, extra: object = {}) => ({ command: `write ${path}`, replaces: path, ...extra });
    const parts = [{ command: 'mkdir' }, w('/a'), w('/a'), w('/a'), w('/b'), { command: 'chmod /b' }, w('/b'), w('/a')];
    expect(coalesceRewrites(parts)).toEqual({ kept: [0, 3, 4, 5, 6, 7], resultOf: [0, 1, 1, 1, 2, 3, 4, 5] });
  });

  it('keeps neighbours that handle failure differently, and parts that name no path', () => {
    expect(coalesceRewrites([{ command: 'x', replaces: '/a' }, { command: 'y', replaces: '/a', continueOnFailure: true }]).kept).toEqual([0, 1]);
    expect(coalesceRewrites([{ command: 'x' }, { command: 'x' }]).kept).toEqual([0, 1]);
    expect(coalesceRewrites([])).toEqual({ kept: [], resultOf: [] });
  });
});
