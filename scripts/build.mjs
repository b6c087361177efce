// Bundles src/cli/main.ts into dist/ with esbuild: one ESM entry plus lazily
// loaded chunks, so `csp --version` and `--help` never load yaml or zod.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Start from an empty dist/: chunk names change from build to build, and stale ones would be packed.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { CSP_VERSION: JSON.stringify(pkg.version) },
  // commander and cli-table3 are CommonJS and call require() for node built-ins.
  banner: {
    js: "import { createRequire as __cspCreateRequire } from 'node:module'; const require = __cspCreateRequire(import.meta.url);",
  },
});
