/**
 * The pull-request workflow (.github/workflows/plan.yml), run here: its
 * steps' commands, taken from the YAML, against a throwaway repository with a
 * base branch and a pull-request branch, as GitHub Actions would run them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CSP_BIN, REPO_ROOT } from './helpers/cli.js';
import { commit, git, gitInit } from './helpers/git.js';
import { note, planV1, planV2Changes } from './helpers/history.js';
import { initiative, MANIFEST } from './helpers/plan.js';

interface Step {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  run?: string;
}

const workflow = parse(readFileSync(path.join(REPO_ROOT, '.github/workflows/plan.yml'), 'utf8')) as {
  on: { pull_request: { paths: string[] } };
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

let repo: string;

/** Runs the workflow's run steps on the pull-request branch `branch`, as the runner's bash would. */
function runWorkflow(branch: string): { results: { name: string; code: number; stdout: string; stderr: string }[]; summary: string } {
  git(repo, 'checkout', '-q', branch);
  const summaryFile = path.join(mkdtempSync(path.join(tmpdir(), 'csp-summary-')), 'summary.md');
  writeFileSync(summaryFile, '');
  const results = [];
  for (const step of steps.filter((s) => s.run !== undefined)) {
    // The install step (npm ci) is replaced by linking the csp under test, the one thing it provides here.
    if (/^npm ci\b/.test(step.run!)) continue;
    // The data check of csp's own repository (test/data: the plan against the seed, the docs made
    // from it) has nothing to check in this throwaway repository; `npm run check-plan` is run by itself.
    if (step.run === 'npm run check-plan') continue;
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: summaryFile, NO_COLOR: undefined, FORCE_COLOR: undefined, CSP_PLAN: undefined };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = v.replace('${{ github.base_ref }}', 'main');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
    results.push({ name: step.name ?? '', code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) break;
  }
  return { results, summary: readFileSync(summaryFile, 'utf8') };
}

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'csp-workflow-'));
  gitInit(repo);
  // What `npm ci` makes available to `npx csp`: the csp bin in node_modules/.bin (untracked).
  mkdirSync(path.join(repo, 'node_modules/.bin'), { recursive: true });
  symlinkSync(CSP_BIN, path.join(repo, 'node_modules/.bin/csp'));
  writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
  commit(repo, 'The plan', { 'plan/plan.yaml': MANIFEST, ...planV1() });
  // The base branch as actions/checkout with fetch-depth 0 leaves it: a remote-tracking ref.
  git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'progress');
  commit(repo, 'A year of progress', planV2Changes());
  git(repo, 'checkout', '-q', '-b', 'broken', 'main');
  commit(repo, 'A typo', { 'plan/pillar-1/p1.3.yaml': initiative('p1.3', 1, `stauts: done\nnotes:\n${note('2025-05-01', 'Met.')}`) });
});

describe('the pull-request workflow', () => {
  it('runs on pull requests that touch plan/, with the history and Node 20', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.on.pull_request.paths).toEqual(['plan/**']);
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({ 'fetch-depth': 0 });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({ 'node-version': 20 });
    const runs = steps.filter((s) => s.run !== undefined);
    expect(runs.map((s) => s.run!.trim())).toEqual([
      'npm ci --no-audit --no-fund',
      'npx --no csp validate --format github',
      'npm run check-plan',
      'npx --no csp diff "origin/$BASE_REF" HEAD --format md >> "$GITHUB_STEP_SUMMARY"',
    ]);
    expect(runs[3]!.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
  });

  it('validates, and writes what the pull request changes to the job summary as markdown', () => {
    const { results, summary } = runWorkflow('progress');
    expect(results.map((r) => [r.name, r.code])).toEqual([
      ['Validate the plan', 0],
      ['What this pull request changes in the plan', 0],
    ]);
    expect(results[0]!.stdout).toContain('csp validate: 0 errors, 0 warnings');
    expect(summary).toMatch(/^## Changes from revision origin\/main \([0-9a-f]{7}\) to revision HEAD \([0-9a-f]{7}\)\n/);
    expect(summary).toContain('**1 moved to completed · 2 received notes · 1 added · 1 removed · 1 edited**');
    expect(summary).toContain('- **p2.3** Title of p2.3 — **added**');
    expect(summary).not.toContain('p2.1');
  });

  it('fails on a broken plan, with an annotation on the line', () => {
    const { results } = runWorkflow('broken');
    expect(results.map((r) => [r.name, r.code])).toEqual([['Validate the plan', 1]]);
    expect(results[0]!.stdout).toMatch(/^::error file=plan\/pillar-1\/p1\.3\.yaml,line=5,col=1,title=csp unknown-field::/m);
  });
});
