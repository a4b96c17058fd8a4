/**
 * The CLI as one ES module for tests that need it in a process of its own
 * (SIGKILL): esbuild bundles src/cli/main.ts with every package left to
 * Node, two levels below the checkout (test-results/<tmp>/), so those
 * packages resolve from it and ../../package.json is this package's, as
 * from dist/cli/main.js. About a second; built once per test file.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

export interface BuiltCli {
  main: string;
  cleanup(): void;
}

export async function buildCli(): Promise<BuiltCli> {
  const results = join(ROOT, 'test-results');
  mkdirSync(results, { recursive: true });
  const dir = mkdtempSync(join(results, 'cli-'));
  const main = join(dir, 'main.mjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outfile: main,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return { main, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
