/** The brief's measures, computed in core from plans built here. */
import { describe, expect, it } from 'vitest';
import {
  cadenceAdherence,
  countOnScale,
  evidenceFreshness,
  highlights,
  shorten,
  sidesDisagreeOn,
  trendOf,
  trendSince,
} from '../src/core/measures.js';
import type { Plan } from '../src/core/model.js';
import { buildReport } from '../src/core/report.js';
import { sideStatusesAsOf } from '../src/core/status.js';
import type { Status } from '../src/core/vocabulary.js';
import { initiative, loadTree, withManifest } from './helpers/plan.js';

/** A note list in YAML; each entry: [date, status?, side?, text?]. */
function notes(...list: [string, string?, string?, string?][]): string {
  return `notes:\n${list
    .map(([date, status, side, text]) => `  - date: ${date}\n    text: ${text ?? `Note of ${date}`}\n${status ? `    status: ${status}\n` : ''}${side ? `    side: ${side}\n` : ''}`)
    .join('')}`;
}

function plan(files: Record<string, string>): Plan {
  const r = loadTree(withManifest(files), '2026-12-01');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}

const ADOPTED = '2024-07-18';

describe('cadence adherence of recurring commitments', () => {
  const p = plan({
    'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, `kind: recurring\ncadence: annual\n${notes(['2024-11-02', 'ongoing'], ['2025-03-01'], ['2026-02-10'])}`),
    'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, 'kind: recurring\ncadence: quarterly\n'),
    'plan/pillar-1/p1.3.yaml': initiative('p1.3', 1, `kind: recurring\ncadence: continuing\n${notes(['2025-05-05', 'ongoing'])}`),
    'plan/pillar-1/p1.4.yaml': initiative('p1.4', 1, notes(['2025-05-05', 'in-progress'])),
    'plan/pillar-1/p1.5.yaml': initiative('p1.5', 1, `kind: recurring\ncadence: annual\n${notes(['2025-01-01', 'discontinued'])}`),
  });
  const of = (id: string, asOf: string) => cadenceAdherence(p.initiatives.find((i) => i.id === id)!, ADOPTED, asOf);

  it('counts the periods since adoption that have a note, against those that have ended', () => {
    // Periods: 2024-07-18..2025-07-17 (two notes), 2025-07-18..2026-07-17 (one), 2026-07-18.. (none yet).
    expect(of('p1.1', '2026-12-01')).toEqual({
      id: 'p1.1',
      cadence: 'annual',
      months: 12,
      expected: 2,
      held: 2,
      heldThisPeriod: false,
      lastHeld: '2026-02-10',
      nextDue: '2027-02-10',
    });
    // A year later, the third period has ended without a note, and the next occurrence is late.
    const later = of('p1.1', '2027-07-20')!;
    expect([later.expected, later.held, later.overdueDays]).toEqual([3, 2, 160]);
  });

  it('says how long a commitment that never met is overdue', () => {
    const q = of('p1.2', '2025-01-01')!;
    expect(q).toMatchObject({ months: 3, expected: 1, held: 0, nextDue: '2024-10-18', overdueDays: 75 });
    expect(q.lastHeld).toBeUndefined();
  });

  it('has no expected count without a fixed period, and nothing due once closed', () => {
    expect(of('p1.3', '2026-12-01')).toEqual({ id: 'p1.3', cadence: 'continuing', lastHeld: '2025-05-05' });
    expect(of('p1.4', '2026-12-01')).toBeUndefined();
    const closed = of('p1.5', '2026-12-01')!;
    expect(closed.nextDue).toBeUndefined();
    expect(closed.overdueDays).toBeUndefined();
  });
});

describe('trend since the previous review', () => {
  it('orders statuses from discontinued to completed', () => {
    expect(trendOf('not-started', 'in-progress')).toBe('improved');
    expect(trendOf('in-progress', 'at-risk')).toBe('regressed');
    expect(trendOf('ongoing', 'completed')).toBe('improved');
    expect(trendOf('completed', 'discontinued')).toBe('regressed');
    expect(trendOf('at-risk', 'at-risk')).toBe('unchanged');
    expect(trendOf(undefined, 'not-started')).toBe('new');
  });

  it('counts each initiative once', () => {
    const prev = new Map<string, Status>([
      ['a', 'not-started'],
      ['b', 'in-progress'],
      ['c', 'ongoing'],
    ]);
    const t = trendSince(prev, [
      { id: 'a', status: 'completed' },
      { id: 'b', status: 'at-risk' },
      { id: 'c', status: 'ongoing' },
      { id: 'd', status: 'in-progress' },
    ]);
    expect(t.counts).toEqual({ improved: 1, regressed: 1, unchanged: 1, new: 1 });
    expect(t.items.map((i) => i.trend)).toEqual(['improved', 'regressed', 'unchanged', 'new']);
    expect(t.items[0]).toEqual({ id: 'a', previous: 'not-started', current: 'completed', trend: 'improved' });
  });
});

describe('evidence freshness', () => {
  const p = plan({
    'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, notes(['2025-03-01', 'in-progress'], ['2025-09-01'])),
    'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, notes(['2025-03-01', 'completed'])),
    'plan/pillar-1/p1.3.yaml': initiative('p1.3', 1),
    'plan/pillar-1/p1.4.yaml': initiative('p1.4', 1, notes(['2025-07-01', 'in-progress'], ['2026-03-01'])),
  });

  it('is the share of commitments open at the start of the period with a note in it', () => {
    // p1.2 was completed before the period: not expected to report. p1.4's later note is after asOf.
    expect(evidenceFreshness(p.initiatives, '2025-06-30', '2025-12-31')).toEqual({ since: '2025-06-30', expected: 3, updated: 2, share: 2 / 3 });
    expect(evidenceFreshness(p.initiatives, '2025-06-30', '2025-08-01').updated).toBe(1);
  });
});

describe('highlights of the period', () => {
  const p = plan({
    'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, notes(['2025-03-01', 'in-progress'], ['2025-09-01', 'in-progress'], ['2025-10-01', 'completed'])),
    'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, notes(['2025-08-01', 'at-risk'], ['2025-08-02'])),
    'plan/pillar-1/p1.3.yaml': initiative('p1.3', 1, notes(['2025-11-01', 'in-progress'])),
    'plan/pillar-2/p2.1.yaml': initiative('p2.1', 2, notes(['2025-11-01', 'completed'])),
  });

  it('are the notes that complete a commitment or change its status, completions first, latest first', () => {
    const h = highlights(p, '2025-06-30', '2025-12-31');
    expect(h.map((x) => `${x.id} ${x.note.date} ${x.from}→${x.to}`)).toEqual([
      'p2.1 2025-11-01 not-started→completed',
      'p1.1 2025-10-01 in-progress→completed',
      'p1.3 2025-11-01 not-started→in-progress',
      'p1.2 2025-08-01 not-started→at-risk',
    ]);
    expect(highlights(p, '2025-06-30', '2025-12-31', 2)).toHaveLength(2);
    // A note that repeats the status is not a change; nothing before the period counts.
    expect(highlights(p, '2025-10-15', '2025-12-31').map((x) => x.id)).toEqual(['p2.1', 'p1.3']);
  });
});

describe('scales, honestly', () => {
  it('flags sides as differing only when their values on the scale differ', () => {
    const sides = { ca: { status: 'in-progress' as const, since: '2025-01-01' }, kr: { status: 'at-risk' as const, since: '2025-02-01' } };
    expect(sidesDisagreeOn(sides, 'status')).toBe(true);
    expect(sidesDisagreeOn(sides, 'ogp')).toBe(false);
    expect(sidesDisagreeOn(sides, 'compliance')).toBe(false);
    const apart = { ca: { status: 'ongoing' as const }, kr: { status: 'at-risk' as const } };
    expect(sidesDisagreeOn(apart, 'ogp')).toBe(true);
    expect(sidesDisagreeOn({ ca: { status: 'ongoing' as const }, kr: {} }, 'status')).toBe(false);
  });

  it('counts on the scale, every value in order', () => {
    const s: Status[] = ['in-progress', 'at-risk', 'completed', 'discontinued', 'not-started'];
    expect(countOnScale(s, 'ogp')).toEqual([
      { value: 'not-started', count: 1 },
      { value: 'limited', count: 2 },
      { value: 'substantial', count: 0 },
      { value: 'complete', count: 1 },
      { value: 'withdrawn', count: 1 },
    ]);
    expect(countOnScale(s, 'compliance').map((c) => c.count)).toEqual([1, 2, 2]);
    expect(countOnScale(s, 'status').map((c) => c.value)).toEqual(['not-started', 'in-progress', 'ongoing', 'at-risk', 'completed', 'discontinued']);
  });

  it('the report lists disagreeing sides on its own scale', () => {
    const p = plan({
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, notes(['2025-03-01', 'in-progress', 'ca'], ['2025-04-01', 'at-risk', 'kr'])),
    });
    const sides = sideStatusesAsOf(p.initiatives[0]!, ['ca', 'kr'], '2025-12-31');
    expect(sides.ca!.status).toBe('in-progress');
    expect(buildReport(p, { asOf: '2025-12-31' }).attention.sidesDiffer.map((s) => s.id)).toEqual(['p1.1']);
    expect(buildReport(p, { asOf: '2025-12-31', scale: 'ogp' }).attention.sidesDiffer).toEqual([]);
  });
});

describe('shortening long notes for a summary', () => {
  it('keeps short text whole, and cuts long text at a word with an ellipsis', () => {
    expect(shorten('Workshop held.')).toEqual({ text: 'Workshop held.', cut: false });
    const long = `${'word '.repeat(100)}end`;
    const s = shorten(long, 50);
    expect(s.cut).toBe(true);
    expect([...s.text].length).toBeLessThanOrEqual(50);
    expect(s.text).toMatch(/word…$/);
    expect(shorten('First paragraph.\n\nSecond one.')).toEqual({ text: 'First paragraph. …', cut: true });
  });
});

describe('the report carries the measures', () => {
  it('with a previous review: trend, period and highlights from its date', () => {
    const p = plan({
      'plan/pillar-1/p1.1.yaml': initiative('p1.1', 1, notes(['2025-03-01', 'in-progress'], ['2025-09-01', 'completed'])),
      'plan/pillar-1/p1.2.yaml': initiative('p1.2', 1, `kind: recurring\ncadence: annual\n`),
    });
    const r = buildReport(p, { asOf: '2025-12-31', previous: { date: '2025-06-30', label: 'Dialogue 2025', statuses: new Map([['p1.1', 'in-progress']]) } });
    expect(r.measures.periodStart).toBe('2025-06-30');
    expect(r.measures.trend!.counts).toEqual({ improved: 1, regressed: 0, unchanged: 0, new: 1 });
    expect(r.measures.highlights.map((h) => h.id)).toEqual(['p1.1']);
    expect(r.measures.cadence.map((c) => [c.id, c.expected, c.held])).toEqual([['p1.2', 1, 0]]);
    expect(r.measures.freshness).toMatchObject({ expected: 2, updated: 1 });
    const none = buildReport(p, { asOf: '2025-12-31' });
    expect(none.measures.trend).toBeUndefined();
    expect(none.measures.periodStart).toBe(ADOPTED);
  });
});
