// The committed example report (docs/example-report.*) is the report of the repository's plan/: a
// check of the data and the docs made from it, run by `npm run check-plan`, not by the code's tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { maskRevision } from '../helpers/revision.js';

describe('the committed example report', () => {
  // Regenerate with: node scripts/example-report.mjs (also renders the PNG pages when chromium is installed)
  const dir = mkdtempSync(path.join(tmpdir(), 'csp-example-'));
  const files = ['example-report.md', 'example-report-status.svg', 'example-report-trend.svg', 'example-report.html'];

  it('docs/example-report.md (with its charts) and .html are the report of the shipped plan as of 2026-03-01', async () => {
    expect((await runCli(['report', '--as-of', '2026-03-01', '-o', path.join(dir, 'example-report.md')], { cwd: REPO_ROOT })).code).toBe(0);
    expect((await runCli(['report', '--as-of', '2026-03-01', '--format', 'html', '-o', path.join(dir, 'example-report.html')], { cwd: REPO_ROOT })).code).toBe(0);
    for (const f of files) {
      const made = readFileSync(path.join(dir, f), 'utf8');
      // The revision is the latest commit that changed plan/ (a shallow clone cannot know it).
      if (f.endsWith('.md') || f.endsWith('.html')) expect(made).toMatch(/plan at [0-9a-f]{12}/);
      expect(maskRevision(made), `docs/${f} is out of date: run node scripts/example-report.mjs`).toBe(maskRevision(readFileSync(path.join(REPO_ROOT, 'docs', f), 'utf8')));
    }
    const shallow = spawnSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim();
    if (shallow === 'false') {
      const commit = spawnSync('git', ['log', '-1', '--format=%H', '--', 'plan'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim().slice(0, 12);
      expect(readFileSync(path.join(dir, 'example-report.html'), 'utf8')).toContain(`plan at ${commit}`);
    }
  });
});
