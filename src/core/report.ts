/**
 * What the annual-dialogue report says, as data: progress overall and per
 * pillar, what needs attention, and each initiative's latest notes. The
 * markdown is made from this by src/render/report.ts.
 */
import type { Manifest, Pillar, Plan, ProgressNote } from './model.js';
import { initiativesOfPillar } from './model.js';
import { type InitiativeStatus, notesAsOf, type PillarProgress, planStatus, type PlanStatus } from './status.js';

export interface ReportOptions {
  asOf: string;
  staleDays?: number;
  /** How many of each initiative's latest notes the pillar sections quote. */
  notesPerInitiative?: number;
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
  /** The parties' latest statuses differ. */
  sidesDiffer: InitiativeStatus[];
}

export interface ReportData {
  plan: Plan;
  manifest: Manifest;
  asOf: string;
  status: PlanStatus;
  attention: NeedsAttention;
  pillars: PillarSection[];
}

export function buildReport(plan: Plan, options: ReportOptions): ReportData {
  const status = planStatus(plan, { asOf: options.asOf, ...(options.staleDays !== undefined ? { staleDays: options.staleDays } : {}) });
  const perInitiative = options.notesPerInitiative ?? 3;
  const all = status.initiatives;
  const attention: NeedsAttention = {
    atRisk: all.filter((s) => s.status === 'at-risk'),
    overdue: all.filter((s) => s.flags.includes('overdue')),
    // Never-updated initiatives are listed on their own, not again as stale.
    stale: all.filter((s) => s.flags.includes('stale') && s.lastUpdate !== undefined),
    neverUpdated: all.filter((s) => s.lastUpdate === undefined && s.flags.includes('stale')),
    sidesDiffer: all.filter((s) => s.disagreement),
  };
  const pillars = plan.pillars.map((pillar) => {
    const progress = status.pillars.find((p) => p.number === pillar.number)!;
    const latestNotes = initiativesOfPillar(plan, pillar.number)
      .map((i) => ({ id: i.id, title: i.title, notes: notesAsOf(i, options.asOf).slice(-perInitiative).reverse() }))
      .filter((x) => x.notes.length > 0);
    return { pillar, progress, latestNotes };
  });
  return { plan, manifest: plan.manifest, asOf: options.asOf, status, attention, pillars };
}
