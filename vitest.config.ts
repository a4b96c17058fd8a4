import { defineConfig } from 'vitest/config';
import { SkipGuard } from './test/reporters/skip-guard.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start sshd or spawn the CLI must not starve each other on 2 cores.
    maxWorkers: 2,
    // Files in one worker share the module cache: loading src/ once per worker instead of once per
    // file (239 files) took the suite from ~290 s to ~210 s. Every test builds its own hosts and
    // state; none relies on a fresh module instance.
    isolate: false,
    // The JSON report is what .ci/run counts ("N passed, N failed"); skip-guard makes skips loud (and fail under CI=true).
    reporters: ['default', 'json', new SkipGuard()],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
