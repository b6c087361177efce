/**
 * The program's first module (dist/csp.cjs). `csp --version` is answered
 * here, before the rest of the CLI is even compiled. Everything else runs
 * dist/cli.cjs, compiled with the V8 code cache that the build recorded
 * beside it (Node 20 keeps no compile cache of its own): compiling its
 * ≈ 300 kB would otherwise cost ≈ 10 ms of every run. V8 rejects a cache
 * recorded by another Node version, and the file is then compiled as usual.
 */
declare const CSP_VERSION: string;

/** Set by scripts/build.mjs while it runs the CLI to record which functions a run compiles. */
const RECORD_ENV = 'CSP_BUILD_CODE_CACHE';

function runCli(): void {
  // Loaded here rather than imported above, so that --version loads none of them.
  const { readFileSync, writeFileSync } = process.getBuiltinModule('node:fs');
  const Module = process.getBuiltinModule('node:module');
  const { Script } = process.getBuiltinModule('node:vm');
  const file = `${__dirname}/cli.cjs`;
  const cacheFile = `${__dirname}/cli.code-cache`;
  const recording = process.env[RECORD_ENV] === '1';
  let cachedData: Buffer | undefined;
  if (!recording) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // no cache: compile as usual
    }
  }
  const source = Module.wrap(readFileSync(file, 'utf8'));
  const script = new Script(source, cachedData ? { filename: file, cachedData } : { filename: file });
  if (recording) process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  const mod = new Module(file, module);
  mod.filename = file;
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, Module.createRequire(file), mod, file, __dirname);
  mod.loaded = true;
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.getBuiltinModule('node:fs').writeSync(1, `${typeof CSP_VERSION === 'string' ? CSP_VERSION : '0.0.0-dev'}\n`);
} else {
  try {
    runCli();
  } catch (err) {
    // A broken installation (a bundle missing or damaged): csp's fault, said without a stack (exit 4, see errors.ts).
    const debug = args.includes('--debug') || process.env.CSP_DEBUG === '1';
    const e = err as Error;
    const text = `csp: internal error: ${String(e?.message ?? err).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}\n  help: this is a bug in csp or a damaged installation; reinstall csp, and if it persists run again with --debug and report what it prints\n`;
    try {
      process.getBuiltinModule('node:fs').writeSync(2, debug && e?.stack ? `${text}${e.stack}\n` : text);
    } catch {
      // standard error closed: the exit code says it
    }
    process.exitCode = 4;
  }
}
