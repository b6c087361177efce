/** One initiative in full, for `csp show`. */
import { formatAge } from '../core/dates.js';
import type { Initiative, Plan } from '../core/model.js';
import { pillarsOf } from '../core/model.js';
import type { InitiativeStatus } from '../core/status.js';
import { termSafe, termSafeLine } from './sanitize.js';
import { statusLabel, type Style } from './style.js';
import { wrap } from './width.js';

export function renderInitiativeText(plan: Plan, i: Initiative, s: InitiativeStatus, style: Style, width: number): string {
  const w = Math.max(40, width);
  const out: string[] = [];
  const field = (label: string, value: string) => out.push(`${style.dim(label.padEnd(12))}${value}`);
  out.push(style.bold(`${termSafeLine(i.id)} · ${termSafeLine(i.title)}`));
  for (const n of pillarsOf(i)) {
    const p = plan.pillars.find((x) => x.number === n);
    field(n === i.pillar ? 'Pillar' : 'Also in', p ? `${n} · ${termSafeLine(p.title)}` : String(n));
  }
  const since = s.statusSince ? ` since ${s.statusSince}` : '';
  field('Status', `${style.status(s.status, statusLabel(s.status))}${since}`);
  if (s.disagreement) {
    const views = Object.entries(s.sides).map(
      ([party, v]) => `${party}: ${v.status ? `${style.status(v.status, statusLabel(v.status))} since ${v.since}` : 'not reported'}`,
    );
    field('Sides', `${style.warning('differ')} · ${views.join(' · ')}`);
  }
  field(
    'Updated',
    s.lastUpdate ? `${s.lastUpdate} (${formatAge(s.daysSinceUpdate)} ago)` : `never (adopted ${plan.manifest.adopted.date}, ${formatAge(s.daysSinceUpdate)} ago)`,
  );
  if (s.flags.length) field('Flags', style.warning(s.flags.join(', ')));
  if (i.kind) {
    const due = s.nextDue ? ` · next due ${s.nextDue}` : '';
    field('Kind', `${i.kind}${i.cadence ? `, ${i.cadence}` : ''}${due}`);
  }
  if (i.themes.length) {
    const titles = i.themes.map((t) => plan.pillars.flatMap((p) => p.themes).find((x) => x.id === t)?.title ?? t);
    field('Themes', termSafeLine(titles.join('; ')));
  }
  for (const party of plan.manifest.parties) {
    const lead = i.leads[party.id];
    if (lead) field(`Lead (${party.id})`, termSafeLine(lead));
  }
  if (i.related.length) field('Related', termSafeLine(i.related.join(', ')));
  field('File', termSafeLine(i.file));
  out.push('', style.bold('Text'), ...wrap(termSafe(i.text), w - 2).map((l) => `  ${l}`), '');
  out.push(style.bold(`Notes (${i.notes.length})`));
  if (i.notes.length === 0) out.push(style.dim('  none yet — add one with: csp note ' + i.id + ' "…"'));
  for (const n of i.notes) {
    const meta = [n.side !== 'joint' ? n.side : '', n.author ? termSafeLine(n.author) : ''].filter(Boolean).join(' · ');
    const status = n.status ? ` ${style.status(n.status, `[${n.status}]`)}` : '';
    out.push(`  ${style.bold(n.date)}${status}${meta ? style.dim(` (${meta})`) : ''}`);
    out.push(...wrap(termSafe(n.text), w - 4).map((l) => `    ${l}`));
    for (const link of n.links) out.push(`    ${style.accent(termSafeLine(link))}`);
  }
  return `${out.join('\n')}\n`;
}
