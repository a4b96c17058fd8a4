/**
 * Issue 17: the `test -e PATH` facts of a host read by one part
 * (command/exists-batch.ts). Each path must get exactly the status its own
 * `test -e` has: test(1) exits 0 when the file exists, 1 when it does not
 * (FreeBSD bin/test/test.c; POSIX XCU test, EXIT STATUS). Output of any
 * other shape must never read as "absent".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsFact } from '../../src/modules/command/facts.js';
import { splitExistsBatch } from '../../src/modules/command/exists-batch.js';
import type { FactOutput } from '../../src/modules/types.js';
import { SimHost } from '../../src/sim/host.js';
import { freshHostState } from '../../src/sim/seed.js';

const NAMES = ['file', 'dir', 'missing', "it's a \"name\"", 'two\nlines', 'dir/missing/below', ''];

describe('in the simulator', () => {
  const host = new SimHost('h', freshHostState({ hostname: 'h', address: '192.0.2.10' }));
  host.fs.mkdir('/srv');
  host.fs.mkdir('/srv/dir');
  host.fs.writeFile('/srv/file', 'x\n');
  host.fs.writeFile(`/srv/it's a "name"`, '');
  host.fs.writeFile('/srv/two\nlines', '');
  const paths = NAMES.map((n) => (n === '' ? '' : `/srv/${n}`));
  const specs = paths.map((p) => existsFact(p));
  const sim = (command: string): FactOutput => host.exec(`( ${command}\n) </dev/null`, { stdin: '' });

  it('gives each path the status of its own test -e, and parses to the same answers', () => {
    const split = splitExistsBatch(sim(specs[0]!.batch!.command(paths)), paths);
    expect(split).toEqual(specs.map((s) => sim(s.command)));
    expect(specs.map((s, i) => s.parse(split[i]!))).toEqual([true, true, false, true, true, false, false]);
  });
});

describe('in dash (an Almquist shell, as FreeBSD sh is), on real files', () => {
  it('prints, per path, a space and the status test -e exits with for it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jf-exists-'));
    mkdirSync(join(dir, 'dir'));
    writeFileSync(join(dir, 'file'), 'x\n');
    writeFileSync(join(dir, `it's a "name"`), '');
    writeFileSync(join(dir, 'two\nlines'), '');
    const paths = NAMES.map((n) => (n === '' ? '' : join(dir, n)));
    const r = spawnSync('/usr/bin/dash', ['-c', existsFact(paths[0]!).batch!.command(paths)], { encoding: 'utf8' });
    expect(r.stdout).toBe(' 0 0 1 0 0 1 1\n');
    expect(r.status).toBe(0);
  });
});

describe('output of other shapes fails every path, never as absent', () => {
  const spec = existsFact('/a');
  const cases: Array<[string, FactOutput]> = [
    ['a status short', { stdout: ' 0\n', stderr: '', code: 0 }],
    ['a status too many', { stdout: ' 0 1 1\n', stderr: '', code: 0 }],
    ['no final newline', { stdout: ' 0 1', stderr: '', code: 0 }],
    ['two lines', { stdout: ' 0\n 1\n', stderr: '', code: 0 }],
    ['not a status', { stdout: ' 0 yes\n', stderr: '', code: 0 }],
    ['nothing', { stdout: '', stderr: '', code: 0 }],
    ['the part failed with 1', { stdout: '', stderr: 'sh: fork: Resource temporarily unavailable\n', code: 1 }],
    ['the part was killed', { stdout: ' 0 0\n', stderr: '', code: 137 }],
  ];
  for (const [what, out] of cases) {
    it(what, () => {
      const split = splitExistsBatch(out, ['/a', '/b']);
      expect(split).toHaveLength(2);
      for (const o of split) {
        expect(o.code).toBeGreaterThan(1);
        expect(() => spec.parse(o)).toThrow(/test -e failed/);
      }
    });
  }
});
