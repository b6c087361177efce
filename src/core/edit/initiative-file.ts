/** The text of a new initiative file (`csp add`), laid out like the shipped ones, and the id it gets. Pure. */
import type { Cadence, Kind } from '../vocabulary.js';
import { inlineScalar, scalarFieldLines } from '../yaml-write.js';

export interface NewInitiative {
  id: string;
  pillar: number;
  title: string;
  text: string;
  kind?: Kind;
  cadence?: Cadence;
  themes?: readonly string[];
}

export const INITIATIVE_MODELINE = '# yaml-language-server: $schema=../../schema/initiative.schema.json';

/** The text of a new initiative file, laid out like the shipped ones. */
export function newInitiativeFile(i: NewInitiative): string {
  const lines = [INITIATIVE_MODELINE, `id: ${i.id}`, `pillar: ${i.pillar}`];
  lines.push(...scalarFieldLines('title', i.title, ''), ...scalarFieldLines('text', i.text, ''));
  if (i.kind !== undefined) lines.push(`kind: ${i.kind}`);
  if (i.cadence !== undefined) lines.push(`cadence: ${i.cadence}`);
  if (i.themes && i.themes.length > 0) lines.push('themes:', ...i.themes.map((t) => `  - ${inlineScalar(t)}`));
  // No notes field: notes go to files of their own (csp note).
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * The next free id in a pillar: `p<N>.<highest number in use + 1>`, counting
 * the ids of loaded initiatives and the names of all files (a file with
 * errors still holds its id). Gaps are not reused: a missing number may be
 * on purpose (an item listed under another pillar keeps its place).
 */
export function nextInitiativeId(pillar: number, idsAndFileNames: Iterable<string>): string {
  const re = new RegExp(`^p${pillar}\\.(\\d+)(?:\\.ya?ml)?$`);
  let max = 0;
  for (const s of idsAndFileNames) {
    const m = re.exec(s);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `p${pillar}.${max + 1}`;
}
