/** The annual-dialogue report as GitHub-flavoured markdown. Pure and deterministic. */
import type { PlanDiff } from '../core/diff.js';
import type { Translations } from '../core/model.js';
import type { ReportData } from '../core/report.js';
import { COMPLIANCE_OF_STATUS, complianceSummary, formatCompliance, OGP_LEVELS, OGP_OF_STATUS, ogpSummary, type Scale } from '../core/scales.js';
import type { InitiativeStatus } from '../core/status.js';
import { type ReportLang, type Status, STATUSES, type TranslationLang } from '../core/vocabulary.js';
import { renderDiffMarkdown } from './diff.js';
import { escapeMarkdown, markdownLink, markdownTable } from './markdown.js';
import { MESSAGES, type Messages } from './messages.js';
import { progressBar } from './status.js';
import { displayWidth, padEnd } from './width.js';

export interface ReportRenderOptions {
  /** A heading for the report, e.g. the review it is prepared for. */
  subtitle?: string;
  /** What changed since an earlier review, date or revision (`since` names it in the heading). */
  changes?: { diff: PlanDiff; since: string };
  lang?: ReportLang;
  scale?: Scale;
}

/** Plan text in the report's language where translated, else the English marked as such. */
function localizer(lang: ReportLang, m: Messages) {
  return <K extends string>(english: string, translations: Translations<K> | undefined, field: K): string => {
    if (lang === 'en') return escapeMarkdown(english);
    const t = translations?.[lang as TranslationLang]?.[field];
    return typeof t === 'string' ? escapeMarkdown(t) : `${escapeMarkdown(english)} _(${m.untranslated})_`;
  };
}

/** The same for table cells, which markdownTable escapes itself. */
function cellLocalizer(lang: ReportLang, m: Messages) {
  return <K extends string>(english: string, translations: Translations<K> | undefined, field: K): string => {
    if (lang === 'en') return english;
    const t = translations?.[lang as TranslationLang]?.[field];
    return typeof t === 'string' ? t : `${english} (${m.untranslated})`;
  };
}

function scaled(status: Status, scale: Scale, m: Messages): string {
  if (scale === 'ogp') return m.ogp[OGP_OF_STATUS[status]];
  if (scale === 'compliance') {
    const score = COMPLIANCE_OF_STATUS[status];
    return `${formatCompliance(score)} ${score === 1 ? m.compliance.full : score === 0 ? m.compliance.partial : m.compliance.none}`;
  }
  return m.status[status];
}

function summaryTable(data: ReportData, m: Messages, scale: Scale, pillarName: (n: number) => string): string {
  const groups = [
    ...data.status.pillars.map((p) => ({ name: `${m.pillar} ${p.number} · ${pillarName(p.number)}`, items: p.initiatives })),
    { name: m.allInitiatives, items: data.status.initiatives },
  ];
  const statuses = (items: InitiativeStatus[]) => items.map((i) => i.status);
  if (scale === 'ogp') {
    const head = [m.pillar, ...OGP_LEVELS.map((l) => m.ogp[l]), m.total];
    const rows = groups.map((g) => {
      const o = ogpSummary(statuses(g.items));
      return [g.name, ...OGP_LEVELS.map((l) => String(o.counts[l])), String(g.items.length)];
    });
    return markdownTable(head, rows, ['left', ...OGP_LEVELS.map(() => 'right' as const), 'right']);
  }
  if (scale === 'compliance') {
    const head = [m.pillar, `+1 ${m.compliance.full}`, `0 ${m.compliance.partial}`, `−1 ${m.compliance.none}`, m.compliance.score, '%'];
    const rows = groups.map((g) => {
      const c = complianceSummary(statuses(g.items));
      return [g.name, String(c.counts['1']), String(c.counts['0']), String(c.counts['-1']), formatCompliance(Math.round(c.mean * 100) / 100), m.percent(c.percent)];
    });
    return markdownTable(head, rows, ['left', 'right', 'right', 'right', 'right', 'right']);
  }
  const head = [m.pillar, ...STATUSES.map((s) => m.status[s]), m.total, m.percentCompleted];
  const rows = groups.map((g) => {
    const counts = STATUSES.map((s) => g.items.filter((i) => i.status === s).length);
    const done = g.items.filter((i) => i.status === 'completed').length;
    return [g.name, ...counts.map(String), String(g.items.length), m.percent(g.items.length ? done / g.items.length : 0)];
  });
  return markdownTable(head, rows, ['left', ...STATUSES.map(() => 'right' as const), 'right', 'right']);
}

function bars(data: ReportData, m: Messages): string {
  const t = data.status.totals;
  const rows = [
    ...data.status.pillars.map((p) => ({ label: `${m.pillar} ${p.number}`, counts: p.counts, total: p.total, share: p.completedShare })),
    { label: m.allInitiatives, counts: t.counts, total: t.total, share: t.completedShare },
  ];
  const w = Math.max(...rows.map((r) => displayWidth(r.label)));
  const lines = rows.map((r) => `${padEnd(r.label, w)}  ${progressBar(r.counts, r.total)}  ${m.completedShort(m.percent(r.share).padStart(m.percent(1).length))}`);
  lines.push('', m.barsLegend);
  return ['```text', ...lines, '```'].join('\n');
}

function mermaidPie(data: ReportData, m: Messages): string {
  const counts = data.status.totals.counts;
  // Labels are csp's own words, never plan text, so they need no escaping beyond quotes.
  const slices = STATUSES.filter((s) => counts[s] > 0).map((s) => `    "${m.status[s].replace(/"/g, "'")}" : ${counts[s]}`);
  return ['```mermaid', 'pie showData', `    title ${m.pieTitle}`, ...slices, '```'].join('\n');
}

export function renderReportMarkdown(data: ReportData, options: ReportRenderOptions = {}): string {
  const lang = options.lang ?? 'en';
  const scale = options.scale ?? 'status';
  const m = MESSAGES[lang];
  const loc = localizer(lang, m);
  const cell = cellLocalizer(lang, m);
  const man = data.manifest;
  const byId = new Map(data.plan.initiatives.map((i) => [i.id, i]));
  const titleOf = (s: { id: string; title: string }) => loc(s.title, byId.get(s.id)?.translations, 'title');
  const pillarOf = (n: number) => data.plan.pillars.find((p) => p.number === n)!;
  const pillarName = (n: number) => {
    const p = pillarOf(n);
    return cell(p.short ?? p.title, p.translations, p.short !== undefined ? 'short' : 'title');
  };
  const out: string[] = [];

  out.push(`# ${m.reportTitle(loc(man.partnership, man.translations, 'partnership'))}${options.subtitle ? ` — ${escapeMarkdown(options.subtitle)}` : ''}`, '');
  out.push(
    m.intro({
      title: loc(man.title, man.translations, 'title'),
      asOf: data.asOf,
      adopted: man.adopted.date,
      ...(man.adopted.place ? { place: escapeMarkdown(man.adopted.place) } : {}),
      body: escapeMarkdown(man.review.body),
      annual: man.review.cadence === 'annual',
    }),
    '',
  );

  const t = data.status.totals;
  const listings = data.status.pillars.reduce((a, p) => a + p.total, 0);
  out.push(`## ${m.executiveSummary}`, '', m.initiativesSummary(t.total, listings, m.percent(t.completedShare)), '');
  out.push(summaryTable(data, m, scale, pillarName), '', bars(data, m), '', mermaidPie(data, m), '');

  if (options.changes) {
    const section = renderDiffMarkdown(options.changes.diff, {
      headingLevel: 2,
      heading: m.changesSince(options.changes.since),
      lang,
      pillarTitle: (n, english) => cell(english, data.plan.pillars.find((p) => p.number === n)?.translations, 'title'),
      initiativeTitle: (id, english) => cell(english, byId.get(id)?.translations, 'title'),
      // The note as the plan holds it now (same day and text), for its translations.
      noteText: (id, n) => cell(n.text, byId.get(id)?.notes.find((x) => x.date === n.date && x.text === n.text)?.translations, 'text'),
    });
    out.push(section.trimEnd(), '');
  }

  out.push(`## ${m.needsAttention}`, '');
  const a = data.attention;
  const list = (title: string, items: InitiativeStatus[], detail: (s: InitiativeStatus) => string) =>
    items.length ? [`**${title}** (${items.length})`, '', ...items.map((s) => `- ${escapeMarkdown(s.id)} — ${titleOf(s)}: ${escapeMarkdown(detail(s))}`), ''] : [];
  const attention = [
    ...list(m.atRisk, a.atRisk, (s) => m.atRiskSince(s.statusSince ?? '—')),
    ...list(m.overdue, a.overdue, (s) => m.overdueDetail(s.cadence ? m.cadence[s.cadence as keyof Messages['cadence']] : '', s.nextDue ?? '—')),
    ...list(m.stale(data.status.staleDays), a.stale, (s) => m.lastUpdate(s.lastUpdate ?? '—')),
    ...list(m.neverUpdated, a.neverUpdated, () => m.neverUpdatedDetail(man.adopted.date)),
  ];
  out.push(attention.length ? attention.join('\n').trimEnd() : m.nothingNeedsAttention, '');

  if (a.sidesDiffer.length) {
    const parties = man.parties;
    out.push(`## ${m.sidesDiffer}`, '', m.sidesDifferIntro, '');
    const rows = a.sidesDiffer.map((s) => [
      s.id,
      cell(s.title, byId.get(s.id)?.translations, 'title'),
      ...parties.map((p) => {
        const v = s.sides[p.id];
        return v?.status ? `${scaled(v.status, scale, m)} (${v.since})` : '—';
      }),
    ]);
    out.push(markdownTable([m.colId, m.colTitle, ...parties.map((p) => p.name)], rows), '');
  }

  for (const section of data.pillars) {
    const { pillar, progress } = section;
    out.push(`## ${m.pillarHeading(pillar.number, loc(pillar.title, pillar.translations, 'title'))}`, '');
    out.push(`${progressBar(progress.counts, progress.total)} ${m.pillarProgress(m.percent(progress.completedShare), progress.total)}`, '');
    if (pillar.themes.length) {
      out.push(`### ${m.thematicAreas}`, '');
      for (const th of pillar.themes) {
        out.push(`- **${loc(th.title, th.translations, 'title')}**${th.text ? ` — ${loc(th.text, th.translations, 'text')}` : ''}`);
      }
      out.push('');
    }
    out.push(`### ${m.initiatives}`, '');
    const rows = progress.initiatives.map((s) => {
      const title = cell(s.title, byId.get(s.id)?.translations, 'title');
      const shownStatus = s.disagreement
        ? Object.entries(s.sides)
            .map(([party, v]) => `${party}: ${v.status ? scaled(v.status, scale, m) : '—'}`)
            .join(' / ')
        : scaled(s.status, scale, m);
      return [s.id, s.pillar === pillar.number ? title : `${title} (${m.alsoPillar(s.pillar)})`, shownStatus, s.lastUpdate ?? m.none];
    });
    out.push(rows.length ? markdownTable([m.colId, m.colTitle, m.colStatus, m.colLastUpdate], rows) : `_${m.noInitiatives}_`, '');
    if (section.latestNotes.length) {
      out.push(`### ${m.latestNotes}`, '');
      for (const item of section.latestNotes) {
        out.push(`#### ${escapeMarkdown(item.id)} — ${titleOf(item)}`, '');
        for (const n of item.notes) {
          const meta = [n.status ? scaled(n.status, scale, m) : '', n.side !== 'joint' ? n.side : '', n.author ?? ''].filter(Boolean).join(' · ');
          const links = n.links.map((l) => markdownLink(l.replace(/^(https?:\/\/|mailto:)/i, ''), l)).join(', ');
          out.push(`- **${n.date}**${meta ? ` (${escapeMarkdown(meta)})` : ''}: ${loc(n.text, n.translations, 'text')}${links ? ` — ${links}` : ''}`);
        }
        out.push('');
      }
    }
  }

  out.push(`## ${m.appendix}`, '');
  const src = man.source;
  out.push(`- ${m.sourceDocument}: ${escapeMarkdown(src.title)}${src.file ? ` (${escapeMarkdown(src.file)})` : ''}${src.url ? ` — ${markdownLink(src.url, src.url)}` : ''}`);
  out.push(`- ${m.adoptedLine(man.adopted.date, man.adopted.by ? escapeMarkdown(man.adopted.by) : undefined)}`);
  out.push(`- ${m.statusesFrom(data.asOf)}`);
  return `${out.join('\n')}\n`;
}
