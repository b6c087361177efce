/** One initiative in full, for `csp show`. */
import { formatAge } from '../core/dates.js';
import type { InitiativeDetail } from '../core/initiative-detail.js';
import { termSafe, termSafeLine } from './sanitize.js';
import { statusLabel, type Style } from './style.js';
import { wrap, wrapAfter } from './width.js';

export function renderInitiativeText(d: InitiativeDetail, style: Style, width: number): string {
  const { initiative: i, status: s } = d;
  const w = Math.max(40, width);
  const out: string[] = [];
  // Each field's value wraps at word boundaries, its later lines under its first.
  const field = (label: string, value: string) => {
    const lines = wrapAfter(' '.repeat(12), value, w);
    out.push(`${style.dim(label.padEnd(12))}${lines[0]!.slice(12)}`, ...lines.slice(1));
  };
  out.push(...wrap(`${termSafeLine(i.id)} · ${termSafeLine(i.title)}`, w).map((l) => style.bold(l)));
  for (const p of d.pillars) field(p.own ? 'Pillar' : 'Also in', p.title !== undefined ? `${p.number} · ${termSafeLine(p.title)}` : String(p.number));
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
    s.lastUpdate ? `${s.lastUpdate} (${formatAge(s.daysSinceUpdate)} ago)` : `never (adopted ${d.adopted}, ${formatAge(s.daysSinceUpdate)} ago)`,
  );
  if (s.flags.length) field('Flags', style.warning(s.flags.join(', ')));
  if (i.kind) {
    const due = s.nextDue ? ` · next due ${s.nextDue}${d.overdueDays !== undefined ? ` (${style.warning(`overdue by ${formatAge(d.overdueDays)}`)})` : ''}` : '';
    field('Kind', `${i.kind}${i.cadence ? `, ${i.cadence}` : ''}${due}`);
  }
  if (d.themes.length) field('Themes', termSafeLine(d.themes.join('; ')));
  for (const { party, lead } of d.leads) field(`Lead (${party})`, termSafeLine(lead));
  if (i.related.length) field('Related', termSafeLine(i.related.join(', ')));
  field('File', termSafeLine(i.file));
  out.push('', style.bold('Text'), ...wrap(termSafe(i.text), w - 2).map((l) => `  ${l}`), '');
  out.push(style.bold(`Notes (${i.notes.length})`));
  if (i.notes.length === 0) out.push(style.dim('  none yet — add one with: csp note ' + i.id + ' "…"'));
  for (const n of i.notes) {
    const meta = [n.side !== 'joint' ? n.side : '', n.author ? termSafeLine(n.author) : ''].filter(Boolean).join(' · ');
    const status = n.status ? ` ${style.status(n.status, `[${n.status}]`)}` : '';
    out.push(...wrapAfter('  ', `${style.bold(n.date)}${status}${meta ? style.dim(` (${meta})`) : ''}`, w));
    out.push(...wrap(termSafe(n.text), w - 4).map((l) => `    ${l}`));
    for (const link of n.links) out.push(...wrapAfter('    ', style.accent(termSafeLine(link)), w));
  }
  return `${out.join('\n')}\n`;
}
