/** One round of validation, and what read-only commands get from a plan with errors. */
import { describe, expect, it } from 'vitest';
import { dataProblems } from '../src/core/problems.js';
import { reviewDates, reviewsBeforeAdoption } from '../src/core/review-dates.js';
import { planAsOf } from '../src/core/status.js';
import { codesAndLines, initiative, loadTree, withManifest } from './helpers/plan.js';

describe('one round of validation', () => {
  it('reports schema problems and plan-wide problems of a hand-edited file together', () => {
    const result = loadTree(
      withManifest({
        'plan/pillar-1/p1.1.yaml': initiative(
          'p1.1',
          1,
          'themes: [human-rights, nope]\nrelated: [p9.9]\nnotes:\n  - date: 2025-03-01\n    text: Good.\n    side: korea\n  - date: 2025-13-01\n    text: Bad date.\n  - date: 2025-01-01\n    text: Out of order.\n    status: finished\n  - date: 2025-02-01\n    text: Before the one above.\n',
        ),
      }),
    );
    expect(codesAndLines(result)).toEqual([
      'plan/pillar-1/p1.1.yaml:5 unknown-theme',
      'plan/pillar-1/p1.1.yaml:6 unknown-related',
      'plan/pillar-1/p1.1.yaml:10 unknown-party',
      'plan/pillar-1/p1.1.yaml:11 invalid-date',
      'plan/pillar-1/p1.1.yaml:15 invalid-value',
      'plan/pillar-1/p1.1.yaml:16 notes-out-of-order',
    ]);
    const party = result.diagnostics.find((d) => d.rule === 'unknown-party')!;
    expect(party.hint).toBe("did you mean 'kr' (Republic of Korea)? the parties of this plan are: ca (Canada), kr (Republic of Korea), joint (both)");
    // What could be read is kept, and marked.
    const i = result.plan!.initiatives[0]!;
    expect(i.incomplete).toBe(true);
    expect(i.themes).toEqual(['human-rights', 'nope']);
    expect(i.notes.map((n) => n.text)).toEqual(['Good.', 'Before the one above.']);
  });

  it('keeps the rest of an initiative whose required field is wrong, named from its file', () => {
    const result = loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': 'id: p1.1\npillar: 1\ntitle: 42\ntext: Text\nthemes: [nope]\n' }));
    expect(codesAndLines(result)).toEqual(['plan/pillar-1/p1.1.yaml:3 wrong-type', 'plan/pillar-1/p1.1.yaml:5 unknown-theme']);
    expect(result.plan!.initiatives.map((i) => `${i.id} ${i.title} ${String(i.incomplete)}`)).toEqual(['p1.1 p1.1 true']);
  });

  it('suggests a party among the plan parties, by id or by name', () => {
    const hint = (side: string) =>
      loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, `notes:\n  - date: 2025-03-01\n    text: X.\n    side: ${side}\n`) })).diagnostics[0]!.hint;
    expect(hint('canada')).toContain("did you mean 'ca' (Canada)?");
    expect(hint('korea')).toContain("did you mean 'kr' (Republic of Korea)?");
    expect(hint('both')).toContain("write 'joint' for both sides");
    expect(hint('us')).toBe('use a party id from plan.yaml: ca (Canada), kr (Republic of Korea), joint (both)');
  });
});

describe('a plan with errors, for read-only commands', () => {
  const tree = withManifest({
    'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'notes:\n  - date: 2025-03-01\n    text: Fine.\n    status: in-progress\n'),
    'plan/pillar-1/p1.2.yaml': 'id: [p1.2\n',
    'plan/notes/p1.1/2026-02-01-kr.yaml': 'date: 2026-02-01\ntext: Bad status, later on.\nstatus: finished\n',
    'plan/notes/p2.9/x.yaml': 'date: 2025-01-01\ntext: No such initiative.\n',
  });

  it('names every file with errors and what happens to it', () => {
    const result = loadTree(tree, '2026-03-01');
    const problems = dataProblems(result.diagnostics, result.plan!);
    expect(problems.files.map((p) => `${p.file} ${p.errors} ${p.effect} ${p.initiative ?? '-'} ${p.laterOnly}`)).toEqual([
      'plan/notes/p1.1/2026-02-01-kr.yaml 1 partly-read p1.1 false',
      'plan/notes/p2.9/x.yaml 1 left-out - false',
      'plan/pillar-1/p1.2.yaml 1 left-out - false',
    ]);
    expect(problems.affectsView).toBe(true);
    expect(result.plan!.initiatives.find((i) => i.id === 'p1.1')!.incomplete).toBe(true);
  });

  it('looking back before a broken note, the view is whole', () => {
    const only = withManifest({
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'notes:\n  - date: 2025-03-01\n    text: Fine.\n'),
      'plan/notes/p1.1/2026-02-01-kr.yaml': 'date: 2026-02-01\ntext: Bad status, later on.\nstatus: finished\n',
      'plan/notes/p1.1/2026-02-02-kr.yaml': 'date: 2026-02-02\ntext: Unknown side, later on.\nside: us\n',
    });
    const result = loadTree(only, '2026-03-01');
    expect(dataProblems(result.diagnostics, result.plan!, '2025-06-30')).toMatchObject({ affectsView: false, files: [{ laterOnly: true }, { laterOnly: true }] });
    expect(dataProblems(result.diagnostics, result.plan!, '2026-02-01').affectsView).toBe(true);
    expect(dataProblems(result.diagnostics, result.plan!).affectsView).toBe(true);
  });

  it('planAsOf leaves out the notes after the day', () => {
    const result = loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'notes:\n  - date: 2025-03-01\n    text: A.\n  - date: 2025-09-01\n    text: B.\n') }));
    expect(planAsOf(result.plan!, '2025-06-30').initiatives[0]!.notes.map((n) => n.text)).toEqual(['A.']);
    expect(planAsOf(result.plan!, '2025-09-01').initiatives[0]!.notes.map((n) => n.text)).toEqual(['A.', 'B.']);
  });
});

describe('review dates, read without the YAML parser', () => {
  const file = (path: string, text: string) => ({ path, bytes: new TextEncoder().encode(text) });
  const files = [
    file('plan/reviews/dialogue-2025.yaml', '# frozen\ntitle: Dialogue\ndate: 2025-06-30\n'),
    file('plan/reviews/typo.yaml', 'title: Typo\ndate: "2015-06-30"\n'),
    file('plan/reviews/broken.yaml', 'title: [no date\n'),
  ];

  it('finds each date and where it is written, oldest first', () => {
    expect(reviewDates(files).map((r) => `${r.name} ${r.date} ${r.line}:${r.column}`)).toEqual(['typo 2015-06-30 2:8', 'dialogue-2025 2025-06-30 3:7']);
  });

  it('warns about a review dated before the adoption, naming the adoption date', () => {
    const [d, ...more] = reviewsBeforeAdoption(reviewDates(files), '2024-07-18');
    expect(more).toEqual([]);
    expect(d).toMatchObject({ file: 'plan/reviews/typo.yaml', line: 2, column: 8, rule: 'date-before-adoption', severity: 'warning' });
    expect(d!.message).toBe('the review is dated 2015-06-30, before the plan was adopted on 2024-07-18');
  });
});
