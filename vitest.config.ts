import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { buildId } from './scripts/build-id.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // What scripts/build.mjs defines in the bundle, for the CLI run in-process (test/helpers/cli.ts).
  // CSP_BUILD_ID too: the caches csp keeps in a plan's .csp-cache/ are per build, so that a run of
  // changed sources in a test never reads what an earlier version of them computed.
  define: { CSP_VERSION: JSON.stringify(version), CSP_BUILD_ID: JSON.stringify(buildId(fileURLToPath(new URL('.', import.meta.url)))) },
  test: {
    include: ['test/**/*.test.ts'],
    // test/data/ checks the repository's plan/ and the docs made from it (`npm run check-plan`):
    // the code's tests run on fixtures, so that they pass whatever the plan's data holds.
    exclude: ['test/data/**', '**/node_modules/**'],
    setupFiles: ['test/helpers/setup.ts'],
    // CLI end-to-end tests spawn processes and wait on them: two test files at a time keep both
    // cores busy (vitest's default on two cores is one).
    maxWorkers: 2,
    // Test files share their worker's modules (src/ is transformed and loaded once per worker, not
    // once per file): no test mocks modules or changes process-wide state (a test that must, such as
    // a clock or an environment, passes it to the run it makes).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
