// No behaviour change: the bytes a fixed set of commands prints (stdout, stderr, exit code) on the
// frozen copy of the shipped plan and on the fixtures, recorded in test/__snapshots__/golden/. A
// refactoring leaves every file as it is; a change of behaviour updates the files it meant to
// change (`npx vitest run test/golden.test.ts -u`), and the diff shows exactly what users will see.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { type CliResult, REPO_ROOT, SHIPPED_ROOT, runCli, runCliAsync } from './helpers/cli.js';
import { type FileTree, withManifest, writeTree } from './helpers/plan.js';
import { maskRevision } from './helpers/revision.js';

const SAMPLE = path.join(REPO_ROOT, 'test/fixtures/sample');
const RULES = path.join(REPO_ROOT, 'test/fixtures/rules');

const ON_SHIPPED: [string, string[]][] = [
  ['status', ['status', '--as-of', '2026-03-01']],
  ['status-look-back', ['status', '--as-of', '2025-06-30', '--pillar', '2']],
  ['status-json', ['status', '--as-of', '2026-03-01', '--json']],
  ['status-stale', ['status', '--as-of', '2026-03-01', '--stale', '90']],
  ['show', ['show', 'p2.1', '--as-of', '2026-03-01']],
  ['show-json', ['show', 'p2.1', '--as-of', '2026-03-01', '--json']],
  ['show-unknown', ['show', 'p9.9', '--as-of', '2026-03-01']],
  ['export', ['export', '--as-of', '2026-03-01', '--json']],
  ['report-md', ['report', '--as-of', '2026-03-01']],
  ['report-fr', ['report', '--as-of', '2026-03-01', '--lang', 'fr']],
  ['report-ko', ['report', '--as-of', '2026-03-01', '--lang', 'ko']],
  ['validate', ['validate', '--as-of', '2026-03-01']],
  ['validate-json', ['validate', '--as-of', '2026-03-01', '--format', 'json']],
  ['diff-dates', ['diff', '2025-01-01', '2026-03-01', '--as-of', '2026-03-01']],
  ['diff-review', ['diff', 'adoption', '2026-03-01', '--as-of', '2026-03-01']],
  ['diff-md', ['diff', '2025-01-01', '2026-03-01', '--format', 'md', '--as-of', '2026-03-01']],
  ['review-show', ['review', 'show', 'adoption', '--as-of', '2026-03-01']],
  ['help', ['--help']],
  ['help-status', ['status', '--help']],
  ['help-note', ['note', '--help']],
  ['help-rules', ['help', 'rules']],
  ['help-format', ['help', 'format']],
  ['schema-initiative', ['schema', 'initiative']],
  ['usage-unknown-command', ['statu']],
  ['usage-bad-date', ['status', '--as-of', '2026-02-30']],
  ['usage-bad-option', ['status', '--pilar', '2']],
  ['completion-bash', ['completion', 'bash']],
];

const ON_SAMPLE: [string, string[]][] = [
  ['sample-status', ['status', '--as-of', '2026-01-01']],
  ['sample-validate', ['validate', '--as-of', '2026-01-01']],
  ['sample-export', ['export', '--as-of', '2026-01-01', '--json']],
];

/** A rule fixture as test/rules.test.ts reads it: its files, with the test manifest where it has none. */
function fixtureRoot(dir: string): string {
  const tree: FileTree = {};
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const child = path.join(abs, name);
      const relChild = rel ? `${rel}/${name}` : name;
      if (statSync(child).isDirectory()) walk(child, relChild);
      else if (relChild !== 'expect.json') tree[relChild] = readFileSync(child);
    }
  };
  walk(dir, '');
  return writeTree('plan/plan.yaml' in tree ? tree : withManifest(tree));
}

/** The run's bytes, as recorded: in this process by default, or by the built CLI in a process of its own. */
async function record(args: string[], cwd: string, run: typeof runCli = runCli): Promise<string> {
  const r: CliResult = await run(args, { cwd, env: { CSP_NO_CACHE: '1' } });
  const clean = (s: string) => maskRevision(s).split(cwd).join('<root>').split(REPO_ROOT).join('<repo>');
  return `$ csp ${args.join(' ')}\nexit ${r.code}\n--- stdout\n${clean(r.stdout)}--- stderr\n${clean(r.stderr)}`;
}

// In this process (test/helpers/cli.ts), one run after another: the same main as the built CLI.
describe('the same bytes as recorded (no behaviour change)', () => {
  for (const [name, args] of ON_SHIPPED) {
    it(`shipped plan: csp ${args.join(' ')}`, async ({ expect }) => {
      await expect(await record(args, SHIPPED_ROOT)).toMatchFileSnapshot(`__snapshots__/golden/${name}.txt`);
    });
  }
  for (const [name, args] of ON_SAMPLE) {
    it(`sample plan: csp ${args.join(' ')}`, async ({ expect }) => {
      await expect(await record(args, SAMPLE)).toMatchFileSnapshot(`__snapshots__/golden/${name}.txt`);
    });
  }
  for (const fixture of readdirSync(RULES).sort()) {
    it(`rule fixture ${fixture}: csp validate, text and JSON`, async ({ expect }) => {
      const cwd = fixtureRoot(path.join(RULES, fixture));
      const text = await record(['validate', '--as-of', '2026-01-01'], cwd);
      const json = await record(['validate', '--as-of', '2026-01-01', '--format', 'json'], cwd);
      await expect(`${text}\n${json}`).toMatchFileSnapshot(`__snapshots__/golden/rules/${fixture}.txt`);
    });
  }
});

// The built CLI (bin/csp.cjs → dist/, a process of its own) prints the same bytes as the in-process
// runs above: a sample of the recordings, one of each kind (dashboard, report in another language,
// JSON, a usage error, completion, a rule fixture's diagnostics), checked against the same files.
describe.concurrent('the same bytes from the built CLI, in a process of its own', () => {
  const sample = new Set(['status', 'report-ko', 'validate-json', 'usage-bad-option', 'completion-bash', 'help-note']);
  for (const [name, args] of ON_SHIPPED.filter(([n]) => sample.has(n))) {
    it(`shipped plan: csp ${args.join(' ')}`, async ({ expect }) => {
      await expect(await record(args, SHIPPED_ROOT, runCliAsync)).toMatchFileSnapshot(`__snapshots__/golden/${name}.txt`);
    });
  }
  it('rule fixture missing-field: csp validate, text and JSON', async ({ expect }) => {
    const cwd = fixtureRoot(path.join(RULES, 'missing-field'));
    const text = await record(['validate', '--as-of', '2026-01-01'], cwd, runCliAsync);
    const json = await record(['validate', '--as-of', '2026-01-01', '--format', 'json'], cwd, runCliAsync);
    await expect(`${text}\n${json}`).toMatchFileSnapshot('__snapshots__/golden/rules/missing-field.txt');
  });
});
