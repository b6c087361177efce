/**
 * csp review and csp diff end to end, on a git repository built here: the
 * plan at two revisions, a review frozen after each, then a note written
 * later but dated before the second review. The plan lives in office/plan,
 * not at the repository top.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli, runCliProcess } from './helpers/cli.js';
import { commit, git, gitInit } from './helpers/git.js';
import { note, planV1, planV2Changes } from './helpers/history.js';
import { initiative, MANIFEST, writeTree } from './helpers/plan.js';

const NOW = '2026-12-31';
let root: string;
let office: string;

const csp = async (...args: string[]): Promise<CliResult> => await runCli(['--as-of', NOW, ...args], { cwd: office });
const json = async (...args: string[]) => {
  const r = await csp(...args, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { from: Record<string, unknown>; to: Record<string, unknown>; summary: Record<string, unknown>; changes: Record<string, unknown>[] };
};
const brief = (d: { changes: Record<string, unknown>[] }) => d.changes.map((c) => `${String(c.id)} ${String(c.kind)}`);

/** Every kind of change from v1 to v2; p2.1 never appears. */
const V1_TO_V2 = ['p1.1 status', 'p1.1 notes', 'p1.2 notes', 'p1.3 edited', 'p2.2 removed', 'p2.3 added'];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'csp-git-'));
  office = path.join(root, 'office');
  gitInit(root);
  commit(root, 'Readme only', { 'README.md': '# Office\n' });
  git(root, 'tag', 'v0');
  commit(root, 'The plan', { 'office/plan/plan.yaml': MANIFEST, ...planV1('office/plan') });
  git(root, 'tag', 'v1');
  const created = await csp('review', 'create', 'dialogue-2025', '--date', '2025-06-30', '--title', 'Strategic Dialogue 2025');
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  commit(root, 'Review dialogue-2025');
  commit(root, 'A year of progress', planV2Changes('office/plan'));
  git(root, 'tag', 'v2');
  expect((await csp('review', 'create', 'dialogue-2026', '--date', '2026-06-30')).code).toBe(0);
  commit(root, 'Review dialogue-2026');
  // Written after the 2026 review, dated before it: the review did not see it.
  const p21 = readFileSync(path.join(office, 'plan/pillar-2/p2.1.yaml'), 'utf8');
  commit(root, 'A late note', { 'office/plan/pillar-2/p2.1.yaml': `${p21}${note('2026-01-15', 'Late report of a January meeting.')}` });
});

describe('csp review', () => {
  it('creates a validated, human-readable file and refuses to overwrite it', async () => {
    const text = readFileSync(path.join(office, 'plan/reviews/dialogue-2025.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/review\.schema\.json\n/);
    expect(text).toContain('title: Strategic Dialogue 2025\ndate: 2025-06-30\nplan: Test Action Plan\n');
    expect(text).toContain('  - id: p1.1\n    pillar: 1\n    title: Title of p1.1\n    text: Text of p1.1\n    status: in-progress\n    statusSince: 2025-01-10\n    sides:\n      ca: in-progress\n      kr: in-progress\n    noteCount: 1\n    lastNote: 2025-01-10\n');
    const again = await csp('review', 'create', 'dialogue-2025', '--date', '2025-06-30');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(path.join(office, 'plan/reviews/dialogue-2025.yaml'), 'utf8')).toBe(text);
  });

  it('replaces a review with --force, in a scratch copy', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'csp-force-'));
    cpSync(path.join(office, 'plan'), path.join(copy, 'plan'), { recursive: true });
    const r = await runCli(['--as-of', NOW, 'review', 'create', 'dialogue-2025', '--date', '2025-12-31', '--force'], { cwd: copy });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(copy, 'plan/reviews/dialogue-2025.yaml'), 'utf8')).toContain('date: 2025-12-31');
  });

  it('refuses bad names and dates with exit 2', async () => {
    // Which names are valid is tested on isReviewName; here, that the command refuses them.
    for (const name of ['../escape', 'Dialogue']) expect((await csp('review', 'create', name)).code, name).toBe(2);
    expect((await csp('review', 'create', 'later', '--date', '2027-01-02')).stderr).toContain('still in the future everywhere on earth');
    expect((await csp('review', 'create', 'bad', '--date', '2025-02-30')).code).toBe(2);
  });

  it('exits 3 when the review cannot be written', async () => {
    const blocked = writeTree({ 'plan/plan.yaml': MANIFEST, 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1), 'plan/reviews': 'a file where the folder should be\n' });
    const r = await runCli(['--as-of', NOW, 'review', 'create', 'dialogue-2025'], { cwd: blocked });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('cannot create folder plan/reviews');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists reviews oldest first, as a table and as JSON', async () => {
    const r = await csp('review', 'list');
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf('dialogue-2025')).toBeLessThan(r.stdout.indexOf('dialogue-2026'));
    expect(r.stdout).toContain('Strategic Dialogue 2025');
    const data = JSON.parse((await csp('review', 'list', '--json')).stdout);
    expect(data.reviews.map((x: { name: string; date: string }) => `${x.name} ${x.date}`)).toEqual(['dialogue-2025 2025-06-30', 'dialogue-2026 2026-06-30']);
    expect(data.reviews[1]).toMatchObject({ file: 'plan/reviews/dialogue-2026.yaml', initiatives: 5, counts: { completed: 1, 'in-progress': 1, ongoing: 1, 'not-started': 2 } });
  });

  it('shows one review per pillar, and suggests a name for an unknown one', async () => {
    const r = await csp('review', 'show', 'dialogue-2026');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Frozen as of 2026-06-30');
    expect(r.stdout).toMatch(/│ p1\.1 +│ Title of p1\.1 +│ ● completed +│ 2025-09-01 │ 2 +│ 2025-09-01 │/);
    expect(r.stdout).toContain('Title of p2.1 (also pillar 2)');
    expect(JSON.parse((await csp('review', 'show', 'dialogue-2026', '--json')).stdout)).toMatchObject({ name: 'dialogue-2026', date: '2026-06-30' });
    const unknown = await csp('review', 'show', 'dialogue-2027');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/did you mean .*'dialogue-2026'/);
  });

  it('ships the baseline at adoption: every initiative of the Action Plan, not started, on 2024-07-18', async () => {
    const data = JSON.parse((await runCli(['review', 'show', 'adoption', '--json'])).stdout);
    expect(data).toMatchObject({ name: 'adoption', file: 'plan/reviews/adoption.yaml', date: '2024-07-18', title: 'Baseline at adoption' });
    expect(data.pillars).toHaveLength(5);
    expect(data.initiatives).toHaveLength(36);
    expect(data.initiatives.every((i: { status: string; noteCount: number }) => i.status === 'not-started' && i.noteCount === 0)).toBe(true);
  });

  it('is checked by csp validate, with positions', async () => {
    expect((await csp('validate')).code).toBe(0);
    const broken = writeTree({
      'plan/plan.yaml': MANIFEST,
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1),
      'plan/reviews/ok.yaml': readFileSync(path.join(office, 'plan/reviews/dialogue-2025.yaml'), 'utf8'),
      'plan/reviews/Bad Name.yaml': 'date: 2025-06-30\nplan: P\npillars:\n  - number: 1\n    title: One\ninitiatives:\n  - id: p1.1\n    pillar: 3\n    title: T\n    text: X\n    status: done\n    noteCount: 0\n',
    });
    const r = await runCli(['--as-of', NOW, 'validate', '--format', 'json'], { cwd: broken });
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout).diagnostics.map((x: { file: string; line: number; rule: string }) => `${x.file}:${x.line} ${x.rule}`);
    expect(d).toEqual(['plan/reviews/Bad Name.yaml:1 review-name', 'plan/reviews/Bad Name.yaml:11 invalid-value']);
    // The initiative files still load: a review folder is not part of the plan.
    expect((await runCli(['--as-of', NOW, 'status', '--json'], { cwd: broken })).code).toBe(0);
    expect((await runCli(['--as-of', NOW, 'review', 'list'], { cwd: broken })).code).toBe(1);
  });
});

describe('csp diff', () => {
  it('between two reviews: every kind of change, with the notes\' dates and texts', async () => {
    const d = await json('diff', 'dialogue-2025', 'dialogue-2026');
    expect(d.from).toEqual({ kind: 'review', name: 'dialogue-2025', date: '2025-06-30', title: 'Strategic Dialogue 2025', asOf: '2025-06-30' });
    expect(brief(d)).toEqual(V1_TO_V2);
    expect(d.changes[0]).toEqual({ id: 'p1.1', kind: 'status', pillar: 1, title: 'Title of p1.1', from: 'in-progress', to: 'completed', since: '2025-09-01' });
    expect(d.changes[2]).toMatchObject({ id: 'p1.2', count: 2, notes: [{ date: '2025-10-01', text: 'Workshop held.' }, { date: '2026-02-01', text: 'Report published.' }] });
    expect(d.changes[3]).toMatchObject({ fields: ['title', 'kind'], before: { title: 'Title of p1.3' }, after: { title: 'Renamed p1.3', kind: 'exploratory' } });
    expect(d.summary).toMatchObject({ added: 1, removed: 1, edited: 1, movedTo: { completed: 1 }, receivedNotes: 2, newNotes: 3 });
  });

  it('between two revisions, read from git without touching the working tree', async () => {
    const before = git(root, 'status', '--porcelain');
    const d = await json('diff', 'v1', 'v2');
    expect(d.from).toMatchObject({ kind: 'revision', revision: 'v1', commit: git(root, 'rev-parse', 'v1^{commit}') });
    expect(brief(d)).toEqual(V1_TO_V2);
    expect(d.changes[1]).toMatchObject({ id: 'p1.1', kind: 'notes', count: 1, notes: [{ date: '2025-09-01', text: 'Agreement signed.', status: 'completed' }] });
    expect(git(root, 'status', '--porcelain')).toBe(before);
  });

  it('between two dates: statuses and notes from the working tree, never edits', async () => {
    const d = await json('diff', '2025-06-30', '2026-06-30');
    expect(d.from).toEqual({ kind: 'date', date: '2025-06-30', asOf: '2025-06-30' });
    // p2.1's late note is dated 2026-01-15, so the plan as of 2026-06-30 has it.
    expect(brief(d)).toEqual(['p1.1 status', 'p1.1 notes', 'p1.2 notes', 'p2.1 notes', 'p2.3 status', 'p2.3 notes']);
  });

  it('never reports a note the review did not see as something the review saw', async () => {
    // p2.1's late note is dated before dialogue-2026 but was written after it: the two reviews agree on p2.1.
    expect(brief(await json('diff', 'dialogue-2025', 'dialogue-2026'))).not.toContain('p2.1 notes');
    expect(brief(await json('diff', 'dialogue-2026'))).toEqual(['p2.1 notes']);
  });

  it('mixes kinds: review to revision, date to working tree', async () => {
    expect(brief(await json('diff', 'dialogue-2025', 'v2'))).toEqual(V1_TO_V2);
    expect(brief(await json('diff', 'v2', 'HEAD'))).toEqual(['p2.1 notes']);
    expect((await json('diff', '2026-06-30')).to).toEqual({ kind: 'worktree', asOf: NOW });
  });

  /** "id kind" for every change a text or markdown output shows, read back from its lines. */
  function kindsShown(output: string, format: 'text' | 'md'): string[] {
    const head = format === 'text' ? /^ {2}[~+-] (\S+) / : /^- \*\*(\S+)\*\* /;
    const out: string[] = [];
    let id = '';
    for (const line of output.split('\n')) {
      const m = head.exec(line);
      if (m) id = m[1]!;
      if (!id) continue;
      const kinds = [
        m && / added|\*\*added\*\*/.test(line) ? 'added' : '',
        m && / removed|\*\*removed\*\*/.test(line) ? 'removed' : '',
        /^\s+(- )?status: /.test(line) ? 'status' : '',
        /^\s+(- )?\d+ new notes?\b/.test(line) ? 'notes' : '',
        /^\s+(- )?edited: /.test(line) ? 'edited' : '',
      ];
      out.push(...kinds.filter(Boolean).map((k) => `${id} ${k}`));
    }
    return out;
  }

  describe.each([
    ['two reviews', 'dialogue-2025', 'dialogue-2026', V1_TO_V2],
    ['two revisions', 'v1', 'v2', V1_TO_V2],
    ['two dates', '2025-06-30', '2026-06-30', ['p1.1 status', 'p1.1 notes', 'p1.2 notes', 'p2.1 notes', 'p2.3 status', 'p2.3 notes']],
  ])('between %s, the three formats show the same changes', (_, from, to, expected) => {
    it.each(['json', 'text', 'md'] as const)('%s', async (format) => {
      const r = await csp('diff', from, to, '--format', format);
      expect(r.code).toBe(0);
      const shown = format === 'json' ? brief(JSON.parse(r.stdout)) : kindsShown(r.stdout, format);
      expect(shown).toEqual(expected);
    });
  });

  it('as text, grouped by pillar, readable without colour', async () => {
    const r = await csp('diff', 'dialogue-2025', 'dialogue-2026');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe("Changes from review 'dialogue-2025' (2025-06-30) to review 'dialogue-2026' (2026-06-30)");
    expect(lines[1]).toBe('1 moved to completed · 2 received notes · 1 added · 1 removed · 1 edited');
    expect(r.stdout.indexOf('Pillar 1 · Pillar One')).toBeLessThan(r.stdout.indexOf('Pillar 2 · Pillar Two'));
    expect(r.stdout).toContain('status: ◐ in progress → ● completed since 2025-09-01');
    expect(r.stdout).toContain('  + p2.3  Title of p2.3  added, ◐ in progress, 1 note');
    expect(r.stdout).toContain('  - p2.2  Title of p2.2  removed, was ○ not started');
    expect(r.stdout).toContain('title: Title of p1.3 → Renamed p1.3');
    expect(r.stdout).toContain('Report published.');
    expect(r.stdout).not.toContain('p2.1');
    expect(r.stdout).not.toMatch(/\u001b/);
    expect((await runCli(['--as-of', NOW, 'diff', 'v1', 'v2', '--color'], { cwd: office, env: { NO_COLOR: undefined } })).stdout).toMatch(/\u001b\[/);
  });

  it('as markdown for a pull request: a summary first, pillars as sections, plan text escaped', async () => {
    const r = await csp('diff', 'v1', 'v2', '--format', 'md');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## Changes from revision v1 \([0-9a-f]{7}\) to revision v2 \([0-9a-f]{7}\)\n\n\*\*1 moved to completed · 2 received notes · 1 added · 1 removed · 1 edited\*\*\n/);
    expect(r.stdout).toContain('### Pillar 2: Pillar Two');
    expect(r.stdout).toContain('  - status: in progress → **completed** (since 2025-09-01)');
    expect(r.stdout).toContain('    - **2026-02-01**: Report published. — [example.org/report](<https://example.org/report>)');
    const html = micromark(r.stdout, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).toContain('<li><strong>p2.3</strong> Title of p2.3 — <strong>added</strong>');
    expect(r.stdout).not.toContain('p2.1');
    expect((await csp('diff', '2025-06-30', '2025-06-30', '--format', 'md')).stdout).toContain('No changes.');
  });

  it('filters with --pillar', async () => {
    expect(brief(await json('diff', 'v1', 'v2', '--pillar', '2'))).toEqual(['p2.2 removed', 'p2.3 added']);
    expect((await csp('diff', 'v1', 'v2', '--pillar', '7')).code).toBe(2);
  });

  it('with --exit-code, exits 1 when something changed and 0 when nothing did (as git diff --exit-code)', async () => {
    const changed = await csp('diff', 'v1', 'v2', '--exit-code');
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('p2.3');
    expect(changed.stderr).toBe('');
    expect((await csp('diff', 'v2', 'v2', '--exit-code', '--format', 'json')).code).toBe(0);
    expect((await csp('diff', 'v1', 'v2')).code).toBe(0);
  });

  it('refuses unknown, ambiguous and option-like names with exit 2 and says what was tried', async () => {
    const unknown = await csp('diff', 'dialogue-2024');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'dialogue-2024' is not a review, a date (YYYY-MM-DD) or a git revision");
    expect(unknown.stderr).toContain("did you mean 'dialogue-2025'");
    const dash = await csp('diff', '--', '--output=/tmp/x');
    expect(dash.code).toBe(2);
    expect(dash.stderr).toContain("starts with '-'");
    expect((await csp('diff', '2025-02-30')).code).toBe(2);
    expect((await csp('diff', '2027-01-02')).stderr).toContain('still in the future everywhere on earth');
    const noPlan = await csp('diff', 'v0', 'v1');
    expect(noPlan.code).toBe(2);
    expect(noPlan.stderr).toContain('has no plan in office/plan');
  });

  it('refuses a name git finds ambiguous, and prefers a review over a revision of the same name', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'csp-ambiguous-'));
    git(copy, 'clone', '-q', root, 'repo');
    const repo = path.join(copy, 'repo');
    git(repo, 'branch', 'twin', 'v1');
    git(repo, 'tag', 'twin', 'v2');
    git(repo, 'branch', 'dialogue-2025', 'v2');
    const run = async (...args: string[]) => await runCli(['--as-of', NOW, ...args], { cwd: path.join(repo, 'office') });
    const twin = await run('diff', 'twin');
    expect(twin.code).toBe(2);
    expect(twin.stderr).toContain('ambiguous');
    const both = await run('diff', 'dialogue-2025', 'dialogue-2026', '--format', 'json');
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout).from.kind).toBe('review');
    expect(both.stderr).toContain("'dialogue-2025' is both a review and a git revision; using the review");
    expect(JSON.parse((await run('diff', 'dialogue-2025^0', 'v2', '--format', 'json')).stdout).changes).toEqual([]);
  });

  it('reads all of a revision with one git cat-file process', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'csp-gitlog-'));
    const log = path.join(bin, 'calls.log');
    const realGit = `${git(root, '--exec-path')}/git`;
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
    chmodSync(path.join(bin, 'git'), 0o755);
    // A process of its own: git is found on the PATH csp runs with. No cache: the in-process runs
    // above are the same build (vitest.config.ts gives them its id) and kept what they read.
    const r = runCliProcess(['--as-of', NOW, 'diff', 'v1', 'v2', '--format', 'json'], {
      cwd: office,
      env: { PATH: `${bin}${path.delimiter}${process.env.PATH}`, CSP_NO_CACHE: '1' },
    });
    expect(r.code).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls.filter((c) => c.startsWith('cat-file'))).toEqual(['cat-file --batch', 'cat-file --batch']);
    expect(calls.filter((c) => c.startsWith('rev-parse --verify'))).toEqual(['rev-parse --verify --end-of-options v1^{commit}', 'rev-parse --verify --end-of-options v2^{commit}']);
    expect(calls.every((c) => !c.startsWith('show') && !c.startsWith('checkout'))).toBe(true);
  });

  it('has help with examples', async () => {
    for (const cmd of [['diff'], ['review', 'create'], ['review', 'show']]) {
      const help = await runCli([...cmd, '--help']);
      expect(help.code, cmd.join(' ')).toBe(0);
      expect(help.stdout, cmd.join(' ')).toContain('Examples:');
    }
  });

  it('without git installed: reviews and dates work, a revision exits 3', async () => {
    // Processes of their own: git is looked for on the PATH csp runs with.
    const env = { PATH: mkdtempSync(path.join(tmpdir(), 'csp-nogit-path-')) };
    expect(runCliProcess(['--as-of', NOW, 'diff', 'dialogue-2025', '2026-06-30'], { cwd: office, env }).code).toBe(0);
    const r = runCliProcess(['--as-of', NOW, 'diff', 'v1'], { cwd: office, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('git is not installed');
  });

  it('without git history: reviews and dates work, revisions are explained', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'csp-nogit-'));
    mkdirSync(path.join(copy, 'x'));
    cpSync(path.join(office, 'plan'), path.join(copy, 'x/plan'), { recursive: true });
    const run = async (...args: string[]) => await runCli(['--as-of', NOW, ...args], { cwd: path.join(copy, 'x') });
    expect((await run('diff', 'dialogue-2025', '2026-06-30')).code).toBe(0);
    const r = await run('diff', 'HEAD');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not in a git repository');
  });
});
