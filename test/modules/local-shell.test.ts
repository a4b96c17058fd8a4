/**
 * The file modules must work on Linux targets too: gather facts and run the
 * planned steps with the local /bin/sh in a temp directory, exactly as the
 * engine frames them (`( COMMAND ) </dev/null`), then check that a second
 * gather plans no change.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyModule } from '../../src/modules/copy/index.js';
import { directoryModule } from '../../src/modules/directory/index.js';
import { lineModule } from '../../src/modules/line/index.js';
import type { Plan } from '../../src/modules/types.js';
import { NASTY, planWith, type Task } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), "jf mod'ules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sh(command: string) {
  const r = spawnSync('/bin/sh', ['-c', `( ${command}\n) </dev/null`], { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 128 };
}

function planLive(task: Task): Plan {
  return planWith(task, sh);
}

function converge(task: Task): Plan {
  const plan = planLive(task);
  for (const step of plan.steps) expect(sh(step.command)).toMatchObject({ code: 0 });
  expect(planLive(task)).toMatchObject({ changed: false, steps: [] });
  return plan;
}

describe('file modules on the local /bin/sh', () => {
  it('copy writes exact bytes, mode included, and converges', () => {
    const dest = join(dir, 'a $b.conf');
    const content = `${NASTY}\nno final newline`;
    expect(converge([copyModule, { dest, content, mode: '0640' }]).changed).toBe(true);
    expect(readFileSync(dest, 'utf8')).toBe(content);
    expect(statSync(dest).mode & 0o7777).toBe(0o640);
    expect(execFileSync('ls', ['-a', dir], { encoding: 'utf8' })).not.toMatch(/\.jailfleet\./);
  });

  it('line edits keep the mode and converge', () => {
    const path = join(dir, 'sshd_config');
    writeFileSync(path, '#ListenAddress 0.0.0.0\nPort 22', { mode: 0o600 });
    converge([lineModule, { path, regexp: '^#?ListenAddress ', line: 'ListenAddress 192.0.2.23' }]);
    converge([lineModule, { path, line: 'UseDNS no', insertafter: '^Port' }]);
    expect(readFileSync(path, 'utf8')).toBe('ListenAddress 192.0.2.23\nPort 22\nUseDNS no\n');
    expect(statSync(path).mode & 0o7777).toBe(0o600);
  });

  it('directory creates, fixes modes recursively, and removes', () => {
    const path = join(dir, 'jail', 'www');
    converge([directoryModule, { path, mode: '0750' }]);
    writeFileSync(join(path, 'f'), 'x', { mode: 0o644 });
    const plan = converge([directoryModule, { path, mode: '0750', recurse: true }]);
    expect(plan.message).toBe('attributes applied recursively');
    expect(statSync(join(path, 'f')).mode & 0o7777).toBe(0o750);
    converge([directoryModule, { path, state: 'absent' }]);
    expect(existsSync(path)).toBe(false);
  });
});
