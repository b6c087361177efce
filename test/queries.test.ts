/** Queries renderers are given (core): what the report, the dashboard, a review and csp show say, as data. */
import { describe, expect, it } from 'vitest';
import { initiativeDetail } from '../src/core/initiative-detail.js';
import { buildReport } from '../src/core/report.js';
import { buildReview } from '../src/core/review.js';
import { reviewProgress } from '../src/core/review-progress.js';
import { assessInitiative, planStatus } from '../src/core/status.js';
import { initiative, loadTree, withManifest } from './helpers/plan.js';

const { plan, diagnostics } = loadTree(
  withManifest({
    'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'alsoListedUnder: [2]\nnotes:\n  - date: 2025-01-10\n    text: Started\n    status: at-risk\n'),
    'plan/pillar-2/p2.1.yaml': initiative(
      'p2.1',
      2,
      'themes: [maritime-security]\nnotes:\n  - date: 2025-02-01\n    text: Done, says Canada\n    status: completed\n    side: ca\n  - date: 2025-02-02\n    text: Under way, says Korea\n    status: in-progress\n    side: kr\n',
    ),
  }),
);

describe('queries renderers are given', () => {
  it('loads the test plan', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('status: each pillar and the totals on the OGP and compliance scales, and listings apart from commitments', () => {
    const s = planStatus(plan!, { asOf: '2025-06-01' });
    expect(s.totals.total).toBe(2);
    expect(s.listings).toBe(3);
    expect(s.pillars.map((p) => p.ogp.counts.limited)).toEqual([1, 2]);
    expect(s.totals.compliance.counts).toEqual({ '1': 0, '0': 2, '-1': 0 });
  });

  it('report: counts on the scale, concerns per pillar, the notes quoted in full once each', () => {
    const r = buildReport(plan!, { asOf: '2025-06-01', scale: 'ogp' });
    expect(r.measures.onScale.find((c) => c.value === 'limited')?.count).toBe(2);
    expect(r.pillars.map((p) => p.concerns.map((c) => [c.status.id, c.atRisk, c.sidesDiffer]))).toEqual([
      [['p1.1', true, false]],
      [
        ['p1.1', true, false],
        ['p2.1', false, true],
      ],
    ]);
    // On csp's own statuses the sides of p2.1 differ (completed, in progress); on the OGP scale too (complete, limited).
    expect(buildReport(plan!, { asOf: '2025-06-01' }).attention.sidesDiffer.map((s) => s.id)).toEqual(['p2.1']);
    expect(r.notesInFull?.map((n) => n.id)).toEqual(['p1.1', 'p2.1']);
    expect(buildReport(plan!, { asOf: '2025-01-01' }).notesInFull).toBeUndefined();
  });

  it('a review: progress per pillar, a commitment under each pillar it is listed under', () => {
    const p = reviewProgress(buildReview(plan!, { date: '2025-06-01' }));
    expect(p.pillars.map((x) => x.initiatives.map((i) => i.id))).toEqual([['p1.1'], ['p1.1', 'p2.1']]);
    expect(p.totals).toMatchObject({ total: 2, completedShare: 0 });
  });

  it('csp show: pillars by title, its own first; themes by title', () => {
    const i = plan!.initiatives.find((x) => x.id === 'p1.1')!;
    const d = initiativeDetail(plan!, i, assessInitiative(plan!, i, '2025-06-01', 180), '2025-06-01');
    expect(d.pillars).toEqual([
      { number: 1, own: true, title: 'Pillar One' },
      { number: 2, own: false, title: 'Pillar Two' },
    ]);
    const j = plan!.initiatives.find((x) => x.id === 'p2.1')!;
    expect(initiativeDetail(plan!, j, assessInitiative(plan!, j, '2025-06-01', 180), '2025-06-01').themes).toEqual(['Maritime Security']);
  });
});
