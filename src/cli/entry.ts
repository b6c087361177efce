/**
 * The program's first module (dist/csp.cjs). `csp --version` is answered
 * here, before the rest of the CLI is even compiled. Everything else runs
 * dist/cli.cjs, compiled with the V8 code cache that the build recorded
 * beside it (load-bundle.ts): compiling its ≈ 300 kB would otherwise cost
 * ≈ 10 ms of every run.
 */
import { loadBundle } from './load-bundle.js';

declare const CSP_VERSION: string;

/** Set by scripts/build.mjs while it runs the CLI to record which functions a run compiles. */
const RECORD_ENV = 'CSP_BUILD_CODE_CACHE';

function runCli(): void {
  const recording = process.env[RECORD_ENV] === '1';
  loadBundle({ file: `${__dirname}/cli.cjs`, cacheFile: `${__dirname}/cli.code-cache`, useCache: true, record: recording, parent: module });
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
