import { describe, expect, it } from 'vitest';
import { complianceSummary, OGP_OF_STATUS, ogpSummary } from '../src/core/scales.js';
import { planStatus, sideStatusesAsOf } from '../src/core/status.js';
import { STATUSES } from '../src/core/vocabulary.js';
import { initiative, loadTree, withManifest } from './helpers/plan.js';

const note = (date: string, status: string, side?: string) =>
  `  - date: ${date}\n    text: Note.\n    status: ${status}\n${side ? `    side: ${side}\n` : ''}`;

function load(notes: string) {
  const r = loadTree(withManifest({ 'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, `notes:\n${notes}`) }), '2026-11-28');
  expect(r.diagnostics).toEqual([]);
  return r.plan!;
}

describe("each side's assessment", () => {
  it('takes each party from its own notes and joint notes', () => {
    const plan = load(note('2025-01-01', 'in-progress') + note('2025-06-01', 'ongoing', 'ca') + note('2025-07-01', 'at-risk', 'kr'));
    const i = plan.initiatives[0]!;
    expect(sideStatusesAsOf(i, ['ca', 'kr'], '2025-05-01')).toEqual({
      ca: { status: 'in-progress', since: '2025-01-01' },
      kr: { status: 'in-progress', since: '2025-01-01' },
    });
    expect(sideStatusesAsOf(i, ['ca', 'kr'], '2025-08-01')).toEqual({
      ca: { status: 'ongoing', since: '2025-06-01' },
      kr: { status: 'at-risk', since: '2025-07-01' },
    });
    const s = planStatus(plan, { asOf: '2025-08-01' }).initiatives[0]!;
    expect(s.disagreement).toBe(true);
    expect(s.flags).toContain('sides-differ');
    expect(s.status).toBe('at-risk');
  });

  it('is no disagreement when one side has not reported, or a joint note settles it', () => {
    const silent = planStatus(load(note('2025-06-01', 'ongoing', 'ca')), { asOf: '2025-08-01' }).initiatives[0]!;
    expect(silent.sides).toEqual({ ca: { status: 'ongoing', since: '2025-06-01' }, kr: {} });
    expect(silent.disagreement).toBe(false);
    const settled = load(note('2025-06-01', 'ongoing', 'ca') + note('2025-07-01', 'at-risk', 'kr') + note('2025-09-01', 'completed', 'joint'));
    expect(planStatus(settled, { asOf: '2025-09-01' }).initiatives[0]!.disagreement).toBe(false);
  });
});

describe('assessment scales', () => {
  it('maps every status onto the OGP completion scale', () => {
    expect(STATUSES.map((s) => OGP_OF_STATUS[s])).toEqual(['not-started', 'limited', 'substantial', 'limited', 'complete', 'withdrawn']);
    const o = ogpSummary(['completed', 'ongoing', 'at-risk', 'not-started', 'discontinued']);
    expect(o.counts).toEqual({ 'not-started': 1, limited: 1, substantial: 1, complete: 1, withdrawn: 1 });
    expect(o.substantialOrComplete).toBe(0.5); // withdrawn left out
  });

  it('scores compliance +1/0/−1 and converts the mean to a percentage', () => {
    const c = complianceSummary(['completed', 'ongoing', 'in-progress', 'not-started']);
    expect(c.counts).toEqual({ '1': 2, '0': 1, '-1': 1 });
    expect(c.mean).toBeCloseTo(0.25);
    expect(c.percent).toBeCloseTo(0.625);
    expect(complianceSummary([]).percent).toBe(0);
  });
});

describe('per-side status changes in a diff', () => {
  it("reports a party's own move where it differs from the overall one, and not a joint move", async () => {
    const { diffSnapshots } = await import('../src/core/diff.js');
    const { snapshotOfPlan } = await import('../src/core/snapshot.js');
    const plan = load(
      note('2025-01-01', 'in-progress') + note('2025-06-01', 'ongoing', 'ca') + note('2025-07-01', 'at-risk', 'kr') + note('2025-09-01', 'completed'),
    );
    const at = (d: string) => snapshotOfPlan(plan, d, { kind: 'date', date: d });
    const sideMoves = (a: string, b: string) =>
      diffSnapshots(at(a), at(b))
        .changes.filter((c) => c.kind === 'side-status')
        .map((c) => c.kind === 'side-status' && `${c.party}: ${c.from ?? '-'} → ${c.to ?? '-'}`);
    expect(sideMoves('2025-02-01', '2025-08-01')).toEqual(['ca: in-progress → ongoing']); // kr moved with the overall status
    expect(sideMoves('2025-08-01', '2025-09-01')).toEqual(['ca: ongoing → completed']); // the joint note settles both; kr's matches the overall move
    expect(sideMoves('2025-01-01', '2025-02-01')).toEqual([]);
  });
});
