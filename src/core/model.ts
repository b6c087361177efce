/** The domain: a plan, its pillars and themes, its initiatives and their progress notes. */
import type { SourcePos } from './diagnostics.js';
import type { Cadence, Kind, ReportLang, Status, TranslationLang } from './vocabulary.js';

/** Translated fields by language, each with the fingerprint of the English it was made from. */
export type Translations<K extends string> = Partial<
  Record<TranslationLang, Partial<Record<K, string>> & { basis?: Partial<Record<K, string>> }>
>;

export interface Party {
  id: string;
  name: string;
}

export interface Theme {
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
  file: string;
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
  /** Position of the note in its file's list (0-based). */
  index: number;
  pos: SourcePos;
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
  notes: ProgressNote[];
  translations?: Translations<'title' | 'text'>;
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

export function pillarFolder(n: number): string {
  return `pillar-${n}`;
}

/** Every pillar an initiative is listed under, its own first. */
export function pillarsOf(i: Initiative): number[] {
  return [i.pillar, ...i.alsoListedUnder.filter((p) => p !== i.pillar)];
}

export function initiativesOfPillar(plan: Plan, pillar: number): Initiative[] {
  return plan.initiatives.filter((i) => pillarsOf(i).includes(pillar));
}
