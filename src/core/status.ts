/**
 * Where each commitment stands on a given day: its status (from its notes),
 * its last update and what needs attention. Pure: `asOf` is passed in.
 */
import { addMonthsTo, daysBetween } from './dates.js';
import type { Initiative, Pillar, Plan, ProgressNote } from './model.js';
import { isListedUnder } from './model.js';
import { type ComplianceSummary, complianceSummary, type OgpSummary, ogpSummary } from './scales.js';
import { CADENCE_MONTHS, CLOSED_STATUSES, JOINT_SIDE, type Status, STATUSES } from './vocabulary.js';

export const DEFAULT_STALE_DAYS = 180;

/** `data-errors`: some of the initiative's data could not be read (a file of it has errors); what is shown is what could be read. */
export type Flag = 'stale' | 'overdue' | 'sides-differ' | 'data-errors';

/** One party's view: the status of its latest status-bearing note (its own or a joint one). */
export interface SideStatus {
  /** Undefined when the side has not reported a status yet. */
  status?: Status;
  since?: string;
}

export interface InitiativeStatus {
  id: string;
  pillar: number;
  alsoListedUnder: number[];
  title: string;
  kind?: string;
  cadence?: string;
  themes: string[];
  status: Status;
  /** Date of the note that set the status. */
  statusSince?: string;
  /** Date of the latest note on or before asOf. */
  lastUpdate?: string;
  /** Days from the last update (or adoption, when there is none) to asOf. */
  daysSinceUpdate: number;
  notes: number;
  flags: Flag[];
  /** Each party's assessment, by party id (every party of the plan appears). */
  sides: Record<string, SideStatus>;
  /** True when two parties have each reported a status and the statuses differ. */
  disagreement: boolean;
  /** For recurring initiatives with a fixed cadence: when the next occurrence is due. */
  nextDue?: string;
  file: string;
}

export type StatusCounts = Record<Status, number>;

export interface PillarProgress {
  number: number;
  title: string;
  short?: string;
  total: number;
  counts: StatusCounts;
  /** completed / total, 0 when empty. */
  completedShare: number;
  /** The same statuses on the OGP and compliance scales. */
  ogp: OgpSummary;
  compliance: ComplianceSummary;
  initiatives: InitiativeStatus[];
}

export interface PlanStatus {
  asOf: string;
  staleDays: number;
  pillars: PillarProgress[];
  /** Each commitment once, even when listed under two pillars. */
  initiatives: InitiativeStatus[];
  totals: { total: number; counts: StatusCounts; completedShare: number; flagged: Record<Flag, number>; ogp: OgpSummary; compliance: ComplianceSummary };
  /** Initiatives shown under the pillars, counting one listed under two pillars twice. */
  listings: number;
}

export interface StatusQuery {
  asOf: string;
  staleDays?: number;
  pillar?: number;
  status?: Status;
  theme?: string;
  /** Keep only initiatives flagged stale (or overdue). */
  onlyFlagged?: boolean;
}

/**
 * Each party's status as of a date. A joint note (or one without a side)
 * speaks for every party; a party's own note speaks for that party only.
 */
export function sideStatusesAsOf(i: Initiative, parties: readonly string[], asOf: string): Record<string, SideStatus> {
  const notes = notesAsOf(i, asOf);
  const out: Record<string, SideStatus> = {};
  for (const party of parties) {
    out[party] = {};
    for (let k = notes.length - 1; k >= 0; k--) {
      const n = notes[k]!;
      if (n.status !== undefined && (n.side === party || n.side === JOINT_SIDE)) {
        out[party] = { status: n.status, since: n.date };
        break;
      }
    }
  }
  return out;
}

function sidesDisagree(sides: Record<string, SideStatus>): boolean {
  const reported = new Set(Object.values(sides).flatMap((s) => (s.status ? [s.status] : [])));
  return reported.size > 1;
}

/** Notes written on or before `asOf`, in file order. */
export function notesAsOf(i: Initiative, asOf: string): ProgressNote[] {
  return i.notes.filter((n) => n.date <= asOf);
}

/** The status of the latest note (on or before asOf) that sets one. Later notes on the same day win. */
export function statusAsOf(i: Initiative, asOf: string): { status: Status; since?: string } {
  const notes = notesAsOf(i, asOf);
  for (let k = notes.length - 1; k >= 0; k--) {
    const n = notes[k]!;
    if (n.status !== undefined) return { status: n.status, since: n.date };
  }
  return { status: 'not-started' };
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export function assessInitiative(plan: Plan, i: Initiative, asOf: string, staleDays: number): InitiativeStatus {
  const { status, since } = statusAsOf(i, asOf);
  const notes = notesAsOf(i, asOf);
  const lastUpdate = latestDate(notes);
  const reference = lastUpdate ?? plan.manifest.adopted.date;
  const daysSinceUpdate = daysBetween(reference, asOf);
  const closed = CLOSED_STATUSES.includes(status);
  const flags: Flag[] = [];
  if (!closed && daysSinceUpdate > staleDays) flags.push('stale');
  const sides = sideStatusesAsOf(
    i,
    plan.manifest.parties.map((p) => p.id),
    asOf,
  );
  const disagreement = sidesDisagree(sides);
  let nextDue: string | undefined;
  const months = i.kind === 'recurring' && i.cadence ? CADENCE_MONTHS[i.cadence] : undefined;
  if (months !== undefined && !closed) {
    nextDue = addMonthsTo(reference, months);
    if (nextDue < asOf) flags.push('overdue');
  }
  if (disagreement) flags.push('sides-differ');
  if (i.incomplete) flags.push('data-errors');
  const s: InitiativeStatus = {
    id: i.id,
    pillar: i.pillar,
    alsoListedUnder: i.alsoListedUnder,
    title: i.title,
    themes: i.themes,
    status,
    daysSinceUpdate,
    notes: notes.length,
    flags,
    sides,
    disagreement,
    file: i.file,
  };
  if (i.kind !== undefined) s.kind = i.kind;
  if (i.cadence !== undefined) s.cadence = i.cadence;
  if (since !== undefined) s.statusSince = since;
  if (lastUpdate !== undefined) s.lastUpdate = lastUpdate;
  if (nextDue !== undefined) s.nextDue = nextDue;
  return s;
}

function latestDate(notes: readonly ProgressNote[]): string | undefined {
  let latest: string | undefined;
  for (const n of notes) if (latest === undefined || n.date > latest) latest = n.date;
  return latest;
}

export function planStatus(plan: Plan, query: StatusQuery): PlanStatus {
  const staleDays = query.staleDays ?? DEFAULT_STALE_DAYS;
  const keep = (i: Initiative, s: InitiativeStatus): boolean =>
    (query.pillar === undefined || isListedUnder(i, query.pillar)) &&
    (query.status === undefined || s.status === query.status) &&
    (query.theme === undefined || i.themes.includes(query.theme)) &&
    (!query.onlyFlagged || s.flags.length > 0);
  const assessed = plan.initiatives
    .map((i) => ({ i, s: assessInitiative(plan, i, query.asOf, staleDays) }))
    .filter(({ i, s }) => keep(i, s));
  const pillars = plan.pillars
    .filter((p) => query.pillar === undefined || p.number === query.pillar)
    .map((p) => pillarProgress(p, assessed.filter(({ i }) => isListedUnder(i, p.number)).map(({ s }) => s)));
  const initiatives = assessed.map(({ s }) => s);
  const counts = countStatuses(initiatives);
  const flagged: Record<Flag, number> = { stale: 0, overdue: 0, 'sides-differ': 0, 'data-errors': 0 };
  for (const s of initiatives) for (const f of s.flags) flagged[f]++;
  return {
    asOf: query.asOf,
    staleDays,
    pillars,
    initiatives,
    totals: { total: initiatives.length, counts, completedShare: share(counts.completed, initiatives.length), flagged, ...onScales(initiatives) },
    listings: pillars.reduce((a, p) => a + p.total, 0),
  };
}

function pillarProgress(p: Pillar, initiatives: InitiativeStatus[]): PillarProgress {
  const counts = countStatuses(initiatives);
  const out: PillarProgress = {
    number: p.number,
    title: p.title,
    total: initiatives.length,
    counts,
    completedShare: share(counts.completed, initiatives.length),
    ...onScales(initiatives),
    initiatives,
  };
  if (p.short !== undefined) out.short = p.short;
  return out;
}

/** A group's statuses summarised on the OGP and compliance scales. */
function onScales(items: readonly InitiativeStatus[]): { ogp: OgpSummary; compliance: ComplianceSummary } {
  const statuses = items.map((i) => i.status);
  return { ogp: ogpSummary(statuses), compliance: complianceSummary(statuses) };
}

export function countStatuses(items: readonly { status: Status }[]): StatusCounts {
  const counts = emptyCounts();
  for (const s of items) counts[s.status]++;
  return counts;
}

function share(n: number, total: number): number {
  return total === 0 ? 0 : n / total;
}

/**
 * The plan as it stood on `asOf`: every initiative with only the notes dated
 * on or before that day. What `--as-of` shows.
 */
export function planAsOf(plan: Plan, asOf: string): Plan {
  return { ...plan, initiatives: plan.initiatives.map((i) => (i.notes.some((n) => n.date > asOf) ? { ...i, notes: i.notes.filter((n) => n.date <= asOf) } : i)) };
}
