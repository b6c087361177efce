/**
 * Measures beyond "% completed", for the brief an official brings to the
 * Strategic Dialogue: counts against the fixed list on the chosen scale,
 * cadence adherence of recurring commitments, the trend since the previous
 * review, evidence freshness and the period's highlights. Pure: dates and
 * the previous review's statuses are passed in.
 */
import { addMonthsTo, daysBetween } from './dates.js';
import type { Initiative, Plan, ProgressNote } from './model.js';
import { COMPLIANCE_OF_STATUS, OGP_LEVELS, OGP_OF_STATUS, type Scale } from './scales.js';
import { notesAsOf, type SideStatus, statusAsOf } from './status.js';
import { compareNatural } from './text.js';
import { CADENCE_MONTHS, type Cadence, CLOSED_STATUSES, type Status, STATUSES } from './vocabulary.js';

/** A status's value on a scale: the status itself, an OGP level, or a compliance score ("1", "0", "-1"). */
export function scaleValue(status: Status, scale: Scale): string {
  if (scale === 'ogp') return OGP_OF_STATUS[status];
  if (scale === 'compliance') return String(COMPLIANCE_OF_STATUS[status]);
  return status;
}

/** The values of a scale, in the order a summary lists them. */
function scaleValues(scale: Scale): readonly string[] {
  if (scale === 'ogp') return OGP_LEVELS;
  if (scale === 'compliance') return ['1', '0', '-1'];
  return STATUSES;
}

/**
 * Whether the parties disagree on this scale: two parties have each reported a
 * status and the statuses' values on the scale differ (in-progress and at-risk
 * are both "limited" on the OGP scale, so they do not differ there).
 */
export function sidesDisagreeOn(sides: Record<string, SideStatus>, scale: Scale): boolean {
  const values = new Set(Object.values(sides).flatMap((s) => (s.status ? [scaleValue(s.status, scale)] : [])));
  return values.size > 1;
}

export interface ScaleCount {
  /** A value of `scaleValues(scale)`. */
  value: string;
  count: number;
}

/** How many commitments sit at each value of the scale; every value appears, in the scale's order. */
export function countOnScale(statuses: readonly Status[], scale: Scale): ScaleCount[] {
  const counts = new Map(scaleValues(scale).map((v) => [v, 0]));
  for (const s of statuses) {
    const v = scaleValue(s, scale);
    counts.set(v, counts.get(v)! + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count }));
}

export interface CadenceAdherence {
  id: string;
  cadence: Cadence;
  /** Months between occurrences; undefined for cadences the plan does not fix (regular, continuing). */
  months?: number;
  /** Whole periods since adoption that have ended by asOf (undefined without a fixed period). */
  expected?: number;
  /** Of those periods, how many have at least one progress note dated in them. */
  held?: number;
  /** Whether the period under way has a note already. */
  heldThisPeriod?: boolean;
  /** Date of the latest note on or before asOf. */
  lastHeld?: string;
  /** When the next occurrence is due: a period after the last note (or adoption); not for closed commitments. */
  nextDue?: string;
  /** Days past nextDue, when it is before asOf. */
  overdueDays?: number;
}

/**
 * Cadence adherence of a recurring commitment. Periods are counted from the
 * plan's adoption: period k runs from adoption + k·months to the day before
 * adoption + (k+1)·months. A period counts as held when the initiative has a
 * progress note dated in it (a note records an occurrence or work on it).
 */
export function cadenceAdherence(i: Initiative, adopted: string, asOf: string): CadenceAdherence | undefined {
  if (i.kind !== 'recurring' || i.cadence === undefined) return undefined;
  const notes = notesAsOf(i, asOf).filter((n) => n.date >= adopted);
  const out: CadenceAdherence = { id: i.id, cadence: i.cadence };
  const last = notes.reduce<string | undefined>((a, n) => (a === undefined || n.date > a ? n.date : a), undefined);
  if (last !== undefined) out.lastHeld = last;
  const months = CADENCE_MONTHS[i.cadence];
  if (months === undefined) return out;
  out.months = months;
  let expected = 0;
  let held = 0;
  for (let k = 0; ; k++) {
    const start = addMonthsTo(adopted, k * months);
    const end = addMonthsTo(adopted, (k + 1) * months);
    if (start > asOf) break;
    const inPeriod = notes.some((n) => n.date >= start && n.date < end);
    if (end <= asOf) {
      expected++;
      if (inPeriod) held++;
    } else out.heldThisPeriod = inPeriod;
  }
  out.expected = expected;
  out.held = held;
  if (!CLOSED_STATUSES.includes(statusAsOf(i, asOf).status)) {
    out.nextDue = addMonthsTo(last ?? adopted, months);
    if (out.nextDue < asOf) out.overdueDays = daysBetween(out.nextDue, asOf);
  }
  return out;
}

export type Trend = 'improved' | 'regressed' | 'unchanged' | 'new';

/**
 * How far along a status is, for telling improvement from regression:
 * discontinued < at risk < not started < in progress < ongoing < completed.
 * Any change of status is one or the other; only the same status is "unchanged".
 */
const STATUS_RANK: Record<Status, number> = {
  discontinued: 0,
  'at-risk': 1,
  'not-started': 2,
  'in-progress': 3,
  ongoing: 4,
  completed: 5,
};

export function trendOf(previous: Status | undefined, current: Status): Trend {
  if (previous === undefined) return 'new';
  const d = STATUS_RANK[current] - STATUS_RANK[previous];
  return d > 0 ? 'improved' : d < 0 ? 'regressed' : 'unchanged';
}

interface TrendItem {
  id: string;
  previous?: Status;
  current: Status;
  trend: Trend;
}

export interface TrendSummary {
  items: TrendItem[];
  counts: Record<Trend, number>;
}

export const TRENDS = ['improved', 'regressed', 'unchanged', 'new'] as const satisfies readonly Trend[];

/** Per initiative, its status now against its status in the previous review (absent there: new). */
export function trendSince(previous: ReadonlyMap<string, Status>, current: readonly { id: string; status: Status }[]): TrendSummary {
  const counts: Record<Trend, number> = { improved: 0, regressed: 0, unchanged: 0, new: 0 };
  const items = current.map((c) => {
    const p = previous.get(c.id);
    const trend = trendOf(p, c.status);
    counts[trend]++;
    const item: TrendItem = { id: c.id, current: c.status, trend };
    if (p !== undefined) item.previous = p;
    return item;
  });
  return { items, counts };
}

export interface Freshness {
  /** The start of the period: the previous review's date, or adoption. */
  since: string;
  /** Commitments expected to report in the period: those not already completed or discontinued at its start. */
  expected: number;
  /** Of those, how many have a note dated after `since` and on or before asOf. */
  updated: number;
  /** updated / expected; 0 when none is expected. */
  share: number;
}

/** Evidence freshness: the share of open commitments with a progress note since the previous review. */
export function evidenceFreshness(initiatives: readonly Initiative[], since: string, asOf: string): Freshness {
  let expected = 0;
  let updated = 0;
  for (const i of initiatives) {
    if (CLOSED_STATUSES.includes(statusAsOf(i, since).status)) continue;
    expected++;
    if (i.notes.some((n) => n.date > since && n.date <= asOf)) updated++;
  }
  return { since, expected, updated, share: expected === 0 ? 0 : updated / expected };
}

export interface Highlight {
  id: string;
  note: ProgressNote;
  /** The status before this note (from the initiative's earlier notes). */
  from: Status;
  /** The status the note set. */
  to: Status;
}

/**
 * The period's highlights: notes dated after `since` (up to asOf) that
 * complete a commitment or change its status. Completions first, then other
 * changes; within each the latest first, then by id. At most `max`.
 */
export function highlights(plan: Plan, since: string, asOf: string, max = 5): Highlight[] {
  const found: Highlight[] = [];
  for (const i of plan.initiatives) {
    let current: Status = 'not-started';
    for (const n of notesAsOf(i, asOf)) {
      if (n.status === undefined) continue;
      if (n.date > since && n.status !== current) found.push({ id: i.id, note: n, from: current, to: n.status });
      current = n.status;
    }
  }
  const weight = (h: Highlight) => (h.to === 'completed' ? 0 : 1);
  found.sort((a, b) => weight(a) - weight(b) || (a.note.date > b.note.date ? -1 : a.note.date < b.note.date ? 1 : 0) || compareNatural(a.id, b.id) || a.note.index - b.note.index);
  return found.slice(0, max);
}

/**
 * Text shortened for a summary: the first paragraph, cut at a word boundary
 * to at most `max` characters, with "…" when anything was left out.
 */
export function shorten(text: string, max = 240): { text: string; cut: boolean } {
  const paragraphs = text.trim().split(/\n\s*\n/);
  const first = paragraphs[0]!.replace(/\s*\n\s*/g, ' ');
  if ([...first].length <= max) return paragraphs.length === 1 ? { text: first, cut: false } : { text: `${first} …`, cut: true };
  const chars = [...first];
  let cutAt = max - 1;
  const spaceAt = chars.slice(0, cutAt).lastIndexOf(' ');
  if (spaceAt > max / 2) cutAt = spaceAt;
  return { text: `${chars.slice(0, cutAt).join('').replace(/[\s,;:.–—-]+$/, '')}…`, cut: true };
}

/** The measures the dashboard shows under its tables: beyond "% completed". */
export interface DashboardMeasures {
  /** What the trend and freshness are counted from: the latest review before asOf, else adoption. */
  since: { label: string; date: string };
  trend: Record<Trend, number>;
  freshness: Freshness;
  recurring: {
    count: number;
    /** Those with a fixed cadence: periods held of periods ended since adoption. */
    fixed: number;
    held: number;
    expected: number;
    /** Ids past their next due date, by days overdue, most first. */
    overdue: { id: string; days: number }[];
  };
}

/**
 * Trend per initiative against its status on the `since` day (from its notes
 * as of then: what a review of that day recorded), evidence freshness since
 * then, and the cadence adherence of recurring commitments.
 */
export function dashboardMeasures(plan: Plan, asOf: string, since: { label: string; date: string }): DashboardMeasures {
  const previous = new Map(plan.initiatives.map((i) => [i.id, statusAsOf(i, since.date).status]));
  const trend = trendSince(previous, plan.initiatives.map((i) => ({ id: i.id, status: statusAsOf(i, asOf).status }))).counts;
  const adherence = plan.initiatives.map((i) => cadenceAdherence(i, plan.manifest.adopted.date, asOf)).filter((a) => a !== undefined);
  const fixed = adherence.filter((a) => a.expected !== undefined);
  return {
    since,
    trend,
    freshness: evidenceFreshness(plan.initiatives, since.date, asOf),
    recurring: {
      count: adherence.length,
      fixed: fixed.length,
      held: fixed.reduce((n, a) => n + (a.held ?? 0), 0),
      expected: fixed.reduce((n, a) => n + (a.expected ?? 0), 0),
      overdue: adherence
        .filter((a) => a.overdueDays !== undefined)
        .map((a) => ({ id: a.id, days: a.overdueDays! }))
        .sort((a, b) => b.days - a.days || (a.id < b.id ? -1 : 1)),
    },
  };
}
