import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI end-to-end tests spawn processes; two cores here.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
