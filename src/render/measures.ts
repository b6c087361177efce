/** The dashboard's measures beyond "% completed": trend since the last review, evidence freshness, cadence adherence. */
import type { DashboardMeasures } from '../core/measures.js';
import { termSafeLine } from './sanitize.js';
import type { Style } from './style.js';
import { wrap } from './width.js';

export function renderMeasuresText(m: DashboardMeasures, style: Style, width: number): string {
  const since = `${termSafeLine(m.since.label)} (${m.since.date})`;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const lines = [
    `Since ${since}: ↑ ${m.trend.improved} improved · ↓ ${m.trend.regressed} regressed · → ${m.trend.unchanged} unchanged${m.trend.new ? ` · + ${m.trend.new} new` : ''}.`,
    `Evidence: ${m.freshness.updated} of ${m.freshness.expected} open commitments (${pct(m.freshness.share)}) have a note since ${m.since.date}.`,
  ];
  const r = m.recurring;
  if (r.count > 0) {
    const fixed = r.fixed > 0 ? `; ${r.fixed} with a fixed cadence, held in ${r.held} of the ${r.expected} periods ended since adoption` : '';
    const overdue = r.overdue.length > 0 ? `; overdue: ${r.overdue.map((o) => `${o.id} (by ${o.days} d)`).join(', ')}` : '';
    lines.push(`Recurring commitments: ${r.count}${fixed}${overdue}.`);
  }
  const out = ['', style.bold('Measures')];
  for (const l of lines) out.push(...wrap(l, Math.max(20, width - 2)).map((x) => `  ${x}`));
  return `${out.join('\n')}\n`;
}
