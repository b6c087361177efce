/**
 * Runs csp for tests. `runCli` runs the CLI in this process, through `main` with a Host made
 * of the test's environment, folder, standard input and captured output: the same answer as a
 * spawned run (exit code, stdout, stderr), in a fraction of the time. `runCliProcess` and
 * `runCliAsync` run the built CLI (bin/csp.cjs → dist/) in a child process, as a user would:
 * for what needs a real process (signals, closed or full output, terminals, the bundle itself,
 * worker threads, another build through CSP_TEST_BIN).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Host } from '../../src/cli/host.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The CLI under test; CSP_TEST_BIN runs the tests against another build (e.g. to see a test fail before its fix). */
export const CSP_BIN = process.env.CSP_TEST_BIN ?? path.join(REPO_ROOT, 'bin/csp.cjs');
/**
 * A frozen copy of the shipped plan (plan/ as of 2026-12-02): the code's tests run on it, never on
 * the repository's plan/, so that whatever the plan's data holds (a note dated today, a broken file
 * in a pull request) the code's tests answer the same. The data itself is checked by
 * `npm run check-plan` (test/data/).
 */
export const SHIPPED_ROOT = path.join(REPO_ROOT, 'test/fixtures/shipped');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
}

/**
 * The environment of a csp run in tests. A run given --as-of DAY reads the
 * clock as the start of DAY in UTC (CSP_NOW), so that "today" is that day and
 * tests do not depend on the day they run; a test may set CSP_NOW itself.
 */
function cliEnv(extra: CliOptions['env'], args: readonly string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', COLUMNS: '100', CSP_PLAN: undefined };
  const asOf = args[args.indexOf('--as-of') + 1];
  if (args.includes('--as-of') && asOf !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) env.CSP_NOW = `${asOf}T00:00:00Z`;
  delete env.FORCE_COLOR;
  delete env.CSP_PLAN;
  // Tests say themselves when they run "in CI" (csp validate then trusts no cache).
  delete env.CI;
  delete env.GITHUB_ACTIONS;
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/**
 * csp run in this process, with an injected Host: nothing is a terminal, standard input is
 * `input` (empty by default). With CSP_TEST_BIN set, every run is a child process of that build.
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  // Worker threads run dist/parse-worker.cjs, beside the built CLI: a run that asks for them is a process.
  const workers = options.env?.CSP_PARSE_WORKERS;
  if (process.env.CSP_TEST_BIN || (workers !== undefined && workers !== '0')) return runCliProcess(args, options);
  const { main } = await import('../../src/cli/main.js');
  const stdout: string[] = [];
  const stderr: string[] = [];
  const input = Buffer.from(options.input ?? '', 'utf8');
  const output = (into: string[]) => ({
    write: (text: string | Uint8Array) => void into.push(typeof text === 'string' ? text : Buffer.from(text).toString('utf8')),
    isTTY: false,
    columns: undefined,
  });
  const host: Host = {
    env: cliEnv(options.env, args),
    cwd: options.cwd ?? SHIPPED_ROOT,
    stdin: { read: () => input, isTTY: false },
    stdout: output(stdout),
    stderr: output(stderr),
    outputLost: () => undefined,
  };
  const code = await main(args, host);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** The built CLI in a child process, as a user runs it. */
export function runCliProcess(args: string[], options: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CSP_BIN, ...args], {
    cwd: options.cwd ?? SHIPPED_ROOT,
    env: cliEnv(options.env, args),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking: for tests that run several csp processes at once. */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CSP_BIN, ...args], { cwd: options.cwd ?? SHIPPED_ROOT, env: cliEnv(options.env, args) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end(options.input ?? '');
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A synthetic plan repository (scripts/synth.mjs) of `initiatives` × `notes`, in a fresh temporary folder. */
export function synthRoot(initiatives: number, notes: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-synth-'));
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/synth.mjs'), '--initiatives', String(initiatives), '--notes', String(notes), '--out', root], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm run synth failed: ${r.stderr}`);
  return root;
}
