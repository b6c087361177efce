/** Events of the plan as a whole (plan.yaml `events`): in the dashboard, a diff and the report. */
import type { PlanEvent } from '../core/model.js';
import { PLAN_EVENT_KIND_LABELS } from '../core/vocabulary.js';
import { escapeMarkdown } from './markdown.js';
import { termSafeLine } from './sanitize.js';
import type { Style } from './style.js';
import { wrap } from './width.js';

/** Lines under a heading: each event's date and kind, its text wrapped to the width below it. Empty without events. */
export function renderPlanEventsText(events: readonly PlanEvent[], heading: string, style: Style, width: number): string {
  if (events.length === 0) return '';
  const out = ['', style.bold(heading)];
  for (const e of events) {
    out.push(`  ${e.date}  ${style.dim(PLAN_EVENT_KIND_LABELS[e.kind])}`);
    for (const line of wrap(termSafeLine(e.text), Math.max(20, width - 4))) out.push(`    ${line}`);
  }
  return `${out.join('\n')}\n`;
}

/** A markdown section: one bullet per event, with its sources as links. Empty without events. */
export function planEventsMarkdown(events: readonly PlanEvent[], heading: string): string[] {
  if (events.length === 0) return [];
  const out = [`## ${escapeMarkdown(heading)}`, ''];
  for (const e of events) {
    const sources = (e.links ?? []).map((l, k) => `[source ${k + 1}](<${l.replace(/[<>]/g, encodeURIComponent)}>)`).join(', ');
    out.push(`- **${e.date}** (${escapeMarkdown(PLAN_EVENT_KIND_LABELS[e.kind])}): ${escapeMarkdown(e.text)}${sources ? ` — ${sources}` : ''}`);
  }
  out.push('');
  return out;
}
