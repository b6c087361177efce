/**
 * The plan frozen at one point: per initiative what it says and where it
 * stood. Built from a loaded Plan as of a date, or read from a review file.
 * Two snapshots are what `csp diff` compares. Pure.
 */
import type { Initiative, Plan, PlanEvent } from './model.js';
import { notesAsOf, sideStatusesAsOf, statusAsOf } from './status.js';
import { compareNatural } from './text.js';
import type { Status } from './vocabulary.js';

/** Where a snapshot comes from, as the user named it. */
export type SnapshotSource =
  | { kind: 'review'; name: string; date: string; title?: string }
  | { kind: 'date'; date: string }
  | { kind: 'revision'; revision: string; commit: string; asOf: string }
  | { kind: 'worktree'; asOf: string };

export interface SnapshotNote {
  date: string;
  text: string;
  status?: Status;
  side: string;
  author?: string;
  links: string[];
}

/** The fields of an initiative a snapshot keeps as they are; the rest is as of the snapshot's date. */
type SnapshotFields = 'id' | 'pillar' | 'alsoListedUnder' | 'title' | 'text' | 'kind' | 'cadence' | 'themes' | 'leads' | 'related';

export interface SnapshotInitiative extends Pick<Initiative, SnapshotFields> {
  status: Status;
  /** Date of the note that set the status. */
  statusSince?: string;
  /** Each party's status (its own or joint notes), for parties that have reported one. */
  sides: Record<string, Status>;
  noteCount: number;
  /** Date of the latest note counted. */
  lastNote?: string;
  /** The notes themselves (oldest first), when known: a review file records only their count. */
  notes?: SnapshotNote[];
  /** Translations as canonical JSON, when known (review files do not record them). */
  translations?: string;
}

export interface SnapshotPillar {
  number: number;
  title: string;
  short?: string;
}

export interface PlanSnapshot {
  source: SnapshotSource;
  /** The plan's title. */
  title: string;
  /** The day statuses are taken as of. */
  asOf: string;
  pillars: SnapshotPillar[];
  /** Sorted by id, naturally. */
  initiatives: SnapshotInitiative[];
  /** Events of the plan as a whole dated on or before asOf, oldest first, when known (a review file does not record them). */
  events?: PlanEvent[];
}

/** The plan's events dated on or before a day, oldest first. */
export function eventsAsOf(plan: Plan, asOf: string): PlanEvent[] {
  return (plan.manifest.events ?? []).filter((e) => e.date <= asOf).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function snapshotInitiative(i: Initiative, asOf: string, parties: readonly string[]): SnapshotInitiative {
  const notes = notesAsOf(i, asOf);
  const { status, since } = statusAsOf(i, asOf);
  const sides: Record<string, Status> = {};
  for (const [party, side] of Object.entries(sideStatusesAsOf(i, parties, asOf))) if (side.status) sides[party] = side.status;
  const s: SnapshotInitiative = {
    id: i.id,
    pillar: i.pillar,
    alsoListedUnder: [...i.alsoListedUnder],
    title: i.title,
    text: i.text,
    themes: [...i.themes],
    leads: { ...i.leads },
    related: [...i.related],
    status,
    sides,
    noteCount: notes.length,
    notes: notes.map((n) => ({
      date: n.date,
      text: n.text,
      ...(n.status !== undefined ? { status: n.status } : {}),
      side: n.side,
      ...(n.author !== undefined ? { author: n.author } : {}),
      links: [...n.links],
    })),
  };
  if (i.kind !== undefined) s.kind = i.kind;
  if (i.cadence !== undefined) s.cadence = i.cadence;
  if (since !== undefined) s.statusSince = since;
  const last = latest(notes.map((n) => n.date));
  if (last !== undefined) s.lastNote = last;
  if (i.translations !== undefined) s.translations = canonicalJson(i.translations);
  return s;
}

export function partiesOf(plan: Plan): string[] {
  return plan.manifest.parties.map((p) => p.id);
}

/** The plan as of a date: statuses and notes from the notes dated on or before it. */
export function snapshotOfPlan(plan: Plan, asOf: string, source: SnapshotSource): PlanSnapshot {
  return {
    source,
    title: plan.manifest.title,
    asOf,
    pillars: plan.pillars.map((p) => ({ number: p.number, title: p.title, ...(p.short !== undefined ? { short: p.short } : {}) })),
    initiatives: plan.initiatives.map((i) => snapshotInitiative(i, asOf, partiesOf(plan))).sort((a, b) => compareNatural(a.id, b.id)),
    events: eventsAsOf(plan, asOf),
  };
}

/**
 * Gives a snapshot that records only note counts (a review) the notes
 * themselves, taken from a plan that holds them: an initiative's notes dated
 * on or before the snapshot's day. Only where they agree with what the
 * snapshot recorded (same count, same last date): a note written later but
 * dated earlier, or one deleted since, leaves that initiative with its count
 * only, so a diff never shows notes the review did not see.
 */
export function attachNotes(snapshot: PlanSnapshot, plan: Plan): PlanSnapshot {
  const byId = new Map(plan.initiatives.map((i) => [i.id, i]));
  return {
    ...snapshot,
    events: snapshot.events ?? eventsAsOf(plan, snapshot.asOf),
    initiatives: snapshot.initiatives.map((s) => {
      if (s.notes !== undefined) return s;
      const i = byId.get(s.id);
      if (!i) return s;
      const candidate = snapshotInitiative(i, snapshot.asOf, partiesOf(plan));
      if (candidate.noteCount !== s.noteCount || candidate.lastNote !== s.lastNote) return s;
      return { ...s, notes: candidate.notes! };
    }),
  };
}

function latest(dates: readonly string[]): string | undefined {
  let out: string | undefined;
  for (const d of dates) if (out === undefined || d > out) out = d;
  return out;
}

/**
 * Whether two JSON-like values have the same canonicalJson, without building
 * it: key order and members whose value is undefined do not count.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x ?? null, b[i] ?? null));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => rb[k] !== undefined && jsonEqual(ra[k], rb[k]));
}

/** JSON with object keys sorted, so equal data gives equal text whatever the key order in the file. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
