/**
 * Message catalogues for the report's headings and labels. English is the
 * reference; French and Korean follow it key by key (the type enforces it).
 * One file per language: messages-en.ts, messages-fr.ts, messages-ko.ts.
 */
import type { EditedField } from '../core/diff.js';
import type { OgpLevel } from '../core/scales.js';
import type { Cadence, ReportLang, Status } from '../core/vocabulary.js';
import { en } from './messages-en.js';
import { fr } from './messages-fr.js';
import { ko } from './messages-ko.js';

/** The words of a diff (csp diff --format md, and the report's "changes since" section). */
export interface DiffMessages {
  heading(from: string, to: string): string;
  fromTo(from: string, to: string): string;
  /** What follows a label: ": " (" : " in French). */
  colon: string;
  onlyPillar(n: number): string;
  noChanges: string;
  movedTo(n: number, status: string): string;
  sideChanges(n: number): string;
  receivedNotes(n: number): string;
  lostNotes(n: number): string;
  added(n: number): string;
  removed(n: number): string;
  edited(n: number): string;
  /** An initiative that was added, with its status and how many notes it has. */
  addedInitiative(status: string, notes: number): { label: string; detail: string };
  removedInitiative(status: string): { label: string; detail: string };
  status: string;
  since(date: string): string;
  assessment(party: string): string;
  notReported: string;
  newNotes(n: number): string;
  notesRemoved(n: number): string;
  /** Said when one side is a review, which records how many notes there were but not which. */
  countOnly: string;
  editedLabel: string;
  was(field: string): string;
  now(field: string): string;
  field: Record<EditedField, string>;
  pillarValue(n: string): string;
  source: {
    review(name: string, date: string): string;
    date(date: string): string;
    revision(revision: string, commit: string): string;
    worktree(asOf: string): string;
  };
}

export interface Messages {
  reportTitle(partnership: string): string;
  intro(o: { title: string; asOf: string; adopted: string; place?: string; body: string; annual: boolean }): string;
  executiveSummary: string;
  initiativesSummary(total: number, listings: number, completed: string): string;
  pillar: string;
  allInitiatives: string;
  total: string;
  percentCompleted: string;
  barsLegend: string;
  pieTitle: string;
  completedShort(pct: string): string;
  /** A share (0–1) as a whole percentage: "25%", in French "25 %" (with a no-break space). */
  percent(share: number): string;
  needsAttention: string;
  changesSince(what: string): string;
  atRisk: string;
  atRiskSince(date: string): string;
  overdue: string;
  overdueDetail(cadence: string, due: string): string;
  stale(days: number): string;
  lastUpdate(date: string): string;
  neverUpdated: string;
  neverUpdatedDetail(adopted: string): string;
  nothingNeedsAttention: string;
  sidesDiffer: string;
  sidesDifferIntro: string;
  pillarHeading(n: number, title: string): string;
  pillarProgress(pct: string, n: number): string;
  thematicAreas: string;
  initiatives: string;
  colId: string;
  colTitle: string;
  colStatus: string;
  colLastUpdate: string;
  alsoPillar(n: number): string;
  none: string;
  noInitiatives: string;
  latestNotes: string;
  appendix: string;
  sourceDocument: string;
  adoptedLine(date: string, by?: string): string;
  statusesFrom(asOf: string): string;
  untranslated: string;
  status: Record<Status, string>;
  cadence: Record<Cadence, string>;
  ogp: Record<OgpLevel, string>;
  compliance: { full: string; partial: string; none: string; score: string };
  diff: DiffMessages;
}

export const MESSAGES: Record<ReportLang, Messages> = { en, fr, ko };
