/**
 * Skips are loud (issue 19). After the run: locally, one line saying how
 * many tests were skipped and what to install so they run (each skip helper,
 * test/helpers/requires.ts, leaves its reason in test-results/skips/); under
 * CI=true any skipped test fails the run, since a green CI that tested less
 * than the suite holds is not green.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { skipsDir } from '../helpers/requires.js';

function countSkipped(modules: ReadonlyArray<TestModule>): number {
  let n = 0;
  for (const m of modules) for (const t of m.children.allTests()) if (t.result().state === 'skipped') n++;
  return n;
}

function reasons(dir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  const all = files.flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean));
  return [...new Set(all)].sort();
}

export class SkipGuard implements Reporter {
  private readonly dir = skipsDir();

  onTestRunStart(): void {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = countSkipped(modules);
    if (skipped === 0) return;
    const why = reasons(this.dir);
    const line = `${skipped} test(s) skipped${why.length ? `: ${why.join('; ')}` : ''} (.ci/run installs everything the suite needs)`;
    if (process.env.CI !== 'true') {
      process.stderr.write(`\n${line}\n`);
      return;
    }
    process.stderr.write(`\nCI=true: ${line}; under CI a skipped test fails the run\n`);
    process.exitCode = 1;
  }
}
