import { defineConfig } from 'vitest/config';
import { SkipGuard } from './test/reporters/skip-guard.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start sshd or spawn the CLI must not starve each other on 2 cores.
    maxWorkers: 2,
    // The JSON report is what .ci/run counts ("N passed, N failed"); skip-guard makes skips loud (and fail under CI=true).
    reporters: ['default', 'json', new SkipGuard()],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
