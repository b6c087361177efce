/**
 * What moved between two snapshots of the plan: initiatives added or
 * removed, statuses changed, notes received, wording edited. Untouched
 * initiatives never appear. Pure and deterministic: changes are sorted by
 * pillar, then id, then kind.
 */
import { isListedUnder, type PlanEvent } from './model.js';
import { jsonEqual, type PlanSnapshot, type SnapshotInitiative, type SnapshotNote, type SnapshotPillar, type SnapshotSource } from './snapshot.js';
import { compareNatural } from './text.js';
import { type Status, STATUSES } from './vocabulary.js';

const CHANGE_KINDS = ['added', 'removed', 'status', 'side-status', 'notes', 'edited'] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The fields whose edits a diff reports, in the order it lists them. */
const EDITED_FIELDS = ['pillar', 'alsoListedUnder', 'title', 'text', 'kind', 'cadence', 'themes', 'leads', 'related', 'translations'] as const;
export type EditedField = (typeof EDITED_FIELDS)[number];

interface ChangeBase {
  id: string;
  /** The pillar the initiative is listed under (in TO; in FROM when removed). */
  pillar: number;
  title: string;
}

interface AddedChange extends ChangeBase {
  kind: 'added';
  status: Status;
  noteCount: number;
}

interface RemovedChange extends ChangeBase {
  kind: 'removed';
  status: Status;
  noteCount: number;
}

interface StatusChange extends ChangeBase {
  kind: 'status';
  from: Status;
  to: Status;
  /** Date of the note that set the new status. */
  since?: string;
}

/** One party's own assessment moved differently from the overall status (the sides disagree, or stop disagreeing). */
interface SideStatusChange extends ChangeBase {
  kind: 'side-status';
  party: string;
  /** Undefined when the party had not reported a status. */
  from?: Status;
  to?: Status;
}

export interface NotesChange extends ChangeBase {
  kind: 'notes';
  /** How many notes are new. */
  count: number;
  /** How many notes are gone (deleted or rewritten since). */
  removed: number;
  /** The new notes, oldest first, when both sides' notes are known. */
  notes?: SnapshotNote[];
  /** The notes that are gone, when known. */
  removedNotes?: SnapshotNote[];
}

export interface EditedChange extends ChangeBase {
  kind: 'edited';
  fields: EditedField[];
  /** The edited fields' values before and after (translations are not repeated). */
  before: Partial<Record<EditedField, unknown>>;
  after: Partial<Record<EditedField, unknown>>;
}

export type Change = AddedChange | RemovedChange | StatusChange | SideStatusChange | NotesChange | EditedChange;

export interface DiffSummary {
  added: number;
  removed: number;
  edited: number;
  /** Initiatives whose status changed, by the status they moved to. */
  movedTo: Partial<Record<Status, number>>;
  /** Changes of one party's own assessment (see SideStatusChange). */
  sideChanges: number;
  /** Initiatives that received notes, and how many notes in all. */
  receivedNotes: number;
  newNotes: number;
  /** Initiatives that lost notes (deleted or rewritten). */
  lostNotes: number;
  /** Initiatives with at least one change. */
  initiatives: number;
}

export interface PlanDiff {
  from: SnapshotSource;
  to: SnapshotSource;
  fromAsOf: string;
  toAsOf: string;
  /** Only initiatives listed under this pillar, when given. */
  pillar?: number;
  /** Every pillar of either side (TO's titles win), by number. */
  pillars: SnapshotPillar[];
  summary: DiffSummary;
  changes: Change[];
  /** Events of the plan as a whole that TO has and FROM had not (by date, kind and text), oldest first. */
  events: PlanEvent[];
}

export interface DiffOptions {
  pillar?: number;
}

export function diffSnapshots(from: PlanSnapshot, to: PlanSnapshot, options: DiffOptions = {}): PlanDiff {
  const before = new Map(from.initiatives.map((i) => [i.id, i]));
  const after = new Map(to.initiatives.map((i) => [i.id, i]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const listed = (i: SnapshotInitiative | undefined, n: number) => i !== undefined && isListedUnder(i, n);
  const changes: Change[] = [];
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    if (options.pillar !== undefined && !listed(a, options.pillar) && !listed(b, options.pillar)) continue;
    changes.push(...changesOf(a, b));
  }
  const kindOrder = (k: ChangeKind) => CHANGE_KINDS.indexOf(k);
  changes.sort((x, y) => x.pillar - y.pillar || compareNatural(x.id, y.id) || kindOrder(x.kind) - kindOrder(y.kind));
  const pillars = new Map<number, SnapshotPillar>();
  for (const p of [...from.pillars, ...to.pillars]) pillars.set(p.number, p);
  const diff: PlanDiff = {
    from: from.source,
    to: to.source,
    fromAsOf: from.asOf,
    toAsOf: to.asOf,
    pillars: [...pillars.values()].sort((x, y) => x.number - y.number),
    summary: summarize(changes),
    changes,
    events: newEvents(from, to),
  };
  if (options.pillar !== undefined) diff.pillar = options.pillar;
  return diff;
}

function newEvents(from: PlanSnapshot, to: PlanSnapshot): PlanEvent[] {
  const key = (e: PlanEvent) => `${e.date}\u0000${e.kind}\u0000${e.text}`;
  // Without FROM's events (a review file records none), those dated after FROM's day are new.
  const known = from.events === undefined ? undefined : new Set(from.events.map(key));
  return (to.events ?? []).filter((e) => (known ? !known.has(key(e)) : e.date > from.asOf));
}

function changesOf(a: SnapshotInitiative | undefined, b: SnapshotInitiative | undefined): Change[] {
  if (a === undefined && b === undefined) return [];
  if (a === undefined) return [{ id: b!.id, pillar: b!.pillar, title: b!.title, kind: 'added', status: b!.status, noteCount: b!.noteCount }];
  if (b === undefined) return [{ id: a.id, pillar: a.pillar, title: a.title, kind: 'removed', status: a.status, noteCount: a.noteCount }];
  const base = { id: b.id, pillar: b.pillar, title: b.title };
  const out: Change[] = [];
  if (a.status !== b.status) {
    out.push({ ...base, kind: 'status', from: a.status, to: b.status, ...(b.statusSince !== undefined ? { since: b.statusSince } : {}) });
  }
  out.push(...sideChanges(a, b).map((c) => ({ ...base, ...c })));
  const notes = notesChange(a, b);
  if (notes) out.push({ ...base, kind: 'notes', ...notes });
  const edited = editedFields(a, b);
  if (edited.length) {
    const values = (s: SnapshotInitiative) =>
      Object.fromEntries(edited.filter((f) => f !== 'translations').map((f) => [f, s[f]])) as Partial<Record<EditedField, unknown>>;
    out.push({ ...base, kind: 'edited', fields: edited, before: values(a), after: values(b) });
  }
  return out;
}

/**
 * A party's status change is news only where it differs from the overall
 * change: a joint note moves both sides with the overall status, and saying
 * so twice more would be noise.
 */
function sideChanges(a: SnapshotInitiative, b: SnapshotInitiative): Omit<SideStatusChange, keyof ChangeBase>[] {
  const parties = [...new Set([...Object.keys(a.sides), ...Object.keys(b.sides)])].sort();
  return parties.flatMap((party) => {
    const from = a.sides[party];
    const to = b.sides[party];
    // Not having reported counts as not started, as it does for the overall status.
    if (from === to || ((from ?? 'not-started') === a.status && (to ?? 'not-started') === b.status)) return [];
    return [{ kind: 'side-status' as const, party, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }];
  });
}

function editedFields(a: SnapshotInitiative, b: SnapshotInitiative): EditedField[] {
  return EDITED_FIELDS.filter((f) => {
    if (f === 'translations') return a.translations !== undefined && b.translations !== undefined && a.translations !== b.translations;
    return !jsonEqual(a[f] ?? null, b[f] ?? null);
  });
}

type NotesDelta = Omit<NotesChange, keyof ChangeBase | 'kind'>;

function noteKey(n: SnapshotNote): string {
  // Strings and arrays only, no objects: plain JSON is already canonical (canonicalJson sorts object
  // keys and costs ≈ 3 µs a note, seconds for a plan of 10,000 initiatives).
  return JSON.stringify([n.date, n.text, n.status ?? null, n.side, n.author ?? null, n.links]);
}

/** Notes in `xs` that `ys` lacks, counting duplicates (a multiset difference), in `xs` order. */
function missingFrom(xs: readonly SnapshotNote[], ys: readonly SnapshotNote[]): SnapshotNote[] {
  const left = new Map<string, number>();
  for (const n of ys) {
    const k = noteKey(n);
    left.set(k, (left.get(k) ?? 0) + 1);
  }
  return xs.filter((n) => {
    const k = noteKey(n);
    const c = left.get(k) ?? 0;
    if (c > 0) {
      left.set(k, c - 1);
      return false;
    }
    return true;
  });
}

function sameNote(n: SnapshotNote, m: SnapshotNote): boolean {
  return (
    n.date === m.date &&
    n.text === m.text &&
    n.status === m.status &&
    n.side === m.side &&
    n.author === m.author &&
    n.links.length === m.links.length &&
    n.links.every((l, i) => l === m.links[i])
  );
}

function notesChange(a: SnapshotInitiative, b: SnapshotInitiative): NotesDelta | undefined {
  if (a.notes !== undefined && b.notes !== undefined) {
    // Most initiatives have the same notes in the same order: say so without building keys.
    if (a.notes.length === b.notes.length && a.notes.every((n, i) => sameNote(n, b.notes![i]!))) return undefined;
    const added = missingFrom(b.notes, a.notes);
    const removed = missingFrom(a.notes, b.notes);
    if (added.length === 0 && removed.length === 0) return undefined;
    return { count: added.length, removed: removed.length, notes: added, ...(removed.length ? { removedNotes: removed } : {}) };
  }
  // One side (a review) recorded only how many notes there were and the last one's date.
  const delta = b.noteCount - a.noteCount;
  if (delta === 0 && a.lastNote === b.lastNote) return undefined;
  if (delta === 0) return { count: 1, removed: 1 }; // at the least, one note replaced another
  if (delta < 0) return { count: 0, removed: -delta };
  const out: NotesDelta = { count: delta, removed: 0 };
  if (b.notes !== undefined) {
    const later = b.notes.filter((n) => a.lastNote === undefined || n.date > a.lastNote);
    if (later.length === delta) out.notes = later;
  }
  return out;
}

function summarize(changes: readonly Change[]): DiffSummary {
  const s: DiffSummary = { added: 0, removed: 0, edited: 0, movedTo: {}, sideChanges: 0, receivedNotes: 0, newNotes: 0, lostNotes: 0, initiatives: 0 };
  for (const c of changes) {
    if (c.kind === 'added') s.added++;
    else if (c.kind === 'removed') s.removed++;
    else if (c.kind === 'edited') s.edited++;
    else if (c.kind === 'status') s.movedTo[c.to] = (s.movedTo[c.to] ?? 0) + 1;
    else if (c.kind === 'side-status') s.sideChanges++;
    else {
      if (c.count > 0) s.receivedNotes++;
      if (c.removed > 0) s.lostNotes++;
      s.newNotes += c.count;
    }
  }
  s.initiatives = new Set(changes.map((c) => c.id)).size;
  // Vocabulary order, so JSON output is stable.
  s.movedTo = Object.fromEntries(STATUSES.filter((st) => s.movedTo[st] !== undefined).map((st) => [st, s.movedTo[st]!]));
  return s;
}
