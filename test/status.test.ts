import { describe, expect, it } from 'vitest';
import { planStatus, statusAsOf } from '../src/core/status.js';
import { dashboardMeasures } from '../src/core/measures.js';
import { runCli } from './helpers/cli.js';
import { initiative, loadTree, withManifest } from './helpers/plan.js';

function plan(files: Record<string, string>) {
  const r = loadTree(withManifest(files), '2026-11-28');
  expect(r.diagnostics).toEqual([]);
  return r.plan!;
}

const notes = (...items: string[]) => `notes:\n${items.join('')}`;
const note = (date: string, status?: string) => `  - date: ${date}\n    text: Note of ${date}.\n${status ? `    status: ${status}\n` : ''}`;

describe('status as of a date', () => {
  const p = plan({
    'plan/pillar-1/p1.1.yaml': initiative(
      'p1.1',
      1,
      notes(note('2025-01-10', 'in-progress'), note('2025-03-01'), note('2025-06-01', 'completed'), note('2025-06-01', 'at-risk')),
    ),
  });
  const i = p.initiatives[0]!;

  it('is not-started before any status note', () => {
    expect(statusAsOf(i, '2025-01-09')).toEqual({ status: 'not-started' });
  });
  it('follows the latest status-bearing note on or before the day', () => {
    expect(statusAsOf(i, '2025-01-10')).toEqual({ status: 'in-progress', since: '2025-01-10' });
    expect(statusAsOf(i, '2025-05-31')).toEqual({ status: 'in-progress', since: '2025-01-10' });
  });
  it('lets the later of two notes on the same day win', () => {
    expect(statusAsOf(i, '2025-06-01')).toEqual({ status: 'at-risk', since: '2025-06-01' });
  });
});

describe('flags and progress', () => {
  const p = plan({
    'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'kind: recurring\ncadence: annual\n' + notes(note('2025-10-01', 'ongoing'))),
    'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, 'kind: recurring\ncadence: annual\n' + notes(note('2025-06-01', 'ongoing'))),
    'plan/pillar-1/p1.3.yaml': initiative('p1.3', 1, notes(note('2024-09-01', 'completed'))),
    'plan/pillar-1/p1.4.yaml': initiative('p1.4', 1),
    'plan/pillar-2/p2.1.yaml': initiative('p2.1', 2, 'alsoListedUnder: [1]\n' + notes(note('2026-11-01', 'at-risk'))),
  });
  const s = planStatus(p, { asOf: '2026-11-28' });
  const byId = Object.fromEntries(s.initiatives.map((x) => [x.id, x]));

  it('flags stale initiatives (no note for 180 days, or since adoption) unless closed', () => {
    expect(byId['p1.1']!.flags).toEqual(['stale', 'overdue']);
    expect(byId['p1.3']!.flags).toEqual([]);
    expect(byId['p1.4']!.flags).toEqual(['stale']);
    expect(byId['p1.4']!.daysSinceUpdate).toBe(863);
    expect(byId['p2.1']!.flags).toEqual([]);
  });

  it('flags a recurring initiative past its cadence as overdue', () => {
    expect(byId['p1.1']!.nextDue).toBe('2026-10-01');
    expect(planStatus(p, { asOf: '2026-09-30' }).initiatives.find((x) => x.id === 'p1.1')!.flags).toEqual(['stale']);
  });

  it('counts a commitment listed under two pillars in both pillars but once in the totals', () => {
    expect(s.pillars.map((x) => [x.number, x.total])).toEqual([
      [1, 5],
      [2, 1],
    ]);
    expect(s.totals.total).toBe(5);
    expect(s.totals.counts).toMatchObject({ completed: 1, ongoing: 2, 'at-risk': 1, 'not-started': 1 });
    expect(s.totals.completedShare).toBeCloseTo(0.2);
  });

  it('filters by pillar, status and flags', () => {
    expect(planStatus(p, { asOf: '2026-11-28', pillar: 2 }).initiatives.map((x) => x.id)).toEqual(['p2.1']);
    expect(planStatus(p, { asOf: '2026-11-28', status: 'ongoing' }).initiatives.map((x) => x.id)).toEqual(['p1.1', 'p1.2']);
    expect(planStatus(p, { asOf: '2026-11-28', onlyFlagged: true }).initiatives.map((x) => x.id)).toEqual(['p1.1', 'p1.2', 'p1.4']);
    expect(planStatus(p, { asOf: '2026-11-28', staleDays: 600 }).initiatives.find((x) => x.id === 'p1.2')!.flags).toEqual(['overdue']);
  });

  it('ignores notes after the as-of date', () => {
    const past = planStatus(p, { asOf: '2025-07-01' });
    const p11 = past.initiatives.find((x) => x.id === 'p1.1')!;
    expect(p11.status).toBe('not-started');
    expect(p11.notes).toBe(0);
    expect(p11.lastUpdate).toBeUndefined();
  });
});

describe('the dashboard measures beyond % completed', () => {
  it('counts the trend since a day, evidence freshness and cadence adherence, from the notes', () => {
    const plan = loadTree(
      withManifest({
        'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, 'notes:\n  - date: 2025-01-10\n    text: A.\n    status: in-progress\n  - date: 2025-09-01\n    text: B.\n    status: completed\n'),
        'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, 'notes:\n  - date: 2025-02-01\n    text: C.\n    status: at-risk\n  - date: 2025-08-01\n    text: D.\n    status: in-progress\n'),
        'plan/pillar-2/p2.1.yaml': initiative('p2.1', 2, 'kind: recurring\ncadence: annual\nnotes:\n  - date: 2024-11-01\n    text: Held.\n    status: ongoing\n'),
        'plan/pillar-2/p2.2.yaml': initiative('p2.2', 2),
      }),
    ).plan!;
    const m = dashboardMeasures(plan, '2026-01-01', { label: 'review 2025', date: '2025-06-30' });
    // p1.1 in progress → completed (improved); p1.2 at risk → in progress (improved); p2.1 ongoing, p2.2 not started: unchanged.
    expect(m.trend).toEqual({ improved: 2, regressed: 0, unchanged: 2, new: 0 });
    // Open on 2025-06-30: all four; with a note since: p1.1, p1.2.
    expect(m.freshness).toMatchObject({ expected: 4, updated: 2, share: 0.5 });
    // p2.1: one annual period ended (2024-07-18 → 2025-07-18), held; next due 2025-11-01, overdue by 61 days.
    expect(m.recurring).toEqual({ count: 1, fixed: 1, held: 1, expected: 1, overdue: [{ id: 'p2.1', days: 61 }] });
  });

  it('are shown under the whole dashboard and in its JSON, not under a filtered one', async () => {
    const text = (await runCli(['status', '--as-of', '2026-03-01'])).stdout;
    expect(text).toMatch(/Measures\n {2}Since review adoption \(2024-07-18\): ↑ \d+ improved · ↓ \d+ regressed · → \d+ unchanged\./);
    expect(text).toMatch(/Evidence: \d+ of 36 open commitments \(\d+%\) have a note since 2024-07-18\./);
    const json = JSON.parse((await runCli(['status', '--as-of', '2026-03-01', '--json'])).stdout) as { measures: { since: { date: string } } };
    expect(json.measures.since.date).toBe('2024-07-18');
    expect((await runCli(['status', '--as-of', '2026-03-01', '--pillar', '2'])).stdout).not.toContain('Measures');
  });
});
