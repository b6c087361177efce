/**
 * What the annual-dialogue report says, as data: progress overall and per
 * pillar, what needs attention, and each initiative's latest notes. The
 * markdown is made from this by src/render/report.ts.
 */
import {
  type CadenceAdherence,
  cadenceAdherence,
  countOnScale,
  evidenceFreshness,
  type Freshness,
  type Highlight,
  highlights,
  type ScaleCount,
  sidesDisagreeOn,
  type TrendSummary,
  trendSince,
} from './measures.js';
import type { Manifest, Pillar, Plan, ProgressNote } from './model.js';
import { initiativesOfPillar } from './model.js';
import type { Scale } from './scales.js';
import { type InitiativeStatus, notesAsOf, type PillarProgress, planStatus, type PlanStatus } from './status.js';
import type { Status } from './vocabulary.js';

/** The review the report looks back to: its date, a name for it, and each initiative's status then. */
export interface PreviousReview {
  date: string;
  label: string;
  statuses: ReadonlyMap<string, Status>;
}

export interface ReportOptions {
  asOf: string;
  staleDays?: number;
  /** How many of each initiative's latest notes the pillar sections quote. */
  notesPerInitiative?: number;
  /** The scale sides are compared on (default: csp statuses). */
  scale?: Scale;
  /** The previous review, for the trend and what counts as "this period". */
  previous?: PreviousReview;
}

interface InitiativeNotes {
  id: string;
  title: string;
  notes: ProgressNote[];
}

export interface PillarSection {
  pillar: Pillar;
  progress: PillarProgress;
  /** The pillar's commitments counted on the report's scale (every value of the scale, in its order). */
  onScale: ScaleCount[];
  latestNotes: InitiativeNotes[];
  /** The pillar's commitments that are at risk, overdue or assessed differently by the sides, in table order. */
  concerns: Concern[];
}

interface Concern {
  status: InitiativeStatus;
  atRisk: boolean;
  /** Its cadence, when it is past its next due date. */
  overdue?: CadenceAdherence;
  /** The parties' latest statuses differ on the report's scale. */
  sidesDiffer: boolean;
}

interface NeedsAttention {
  atRisk: InitiativeStatus[];
  overdue: InitiativeStatus[];
  stale: InitiativeStatus[];
  /** No note at all since the plan was adopted (and not closed). */
  neverUpdated: InitiativeStatus[];
  /** The parties' latest statuses differ on the report's scale. */
  sidesDiffer: InitiativeStatus[];
  /** Stale and never updated together, in the plan's order. */
  notUpdated: InitiativeStatus[];
}

/** The measures of the brief's first page. */
interface BriefMeasures {
  scale: Scale;
  /** The period the brief looks back over: from the previous review (or adoption) to asOf. */
  periodStart: string;
  previous?: { date: string; label: string };
  /** Every commitment counted on the scale (every value of the scale, in its order). */
  onScale: ScaleCount[];
  /** Recurring commitments, in id order. */
  cadence: CadenceAdherence[];
  /** Those of `cadence` past their next due date. */
  overdue: CadenceAdherence[];
  /** Cadence adherence in one line: recurring commitments, those with a fixed cadence, periods held of periods ended, and how many are overdue. */
  recurring: { count: number; fixed: number; held: number; expected: number; overdue: number };
  /** Only when there is a previous review to compare with. */
  trend?: TrendSummary;
  freshness: Freshness;
  highlights: Highlight[];
}

export interface ReportData {
  plan: Plan;
  manifest: Manifest;
  asOf: string;
  status: PlanStatus;
  attention: NeedsAttention;
  pillars: PillarSection[];
  measures: BriefMeasures;
  /**
   * The progress notes quoted in full (the annex): each initiative once, in
   * pillar order, with the pillar sections' latest notes. Undefined when no
   * initiative has a note on or before asOf.
   */
  notesInFull?: InitiativeNotes[];
}

export function buildReport(plan: Plan, options: ReportOptions): ReportData {
  const status = planStatus(plan, { asOf: options.asOf, ...(options.staleDays !== undefined ? { staleDays: options.staleDays } : {}) });
  const perInitiative = options.notesPerInitiative ?? 3;
  const scale = options.scale ?? 'status';
  const all = status.initiatives;
  const stale = all.filter((s) => s.flags.includes('stale') && s.lastUpdate !== undefined);
  const neverUpdated = all.filter((s) => s.lastUpdate === undefined && s.flags.includes('stale'));
  const order = new Map(all.map((s, k) => [s.id, k]));
  const attention: NeedsAttention = {
    atRisk: all.filter((s) => s.status === 'at-risk'),
    overdue: all.filter((s) => s.flags.includes('overdue')),
    // Never-updated initiatives are listed on their own, not again as stale.
    stale,
    neverUpdated,
    sidesDiffer: all.filter((s) => sidesDisagreeOn(s.sides, scale)),
    notUpdated: [...stale, ...neverUpdated].sort((x, y) => order.get(x.id)! - order.get(y.id)!),
  };
  const cadence = plan.initiatives.flatMap((i) => cadenceAdherence(i, plan.manifest.adopted.date, options.asOf) ?? []);
  const overdue = cadence.filter((c) => c.overdueDays !== undefined);
  const overdueById = new Map(overdue.map((c) => [c.id, c]));
  const differ = new Set(attention.sidesDiffer.map((s) => s.id));
  const pillars = plan.pillars.map((pillar): PillarSection => {
    const progress = status.pillars.find((p) => p.number === pillar.number)!;
    const latestNotes = initiativesOfPillar(plan, pillar.number)
      .map((i) => ({ id: i.id, title: i.title, notes: notesAsOf(i, options.asOf).slice(-perInitiative).reverse() }))
      .filter((x) => x.notes.length > 0);
    const concerns = progress.initiatives.flatMap((s): Concern[] => {
      const c = overdueById.get(s.id);
      const concern: Concern = { status: s, atRisk: s.status === 'at-risk', sidesDiffer: differ.has(s.id), ...(c ? { overdue: c } : {}) };
      return concern.atRisk || c || concern.sidesDiffer ? [concern] : [];
    });
    return { pillar, progress, onScale: onScale(progress.initiatives, scale), latestNotes, concerns };
  });
  const periodStart = options.previous?.date ?? plan.manifest.adopted.date;
  const fixed = cadence.filter((c) => c.expected !== undefined);
  const measures: BriefMeasures = {
    scale,
    periodStart,
    onScale: onScale(all, scale),
    cadence,
    overdue,
    recurring: {
      count: plan.initiatives.filter((i) => i.kind === 'recurring').length,
      fixed: fixed.length,
      held: fixed.reduce((a, c) => a + (c.held ?? 0), 0),
      expected: fixed.reduce((a, c) => a + (c.expected ?? 0), 0),
      overdue: fixed.filter((c) => c.overdueDays !== undefined).length,
    },
    freshness: evidenceFreshness(plan.initiatives, periodStart, options.asOf),
    highlights: highlights(plan, periodStart, options.asOf),
  };
  if (options.previous) {
    measures.previous = { date: options.previous.date, label: options.previous.label };
    measures.trend = trendSince(options.previous.statuses, all);
  }
  const data: ReportData = { plan, manifest: plan.manifest, asOf: options.asOf, status, attention, pillars, measures };
  if (plan.initiatives.some((i) => i.notes.some((n) => n.date <= options.asOf))) {
    const quoted = new Set<string>();
    data.notesInFull = pillars.flatMap((p) => p.latestNotes).filter((x) => !quoted.has(x.id) && quoted.add(x.id));
  }
  return data;
}

function onScale(items: readonly InitiativeStatus[], scale: Scale): ScaleCount[] {
  return countOnScale(
    items.map((s) => s.status),
    scale,
  );
}
