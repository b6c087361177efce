/**
 * What the annual-dialogue report says, as data: progress overall and per
 * pillar, what needs attention, and each initiative's latest notes. The
 * markdown is made from this by src/render/report.ts.
 */
import {
  type CadenceAdherence,
  cadenceAdherence,
  evidenceFreshness,
  type Freshness,
  type Highlight,
  highlights,
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

export interface InitiativeNotes {
  id: string;
  title: string;
  notes: ProgressNote[];
}

export interface PillarSection {
  pillar: Pillar;
  progress: PillarProgress;
  latestNotes: InitiativeNotes[];
}

export interface NeedsAttention {
  atRisk: InitiativeStatus[];
  overdue: InitiativeStatus[];
  stale: InitiativeStatus[];
  /** No note at all since the plan was adopted (and not closed). */
  neverUpdated: InitiativeStatus[];
  /** The parties' latest statuses differ on the report's scale. */
  sidesDiffer: InitiativeStatus[];
}

/** The measures of the brief's first page. */
export interface BriefMeasures {
  scale: Scale;
  /** The period the brief looks back over: from the previous review (or adoption) to asOf. */
  periodStart: string;
  previous?: { date: string; label: string };
  /** Recurring commitments, in id order. */
  cadence: CadenceAdherence[];
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
}

export function buildReport(plan: Plan, options: ReportOptions): ReportData {
  const status = planStatus(plan, { asOf: options.asOf, ...(options.staleDays !== undefined ? { staleDays: options.staleDays } : {}) });
  const perInitiative = options.notesPerInitiative ?? 3;
  const scale = options.scale ?? 'status';
  const all = status.initiatives;
  const attention: NeedsAttention = {
    atRisk: all.filter((s) => s.status === 'at-risk'),
    overdue: all.filter((s) => s.flags.includes('overdue')),
    // Never-updated initiatives are listed on their own, not again as stale.
    stale: all.filter((s) => s.flags.includes('stale') && s.lastUpdate !== undefined),
    neverUpdated: all.filter((s) => s.lastUpdate === undefined && s.flags.includes('stale')),
    sidesDiffer: all.filter((s) => sidesDisagreeOn(s.sides, scale)),
  };
  const pillars = plan.pillars.map((pillar) => {
    const progress = status.pillars.find((p) => p.number === pillar.number)!;
    const latestNotes = initiativesOfPillar(plan, pillar.number)
      .map((i) => ({ id: i.id, title: i.title, notes: notesAsOf(i, options.asOf).slice(-perInitiative).reverse() }))
      .filter((x) => x.notes.length > 0);
    return { pillar, progress, latestNotes };
  });
  const periodStart = options.previous?.date ?? plan.manifest.adopted.date;
  const measures: BriefMeasures = {
    scale,
    periodStart,
    cadence: plan.initiatives.flatMap((i) => cadenceAdherence(i, plan.manifest.adopted.date, options.asOf) ?? []),
    freshness: evidenceFreshness(plan.initiatives, periodStart, options.asOf),
    highlights: highlights(plan, periodStart, options.asOf),
  };
  if (options.previous) {
    measures.previous = { date: options.previous.date, label: options.previous.label };
    measures.trend = trendSince(options.previous.statuses, all);
  }
  return { plan, manifest: plan.manifest, asOf: options.asOf, status, attention, pillars, measures };
}
