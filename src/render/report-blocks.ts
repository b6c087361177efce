/**
 * The brief as a document: headings, paragraphs, lists, tables and charts,
 * built once (report-doc.ts) and written out as markdown (report-md.ts) or
 * HTML (report-html.ts).
 */
import type { ReportLang } from '../core/vocabulary.js';

export type Inline =
  | { k: 'text'; s: string }
  | { k: 'strong'; c: Inline[] }
  /** Plan text not in the report's language (shown with one marker, e.g. "(EN)"). */
  | { k: 'foreign'; s: string; lang: string }
  /** A date or a short value that must not wrap. */
  | { k: 'nowrap'; s: string }
  | { k: 'link'; label: string; url: string };

export type Block =
  | { k: 'h'; level: 1 | 2 | 3 | 4; c: Inline[] }
  | { k: 'p'; c: Inline[]; cls?: string }
  | { k: 'ul'; items: Inline[][]; cls?: string }
  | { k: 'figures'; items: { n: number; label: string; colour: string; ink: string }[] }
  | { k: 'table'; head: string[]; rows: Inline[][][]; align: ('l' | 'r')[]; widths: number[]; cls?: string }
  /** A chart: SVG, a name for its file, alt text, and a text rendering for plain markdown. */
  | { k: 'chart'; name: string; alt: string; svg: string; text: string }
  /** A progress note's full text: paragraphs and lists kept. */
  | { k: 'note'; text: string; foreign?: string }
  /** Markdown written as is, and only in markdown (the "changes since" section). */
  | { k: 'md'; md: string }
  | { k: 'section'; cls: string; blocks: Block[] };

export interface BriefDoc {
  lang: ReportLang;
  title: string;
  footer: string;
  blocks: Block[];
}

/** The one marker of text not in the report's language: its language, e.g. "(EN)". */
export function markerOf(lang: string): string {
  return `(${lang.toUpperCase()})`;
}

export const t = (s: string): Inline => ({ k: 'text', s });
export const strong = (...c: Inline[]): Inline => ({ k: 'strong', c });
export const nowrap = (s: string): Inline => ({ k: 'nowrap', s });
