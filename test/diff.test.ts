/** Snapshots, review files and diffs through the pure core and renderers (no processes). */
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { type Change, diffSnapshots } from '../src/core/diff.js';
import type { Plan } from '../src/core/model.js';
import { buildReview, isReviewName, loadReviewFile, reviewToYaml, snapshotOfReview } from '../src/core/review.js';
import { attachNotes, type PlanSnapshot, snapshotOfPlan } from '../src/core/snapshot.js';
import { diffJson, renderDiffMarkdown, renderDiffText } from '../src/render/diff.js';
import { makeStyle } from '../src/render/style.js';
import { note, planV1, planV2 } from './helpers/history.js';
import { initiative, loadTree, withManifest } from './helpers/plan.js';

function plan(files: Record<string, string>): Plan {
  const r = loadTree(withManifest(files), '2026-12-31');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}

const BEFORE = planV1();
const AFTER = planV2();

const NOW = '2026-12-31';
const at = (files: Record<string, string>, asOf = NOW): PlanSnapshot => snapshotOfPlan(plan(files), asOf, { kind: 'worktree', asOf });
const brief = (changes: Change[]) => changes.map((c) => `${c.id} ${c.kind}`);

describe('diffSnapshots', () => {
  it('finds every kind of change, sorted by pillar, id and kind, and nothing about untouched initiatives', () => {
    const d = diffSnapshots(at(BEFORE), at(AFTER));
    expect(brief(d.changes)).toEqual(['p1.1 status', 'p1.1 notes', 'p1.2 notes', 'p1.3 edited', 'p2.2 removed', 'p2.3 added']);
    expect(d.changes.find((c) => c.id === 'p1.1' && c.kind === 'status')).toMatchObject({ from: 'in-progress', to: 'completed', since: '2025-09-01' });
    expect(d.changes.find((c) => c.id === 'p1.2')).toMatchObject({ count: 2, removed: 0, notes: [{ date: '2025-10-01' }, { date: '2026-02-01' }] });
    expect(d.changes.find((c) => c.id === 'p1.3')).toMatchObject({ fields: ['title', 'kind'], before: { title: 'Title of p1.3' }, after: { title: 'Renamed p1.3', kind: 'exploratory' } });
    expect(d.summary).toMatchObject({ added: 1, removed: 1, edited: 1, movedTo: { completed: 1 }, receivedNotes: 2, newNotes: 3, initiatives: 5 });
  });

  it('reports nothing between a snapshot and itself', () => {
    const d = diffSnapshots(at(AFTER), at(AFTER));
    expect(d.changes).toEqual([]);
    expect(renderDiffText(d, { style: makeStyle(false), width: 80 })).toContain('No changes.');
  });

  it('between two dates of one plan shows statuses and notes only', () => {
    const p = plan(AFTER);
    const d = diffSnapshots(snapshotOfPlan(p, '2025-06-30', { kind: 'date', date: '2025-06-30' }), snapshotOfPlan(p, '2026-06-30', { kind: 'date', date: '2026-06-30' }));
    expect(brief(d.changes)).toEqual(['p1.1 status', 'p1.1 notes', 'p1.2 notes', 'p2.3 status', 'p2.3 notes']);
  });

  it('filters by pillar, including initiatives also listed under it', () => {
    const changed = { ...AFTER, 'plan/pillar-2/p2.1.yaml': AFTER['plan/pillar-2/p2.1.yaml']!.replace('Forum met.', 'Forum met twice.') };
    expect(brief(diffSnapshots(at(BEFORE), at(changed), { pillar: 2 }).changes)).toEqual(['p2.1 notes', 'p2.2 removed', 'p2.3 added']);
    expect(brief(diffSnapshots(at(BEFORE), at(changed), { pillar: 1 }).changes)).toContain('p2.1 notes');
  });

  it('counts a rewritten note as one new and one gone', () => {
    const edited = { ...BEFORE, 'plan/pillar-1/p1.2.yaml': BEFORE['plan/pillar-1/p1.2.yaml']!.replace('Workshop planned.', 'Workshop planned for May.') };
    const [c] = diffSnapshots(at(BEFORE), at(edited)).changes;
    expect(c).toMatchObject({ id: 'p1.2', kind: 'notes', count: 1, removed: 1, removedNotes: [{ text: 'Workshop planned.' }] });
  });
});

describe('review files', () => {
  const review = buildReview(plan(AFTER), { date: '2026-06-30', title: 'Dialogue 2026' });
  const yaml = reviewToYaml(review);
  const read = (text: string, file = 'plan/reviews/dialogue-2026.yaml') => loadReviewFile({ path: file, bytes: new TextEncoder().encode(text) });

  it('freeze each initiative as of the date, in block YAML with the schema modeline', () => {
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/review.schema.json');
    expect(yaml).toContain('\n  - id: p1.2\n    pillar: 1\n');
    expect(review.initiatives.find((i) => i.id === 'p1.2')).toEqual({
      id: 'p1.2',
      pillar: 1,
      title: 'Title of p1.2',
      text: 'Text of p1.2',
      status: 'not-started',
      noteCount: 3,
      lastNote: '2026-02-01',
    });
    expect(review.initiatives.find((i) => i.id === 'p1.1')).toMatchObject({ status: 'completed', statusSince: '2025-09-01', noteCount: 2 });
    const r = read(yaml);
    expect(r.diagnostics).toEqual([]);
    expect(r.review?.data).toEqual(review);
  });

  it('read back the same whatever the text holds (property)', () => {
    const str = fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).filter((s) => /\S/.test(s));
    fc.assert(
      fc.property(str, str, (title, text) => {
        const data = { ...review, title, initiatives: [{ ...review.initiatives[0]!, title, text }] };
        const back = read(reviewToYaml(data));
        expect(back.diagnostics).toEqual([]);
        expect(back.review?.data).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });

  it('read back the same when the text holds characters YAML may not hold raw (DEL, C1 controls, bidi controls, BOM)', () => {
    const awkward = ['\u007f', '\u0080', '\u0086', '\u009f', '\u0085', '\u202e', '\u2066', '\u2028', '\u200f', '\ufeff', '\u061c'];
    for (const ch of awkward) {
      for (const s of [`a${ch}b`, `${ch}x`, `line one\nline ${ch} two`, `${'word '.repeat(30)}${ch}${' word'.repeat(30)}`]) {
        const data = { ...review, title: s, initiatives: [{ ...review.initiatives[0]!, title: s, text: s }] };
        const text = reviewToYaml(data);
        // Escaped, never raw: a file holding them raw is refused (file-encoding) or reads differently.
        expect(text.replace(/\u0085/g, ''), JSON.stringify(ch)).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u200f\ufeff\u061c]/u);
        const back = read(text);
        expect(back.diagnostics, JSON.stringify(s)).toEqual([]);
        expect(back.review?.data).toEqual(data);
      }
    }
  });

  it('report what does not add up, with rule codes and lines', () => {
    const bad = yaml
      .replace('status: completed', 'status: done')
      .replace('lastNote: 2026-02-01', 'lastNote: 2027-02-01')
      .replace('  - id: p1.3', '  - id: p1.2');
    const r = read(bad, 'plan/reviews/Dialogue_2026.yaml');
    const lines = bad.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(r.diagnostics.map((d) => `${d.line} ${d.rule}`).sort()).toEqual(
      ['1 review-name', `${lineOf('status: done')} invalid-value`].sort(),
    );
    // Once the schema passes, the consistency rules run.
    const r2 = read(bad.replace('status: done', 'status: completed'));
    expect(r2.diagnostics.map((d) => `${d.line} ${d.rule}`)).toEqual([
      `${lineOf('lastNote: 2027-02-01')} review-inconsistent`,
      `${lines.findLastIndex((l) => l.includes('- id: p1.2')) + 1} review-duplicate-id`,
    ]);
  });

  it('names are lower-case words: no paths, no dots at the ends', () => {
    for (const ok of ['dialogue-2025', '2025', 'sd.2025-07']) expect(isReviewName(ok)).toBe(true);
    for (const bad of ['../x', 'a/b', 'Dialogue', '.hidden', 'x.', 'a..b', '', '-x', 'x'.repeat(61)]) expect(isReviewName(bad)).toBe(false);
  });

  it('diff as snapshots; the notes come from the plan when they agree with the counts', () => {
    const from = snapshotOfReview(read(reviewToYaml(buildReview(plan(BEFORE), { date: '2025-06-30' })), 'plan/reviews/a.yaml').review!);
    const to = snapshotOfReview(read(yaml).review!);
    // Counts only: how many notes, not which.
    const countsOnly = diffSnapshots(from, to);
    expect(countsOnly.changes.find((c) => c.id === 'p1.2')).toEqual({ id: 'p1.2', pillar: 1, title: 'Title of p1.2', kind: 'notes', count: 2, removed: 0 });
    expect(renderDiffText(countsOnly, { style: makeStyle(false), width: 100 })).toContain('2 new notes (a review records how many notes, not which)\n');
    const current = plan(AFTER);
    const d = diffSnapshots(attachNotes(from, current), attachNotes(to, current));
    expect(d.changes.find((c) => c.id === 'p1.2')).toMatchObject({ count: 2, notes: [{ text: 'Workshop held.' }, { text: 'Report published.' }] });
    expect(brief(d.changes)).toEqual(['p1.1 status', 'p1.1 notes', 'p1.2 notes', 'p1.3 edited', 'p2.2 removed', 'p2.3 added']);
    // A note dated before the review but written after it: the review did not see it, so no texts are guessed.
    const backdated = plan({ ...AFTER, 'plan/pillar-1/p1.2.yaml': AFTER['plan/pillar-1/p1.2.yaml']!.replace('notes:\n', `notes:\n${note('2025-01-15', 'Earlier call.')}`) });
    const c = diffSnapshots(attachNotes(from, backdated), attachNotes(to, backdated)).changes.find((x) => x.id === 'p1.2');
    expect(c).toEqual({ id: 'p1.2', pillar: 1, title: 'Title of p1.2', kind: 'notes', count: 2, removed: 0 });
  });
});

describe('rendering a diff', () => {
  const hostile = '<script>alert(1)</script> [x](https://evil.example) | pipe *b* www.evil.example @user\n# h';
  const evil = {
    ...BEFORE,
    'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, `notes:\n${note('2025-02-01', 'Workshop planned.')}  - date: 2025-03-01\n    text: ${JSON.stringify(hostile)}\n    links: [https://example.org/ok]\n`).replace(
      'title: Title of p1.2',
      `title: ${JSON.stringify(hostile)}`,
    ),
    'plan/pillar-1/p1.3.yaml': initiative('p1.3', 1).replace('title: Title of p1.3', `title: ${JSON.stringify(`\u001b[31mred\u001b[0m ${hostile}`)}`),
  };
  const d = diffSnapshots(at(BEFORE), at(evil));

  it('markdown keeps plan text as text: no HTML, no links but the notes\' own, a configurable heading level', () => {
    const md = renderDiffMarkdown(d, { headingLevel: 3, heading: 'Changes since the last dialogue' });
    expect(md.startsWith('### Changes since the last dialogue\n')).toBe(true);
    expect(md).toContain('#### Pillar 1: Pillar One');
    const html = micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).not.toContain('<script');
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://example.org/ok']);
    expect(html.match(/<h\d/g)).toEqual(['<h3', '<h4']);
  });

  it('text never sends control characters to the terminal, and reads without colour', () => {
    const text = renderDiffText(d, { style: makeStyle(false), width: 80 });
    expect(text).not.toMatch(/\u001b/);
    expect(text).toContain('\\u{001B}[31mred');
    expect(text).toContain('~ p1.2');
    expect(text).toContain('1 new note:');
    expect(renderDiffText(d, { style: makeStyle(true), width: 80 })).toMatch(/\u001b\[/);
  });

  it('JSON lists changes with id and kind first', () => {
    const json = diffJson(d) as { changes: Record<string, unknown>[] };
    expect(json.changes.map((c) => Object.keys(c).slice(0, 2))).toEqual(json.changes.map(() => ['id', 'kind']));
  });
});
