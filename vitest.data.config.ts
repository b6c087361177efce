import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// `npm run check-plan`: the data in plan/ against the seed and the sources, and the docs made from it.
export default defineConfig({
  // What scripts/build.mjs defines in the bundle, for the CLI run in-process (test/helpers/cli.ts).
  define: { CSP_VERSION: JSON.stringify(version) },
  test: {
    include: ['test/data/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
