import { defineConfig } from 'vitest/config';

// `npm run check-plan`: the data in plan/ against the seed and the sources, and the docs made from it.
export default defineConfig({
  test: {
    include: ['test/data/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
