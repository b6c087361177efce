/** What `csp import` read and wrote: a summary for people (stderr) and the same as data (--json). */
import type { ImportCounts, ImportedPlan } from '../core/import/action-plan.js';
import { termSafeLine } from './sanitize.js';
import type { Style } from './style.js';

export interface ImportSummary {
  file: string;
  /** The plan folder as the person would type it. */
  planDir: string;
  /** ' --plan DIR' when the person gave one, for the commands suggested next. */
  planOption: string;
  written: boolean;
  imported: ImportedPlan;
  counts: ImportCounts;
  filled: string[];
  files: string[];
}

export function importJson(s: ImportSummary): unknown {
  return {
    file: s.file,
    written: s.written,
    title: s.imported.title ?? null,
    pillars: s.imported.pillars.map((p) => ({ number: p.number, title: p.title, listed: p.listed, themes: p.themes.map((t) => t.id) })),
    initiatives: s.imported.initiatives.map((i) => ({
      id: i.id,
      pillar: i.pillar,
      alsoListedUnder: i.alsoListedUnder,
      title: i.title,
      kind: i.kind ?? null,
      cadence: i.cadence ?? null,
      line: i.line,
    })),
    filled: s.filled,
    files: s.files,
    notes: s.imported.notes,
  };
}

export function renderImportSummary(s: ImportSummary, style: Style): string {
  const { pillars, initiatives, notes } = s.imported;
  const { themes, listed } = s.counts;
  const lines = [
    `csp: ${s.written ? 'imported' : 'would import (--dry-run: nothing written)'} ${termSafeLine(s.file)}: ${pillars.length} pillars, ${themes} thematic areas, ` +
      `${initiatives.length} initiatives${listed !== initiatives.length ? ` (${listed} listed; a commitment listed under two pillars is one file)` : ''}`,
    ...pillars.map((p) => `  pillar ${p.number}: ${p.themes.length} thematic areas, ${s.counts.kept.get(p.number) ?? 0} initiatives — ${termSafeLine(p.title)}`),
  ];
  if (s.filled.length) lines.push(`  also filled in plan.yaml: ${s.filled.join(', ')}`);
  if (notes.length) {
    lines.push(style.warning(`read with care (${notes.length}):`));
    for (const n of notes) lines.push(`  ${termSafeLine(s.file)}:${n.line}: ${termSafeLine(n.message)}`);
  }
  lines.push(
    'next:',
    `  titles were made from the first words of each commitment: edit them in ${s.planDir}/pillar-N/*.yaml`,
    "  check kinds and cadences (read from the wording), add themes, leads and related ids; 'csp help format' explains each field",
    `  csp${s.planOption} validate && csp${s.planOption} status`,
  );
  return `${lines.join('\n')}\n`;
}
