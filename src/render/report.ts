/** The annual-dialogue report as GitHub-flavoured markdown. Pure and deterministic. */
import type { ReportData } from '../core/report.js';
import type { InitiativeStatus, StatusCounts } from '../core/status.js';
import { STATUSES } from '../core/vocabulary.js';
import { escapeMarkdown, markdownLink, markdownTable } from './markdown.js';
import { percent, progressBar } from './status.js';

export interface ReportRenderOptions {
  /** A heading for the report, e.g. the review it is prepared for. */
  subtitle?: string;
  /** A ready "changes since" section (markdown, from the diff renderer), with its heading. */
  changes?: string;
}

const label = (s: string) => s.replace('-', ' ');

function countCells(counts: StatusCounts, total: number): string[] {
  return [...STATUSES.map((s) => String(counts[s])), String(total), percent(total ? counts.completed / total : 0)];
}

function summaryTable(data: ReportData): string {
  const head = ['Pillar', ...STATUSES.map(label), 'total', '% completed'];
  const rows = data.status.pillars.map((p) => [`Pillar ${p.number} · ${p.short ?? p.title}`, ...countCells(p.counts, p.total)]);
  const t = data.status.totals;
  rows.push(['All initiatives', ...countCells(t.counts, t.total)]);
  return markdownTable(head, rows, ['left', ...STATUSES.map(() => 'right' as const), 'right', 'right']);
}

function bars(data: ReportData): string {
  const lines = data.status.pillars.map(
    (p) => `Pillar ${p.number}  ${progressBar(p.counts, p.total)}  ${percent(p.completedShare).padStart(4)} completed`,
  );
  const t = data.status.totals;
  lines.push(`All       ${progressBar(t.counts, t.total)}  ${percent(t.completedShare).padStart(4)} completed`);
  lines.push('', '█ completed  ▓ in progress or ongoing  ▒ at risk  ░ not started or discontinued');
  return ['```text', ...lines, '```'].join('\n');
}

function mermaidPie(data: ReportData): string {
  const counts = data.status.totals.counts;
  const slices = STATUSES.filter((s) => counts[s] > 0).map((s) => `    "${label(s)}" : ${counts[s]}`);
  return ['```mermaid', 'pie showData', '    title Initiatives by status', ...slices, '```'].join('\n');
}

function attentionList(title: string, items: InitiativeStatus[], detail: (s: InitiativeStatus) => string): string[] {
  if (items.length === 0) return [];
  return [`**${title}** (${items.length})`, '', ...items.map((s) => `- ${escapeMarkdown(`${s.id} — ${s.title}`)}: ${escapeMarkdown(detail(s))}`), ''];
}

function needsAttention(data: ReportData): string {
  const a = data.attention;
  const days = data.status.staleDays;
  const parts = [
    ...attentionList('At risk', a.atRisk, (s) => `at risk since ${s.statusSince ?? '—'}`),
    ...attentionList('Recurring commitments past their cadence', a.overdue, (s) => `${s.cadence ?? ''} cadence, due ${s.nextDue ?? '—'}`),
    ...attentionList(`No note for over ${days} days`, a.stale, (s) => `last update ${s.lastUpdate ?? '—'}`),
    ...attentionList('No update since adoption', a.neverUpdated, () => `adopted ${data.manifest.adopted.date}, no note since`),
  ];
  return parts.length ? parts.join('\n').trimEnd() : 'Nothing needs attention as of this date.';
}

function pillarSection(section: ReportData['pillars'][number]): string {
  const { pillar, progress } = section;
  const out = [`## Pillar ${pillar.number}: ${escapeMarkdown(pillar.title)}`, ''];
  out.push(`${progressBar(progress.counts, progress.total)} ${percent(progress.completedShare)} completed · ${progress.total} initiatives`, '');
  if (pillar.themes.length) {
    out.push('### Thematic areas', '');
    for (const t of pillar.themes) out.push(`- **${escapeMarkdown(t.title)}**${t.text ? ` — ${escapeMarkdown(t.text)}` : ''}`);
    out.push('');
  }
  out.push('### Initiatives', '');
  const rows = progress.initiatives.map((s) => [s.id, s.pillar === pillar.number ? s.title : `${s.title} (also pillar ${s.pillar})`, label(s.status), s.lastUpdate ?? 'none']);
  out.push(progress.initiatives.length ? markdownTable(['ID', 'Title', 'Status', 'Last update'], rows) : '_No initiatives._', '');
  if (section.latestNotes.length) {
    out.push('### Latest notes', '');
    for (const item of section.latestNotes) {
      out.push(`#### ${escapeMarkdown(`${item.id} — ${item.title}`)}`, '');
      for (const n of item.notes) {
        const meta = [n.status ? label(n.status) : '', n.side !== 'joint' ? n.side : '', n.author ?? ''].filter(Boolean).join(' · ');
        const links = n.links.map((l) => markdownLink(l.replace(/^(https?:\/\/|mailto:)/i, ''), l)).join(', ');
        out.push(`- **${n.date}**${meta ? ` (${escapeMarkdown(meta)})` : ''}: ${escapeMarkdown(n.text)}${links ? ` — ${links}` : ''}`);
      }
      out.push('');
    }
  }
  return out.join('\n').trimEnd();
}

export function renderReportMarkdown(data: ReportData, options: ReportRenderOptions = {}): string {
  const m = data.manifest;
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(m.partnership)}: implementation report${options.subtitle ? ` — ${escapeMarkdown(options.subtitle)}` : ''}`, '');
  out.push(
    `Status of the ${escapeMarkdown(m.title)} as of **${data.asOf}**. ` +
      `Adopted ${m.adopted.date}${m.adopted.place ? ` in ${escapeMarkdown(m.adopted.place)}` : ''}; ` +
      `reviewed ${m.review.cadence === 'annual' ? 'annually' : escapeMarkdown(m.review.cadence)} by the ${escapeMarkdown(m.review.body)}.`,
    '',
  );
  const t = data.status.totals;
  const listings = data.status.pillars.reduce((a, p) => a + p.total, 0);
  out.push('## Executive summary', '');
  out.push(
    `${t.total} initiatives${listings !== t.total ? ` (${listings} listings: some are listed under two pillars)` : ''}; ` +
      `**${percent(t.completedShare)} completed**.`,
    '',
    summaryTable(data),
    '',
    bars(data),
    '',
    mermaidPie(data),
    '',
  );
  if (options.changes) out.push(options.changes.trimEnd(), '');
  out.push('## Needs attention', '', needsAttention(data), '');
  for (const section of data.pillars) out.push(pillarSection(section), '');
  out.push('## Appendix: source', '');
  const src = m.source;
  out.push(`- Source document: ${escapeMarkdown(src.title)}${src.file ? ` (${escapeMarkdown(src.file)})` : ''}${src.url ? ` — ${markdownLink(src.url, src.url)}` : ''}`);
  out.push(`- Adopted: ${m.adopted.date}${m.adopted.by ? ` by ${escapeMarkdown(m.adopted.by)}` : ''}`);
  out.push(`- Statuses are taken from each initiative's dated progress notes, as of ${data.asOf}.`);
  return `${out.join('\n')}\n`;
}
