/**
 * Skips are loud (issue 19): vitest, run on a probe file with one passing
 * and one skipped test (skipped through test/helpers/requires.ts, as the
 * real-sshd, sudo, promtool and systemd tests skip), prints one line naming
 * the count and what to install; under CI=true the same run fails.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');

function project(): string {
  const dir = mkdtempSync(join(ROOT, 'test-results', 'skip-guard-'));
  mkdirSync(join(dir, 'test'));
  writeFileSync(
    join(dir, 'vitest.config.ts'),
    `import { defineConfig } from 'vitest/config';\nimport { SkipGuard } from ${JSON.stringify(join(ROOT, 'test/reporters/skip-guard.ts'))};\n` +
      `export default defineConfig({ test: { include: ['test/**/*.test.ts'], reporters: ['default', new SkipGuard()] } });\n`,
  );
  writeFileSync(
    join(dir, 'test/probe.test.ts'),
    `import { expect, it } from 'vitest';\nimport { skipUnless } from ${JSON.stringify(join(ROOT, 'test/helpers/requires.ts'))};\n` +
      `it('runs', () => expect(1).toBe(1));\n` +
      `it.skipIf(skipUnless(false, 'probe tests: frobnicate is needed (apt-get install -y frobnicate)'))('needs frobnicate', () => expect(1).toBe(1));\n`,
  );
  return dir;
}

function vitest(dir: string, ci: boolean): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.CI;
  delete env.VITEST;
  // Its own reasons directory: the suite running this test keeps its own.
  env.JAILFLEET_SKIPS_DIR = join(dir, 'skips');
  if (ci) env.CI = 'true';
  return new Promise((done) => {
    const child = spawn(process.execPath, [VITEST, 'run', '--root', dir], { cwd: dir, env });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => done({ code, output }));
  });
}

describe('skip-guard', () => {
  const dir = project();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('locally: the run passes and one line says how many were skipped and what to install', async () => {
    const run = await vitest(dir, false);
    expect(run.code).toBe(0);
    expect(run.output).toContain('1 test(s) skipped: probe tests: frobnicate is needed (apt-get install -y frobnicate) (.ci/run installs everything the suite needs)\n');
  });

  it('under CI=true: the same run fails', async () => {
    const run = await vitest(dir, true);
    expect(run.code).toBe(1);
    expect(run.output).toContain('CI=true: 1 test(s) skipped: probe tests: frobnicate is needed');
  });
});
