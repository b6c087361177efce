// Bundles the CLI into dist/ with esbuild, shaped for start-up time:
//
//   dist/csp.cjs           the entry: answers --version, else runs cli.cjs with its code cache.
//   dist/cli.cjs           the CLI: commander, every command, rendering, the cache. CommonJS,
//                          because Node 20 starts a CommonJS program ≈ 10 ms sooner than an ES module.
//   dist/parser.cjs        every module that imports `yaml`, `js-yaml` or `zod` (the parse*.ts and schema*.ts),
//                          with those libraries: ≈ 1 MB that costs ≈ 60 ms to load. cli.cjs
//                          loads it on first use (with its V8 code cache, dist/parser.code-cache),
//                          so `--version`, `--help` and a run answered from the cache never load it.
//   dist/parse-worker.cjs  the worker thread that parses files when a plan is large.
//
// The rule is mechanical: a module that imports `yaml` or `zod` is compiled into parser.cjs, and
// an import of it from anywhere else becomes a require('./parser.cjs') that runs when the
// importing module is first evaluated. Keep such imports out of the warm path: import them
// dynamically (`await import('../core/load.js')`) where only a cache miss needs them.
// The modules those parser modules use (diagnostics.ts, dates.ts, …) are bundled into both files,
// so they must stay stateless; errors.ts recognises its errors across the two copies.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildId } from './build-id.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const HEAVY_PACKAGES = new Set(['yaml', 'js-yaml', 'zod']);
const LAZY_BUILTINS = ['child_process', 'crypto'];
const ENTRIES = { cli: 'src/cli/process-host.ts', 'parse-worker': 'src/io/parse-worker.ts' };

/** Identifies this build's behaviour: caches written by another build are not trusted. */

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: ROOT,
  define: { CSP_VERSION: JSON.stringify(pkg.version), CSP_BUILD_ID: JSON.stringify(buildId(ROOT)) },
};

/** Source modules that import yaml or zod themselves: the parser bundle's public modules. */
async function findParserModules() {
  const { metafile } = await build({
    ...common,
    entryPoints: ['src/cli/entry.ts', ...Object.values(ENTRIES)],
    outdir: 'dist-graph',
    format: 'esm',
    splitting: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const heavy = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (!file.startsWith('src/')) continue;
    const usesHeavy = input.imports.some((i) => {
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i.path);
      return m && HEAVY_PACKAGES.has(m[1]);
    });
    if (usesHeavy) heavy.push(file);
  }
  return heavy.sort();
}

const parserModules = await findParserModules();
const exportName = (file) => `m_${file.replace(/[^A-Za-z0-9]/g, '_')}`;

/**
 * How cli.cjs and parse-worker.cjs load parser.cjs, once each: with the V8 code cache the build
 * records beside it (parser.code-cache), through the loader entry.ts uses for cli.cjs
 * (src/cli/load-bundle.ts). On the main thread only: a parse worker runs for seconds, where
 * compiling costs it little, and V8 would hold a second copy of the deserialized code (≈ 10 MB).
 * The recording (CSP_BUILD_CODE_CACHE=1, main thread) writes the cache when the run ends.
 */
const PARSER_LOADER = `
const { isMainThread } = require('node:worker_threads');
const { loadBundle } = require(${JSON.stringify(path.join(ROOT, 'src/cli/load-bundle.ts'))});
module.exports = loadBundle({
  file: __dirname + '/parser.cjs',
  cacheFile: __dirname + '/parser.code-cache',
  useCache: isMainThread,
  record: process.env.CSP_BUILD_CODE_CACHE === '1' && isMainThread,
  parent: module,
});
`;

/** In cli.cjs: parser modules resolve to a stub that takes them from parser.cjs (loaded by PARSER_LOADER). */
const parserBoundary = {
  name: 'parser-boundary',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.namespace === 'parser-stub') return undefined;
      const abs = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      const rel = path.relative(ROOT, abs).split(path.sep).join('/');
      if (!parserModules.includes(rel)) return undefined;
      return { path: rel, namespace: 'parser-stub' };
    });
    b.onLoad({ filter: /.*/, namespace: 'parser-stub' }, (args) => ({
      contents: `module.exports = require('csp-parser-bundle').${exportName(args.path)};`,
      loader: 'js',
      resolveDir: path.join(ROOT, 'dist'),
    }));
    b.onResolve({ filter: /^csp-parser-bundle$/ }, () => ({ path: 'parser', namespace: 'parser-loader' }));
    b.onLoad({ filter: /.*/, namespace: 'parser-loader' }, () => ({ contents: PARSER_LOADER, loader: 'js', resolveDir: ROOT }));
  },
};

/**
 * Start-up work a run may not need, deferred or skipped. string-width builds an Intl.Segmenter
 * (≈ 20 ms) when evaluated and cli-table3 is large: both are evaluated on first use, which the
 * fast paths of render/width.ts and render/table.ts avoid for the text csp prints. cli-table3
 * measures cells with csp's displayWidth instead of its own copy of string-width@4, whose 10 kB
 * emoji pattern would be compiled on every run (and so tables and truncation agree on widths).
 */
const lazyStart = {
  name: 'lazy-start',
  setup(b) {
    // Built-in modules that cost milliseconds to load and that most runs never call: commander
    // needs child_process only for executable subcommands (csp has none; git and $EDITOR need it),
    // crypto serves translation fingerprints and lock files. Each becomes an object whose
    // properties load the module when first read.
    b.onResolve({ filter: new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`) }, (args) =>
      args.namespace === 'lazy-builtin' ? { path: `node:${args.path.replace(/^node:/, '')}`, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: [
        'let m;',
        `const load = () => (m ??= require(${JSON.stringify(`node:${args.path}`)}));`,
        `for (const key of ${JSON.stringify(Object.keys(createRequire(import.meta.url)(`node:${args.path}`)).sort())}) {`,
        '  Object.defineProperty(module.exports, key, { get: () => load()[key], enumerable: true });',
        '}',
        '',
      ].join('\n'),
      loader: 'js',
    }));
    // chalk works out colour support from the terminal when it is evaluated (loading node:tty);
    // csp decides colour itself (src/cli/terminal.ts) and passes chalk an explicit level.
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-detection' }));
    b.onLoad({ filter: /.*/, namespace: 'no-detection' }, () => ({
      contents: 'export default { stdout: false, stderr: false };\n',
      loader: 'js',
    }));
    b.onResolve({ filter: /^(string-width|cli-table3)$/ }, (args) => {
      if (args.namespace === 'lazy-package') return undefined;
      if (args.path === 'string-width' && /[\\/]node_modules[\\/]cli-table3[\\/]/.test(args.importer)) {
        return { path: 'table-width', namespace: 'csp-width' };
      }
      if (args.importer.startsWith(path.join(ROOT, 'src'))) return { path: args.path, namespace: 'lazy-package' };
      return undefined;
    });
    // Both are used through their default export, a function or a class: a stand-in that loads
    // the package when first called (or constructed).
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      contents: [
        'let m;',
        `const load = () => { m ??= require(${JSON.stringify(args.path)}); return m && m.__esModule ? m.default : m; };`,
        'module.exports = function (...a) { return new.target ? Reflect.construct(load(), a) : load().apply(this, a); };',
        '',
      ].join('\n'),
      loader: 'js',
      resolveDir: ROOT,
    }));
    b.onLoad({ filter: /.*/, namespace: 'csp-width' }, () => ({
      contents: `module.exports = require(${JSON.stringify(path.join(ROOT, 'src/render/width.ts'))}).displayWidth;\n`,
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });

await build({
  ...common,
  stdin: {
    contents: parserModules.map((f) => `export * as ${exportName(f)} from './${f}';`).join('\n'),
    resolveDir: ROOT,
    sourcefile: 'parser-entry.ts',
    loader: 'ts',
  },
  outfile: 'dist/parser.cjs',
  format: 'cjs',
  // yaml's ES-module build, the same code as its CommonJS one: bundled as ES modules, its functions
  // call each other directly instead of through `require` objects, and a plan file parses ≈ 20%
  // faster. (It differs only where csp does not go: warnings of yaml.parse() go to console.warn
  // rather than process.emitWarning, and YAML 1.1 binary scalars decode with atob.)
  alias: { yaml: './node_modules/yaml/browser/index.js' },
});

await build({
  ...common,
  entryPoints: { csp: 'src/cli/entry.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
});

await build({
  ...common,
  entryPoints: ENTRIES,
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [parserBoundary, lazyStart],
});

// The V8 code caches of cli.cjs (see src/cli/entry.ts) and parser.cjs (PARSER_LOADER): recorded
// while the CLI draws a dashboard, twice (the first run parses every file, the second is answered
// from the load cache, the path that must be fast). The plan is
// the small made-up one in scripts/build-fixture/, copied to a temporary folder: the build never
// reads the repository's plan/, so a plan with errors or notes dated today still installs,
// builds and packs.
const FIXTURE = path.join(ROOT, 'scripts/build-fixture/plan');
const training = mkdtempSync(path.join(tmpdir(), 'csp-build-'));
try {
  cpSync(FIXTURE, path.join(training, 'plan'), { recursive: true });
  for (let run = 0; run < 2; run++) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/csp.cjs'), '--plan', path.join(training, 'plan'), 'status', '--as-of', '2026-01-01'], {
      env: { ...process.env, CSP_BUILD_CODE_CACHE: '1', NO_COLOR: '1', CSP_PLAN: '' },
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      console.error(`csp build: recording the code cache on scripts/build-fixture/ failed (exit ${r.status}):\n${r.stderr || r.error}`);
      process.exit(1);
    }
  }
} finally {
  rmSync(training, { recursive: true, force: true });
}
