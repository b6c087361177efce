/** The domain: a plan, its pillars and themes, its initiatives and their progress notes. */
import type { SourcePos } from './diagnostics.js';
import type { Cadence, Kind, PlanEventKind, ReportLang, Status, TranslationLang } from './vocabulary.js';

/** Translated fields by language, each with the fingerprint of the English it was made from. */
export type Translations<K extends string> = Partial<
  Record<TranslationLang, Partial<Record<K, string>> & { basis?: Partial<Record<K, string>> }>
>;

export interface Party {
  id: string;
  name: string;
}

interface Theme {
  id: string;
  title: string;
  text?: string;
  pillar: number;
  translations?: Translations<'title' | 'text'>;
}

export interface Pillar {
  number: number;
  title: string;
  short?: string;
  translations?: Translations<'title' | 'short'>;
  themes: Theme[];
  /** The folder that holds its initiatives, relative to the plan folder: "pillar-N". */
  folder: string;
}

export interface Manifest {
  title: string;
  partnership: string;
  parties: Party[];
  adopted: { date: string; place?: string; by?: string };
  source: { title: string; file?: string; url?: string };
  review: { cadence: Cadence; body: string; text?: string };
  background?: string;
  translations?: Translations<'title' | 'partnership'>;
  baseline?: { since?: string; text?: string; items: string[] };
  /** Events of the plan as a whole, oldest first. */
  events?: PlanEvent[];
  /** The checks the plan asks of its notes. */
  rules?: { completedNeedsLink?: boolean; notesNeedLink?: boolean };
  file: string;
}

/** An event that concerns the plan as a whole: a leaders' meeting, a ministerial, a decision to update the plan, a review. */
export interface PlanEvent {
  date: string;
  kind: PlanEventKind;
  text: string;
  /** A party id, or joint. */
  side?: string;
  links?: string[];
}

export interface ProgressNote {
  date: string;
  text: string;
  status?: Status;
  /** A party id, or "joint" (also when the file says nothing). */
  side: string;
  author?: string;
  /** The language the note is written in; undefined means the plan's language (English). */
  lang?: ReportLang;
  links: string[];
  translations?: Translations<'text'>;
  /**
   * Where it is written: in the initiative file's `notes` list (`at` is
   * ['notes', index]) or in a note file of its own under notes/ID/ (`at` is []).
   */
  at: (string | number)[];
  /** Position of the note in its file's list (0-based); 0 for a note file. */
  index: number;
  pos: SourcePos;
}

/** Whether the note is written in a note file of its own (notes/ID/NAME.yaml) rather than in the initiative file. */
export function inNoteFile(n: ProgressNote): boolean {
  return n.at.length === 0;
}

/** How messages name a note: "note 3" in an initiative file's list, "the note" in a file of its own. */
export function noteLabel(n: ProgressNote): string {
  return inNoteFile(n) ? 'the note' : `note ${n.index + 1}`;
}

export interface Initiative {
  id: string;
  pillar: number;
  alsoListedUnder: number[];
  title: string;
  text: string;
  kind?: Kind;
  cadence?: Cadence;
  themes: string[];
  leads: Record<string, string>;
  related: string[];
  /** Its notes from the initiative file and from its note files, by date (stable: a file's list order, then note file names). */
  notes: ProgressNote[];
  translations?: Translations<'title' | 'text'>;
  /**
   * Set when some of its data could not be read (a field or a note with an
   * error was left out): commands show what was read, marked.
   */
  incomplete?: true;
  /** Path relative to the repository root. */
  file: string;
  pos: SourcePos;
}

export interface Plan {
  manifest: Manifest;
  pillars: Pillar[];
  /** Sorted by id, naturally (p2.9 before p2.10). */
  initiatives: Initiative[];
}

/** The manifest's file name in the plan folder. */
export const MANIFEST_NAME = 'plan.yaml';

/**
 * The folder of note files in the plan folder: notes/ID/NAME.yaml, one note
 * per file, so that notes added on two branches never touch the same lines
 * and merge without a conflict (as reno's release notes and changesets do).
 */
export const NOTES_DIR = 'notes';

/** What a file of the plan folder holds, from its path relative to the plan folder. */
export type PlanFileKind = 'manifest' | 'note' | 'initiative';

export function planFileKind(pathInPlan: string): PlanFileKind {
  if (pathInPlan === MANIFEST_NAME) return 'manifest';
  if (pathInPlan.startsWith(`${NOTES_DIR}/`)) return 'note';
  return 'initiative';
}

/** The initiative id a note file belongs to: the name of its folder (notes/ID/NAME.yaml), or undefined when it is not in such a folder. */
export function noteFileInitiative(pathInPlan: string): string | undefined {
  const parts = pathInPlan.split('/');
  return parts.length === 3 && parts[0] === NOTES_DIR ? parts[1] : undefined;
}

export function pillarFolder(n: number): string {
  return `pillar-${n}`;
}

/** What says where an initiative is listed: a loaded one, its status, its snapshot or its entry in a review file. */
export interface Listed {
  pillar: number;
  alsoListedUnder?: readonly number[];
}

/** Every pillar an initiative is listed under, its own first. */
export function pillarsOf(i: Listed): number[] {
  return [i.pillar, ...(i.alsoListedUnder ?? []).filter((p) => p !== i.pillar)];
}

/** Whether an initiative is listed under pillar `n` (its own or another it is also listed under). */
export function isListedUnder(i: Listed, n: number): boolean {
  return i.pillar === n || (i.alsoListedUnder ?? []).includes(n);
}

export function initiativesOfPillar(plan: Plan, pillar: number): Initiative[] {
  return plan.initiatives.filter((i) => isListedUnder(i, pillar));
}
