/**
 * The brief as a document: headings, paragraphs, lists, tables and charts,
 * built once from the report data and written out as markdown
 * (report-md.ts) or HTML (report-html.ts). Pure and deterministic.
 *
 * Order: a title and cut-off; "at a glance" (headline counts on the chosen
 * scale, the status-by-pillar chart, the trend since the previous review,
 * evidence freshness, cadence adherence, the period's highlights, the items
 * for the dialogue's attention); what changed (markdown only); one section
 * per pillar; the annex (all commitments, recurring commitments, where the
 * sides differ, thematic areas, progress notes in full, source and method).
 */
import type { PlanDiff } from '../core/diff.js';
import { countOnScale, scaleValue, shorten, TRENDS, type Trend, type TrendItem } from '../core/measures.js';
import type { Pillar, ProgressNote, Translations } from '../core/model.js';
import type { ReportData } from '../core/report.js';
import { complianceSummary, formatCompliance, OGP_LEVELS, type OgpLevel, ogpSummary, type Scale } from '../core/scales.js';
import type { InitiativeStatus } from '../core/status.js';
import { type Cadence, type ReportLang, type Status, STATUSES, type TranslationLang } from '../core/vocabulary.js';
import type { DataProblems } from '../core/problems.js';
import type { PlanEvent } from '../core/model.js';
import { PLAN_EVENT_KIND_LABELS } from '../core/vocabulary.js';
import { renderDiffMarkdown } from './diff.js';
import { dataProblemText } from './problems.js';
import { markdownTable } from './markdown.js';
import { MESSAGES, type Messages } from './messages.js';
import { BRIEF_MESSAGES } from './report-messages.js';
import { barsSvg, type Segment, stackedBarsSvg } from './report-svg.js';
import { termSafeLine } from './sanitize.js';
import { displayWidth, padEnd } from './width.js';

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

export interface BriefOptions {
  subtitle?: string;
  changes?: { diff: PlanDiff; since: string };
  lang?: ReportLang;
  scale?: Scale;
  /** The git commit of the plan (pass it in; e.g. "3f2a9c1d0b4e" or with " (with uncommitted changes)" decided by the caller). */
  revision?: { commit: string; dirty: boolean };
  /** Add the mermaid pie chart to markdown. */
  mermaid?: boolean;
  /** Plan files with errors the report was drawn without: named on the first page. */
  problems?: DataProblems;
  /** Events of the plan as a whole in the report's period, with the section's heading. */
  events?: { heading: string; list: readonly PlanEvent[] };
}

const t = (s: string): Inline => ({ k: 'text', s });
const strong = (...c: Inline[]): Inline => ({ k: 'strong', c });
const nowrap = (s: string): Inline => ({ k: 'nowrap', s });

/** Colours of a scale's values: [fill, ink]. */
const COLOURS: Record<string, [string, string]> = {
  'not-started': ['#c9ced6', '#222'],
  'in-progress': ['#4a90c8', '#fff'],
  ongoing: ['#2a7f62', '#fff'],
  'at-risk': ['#d9822b', '#fff'],
  completed: ['#1f5f2e', '#fff'],
  discontinued: ['#6b6b6b', '#fff'],
  limited: ['#4a90c8', '#fff'],
  substantial: ['#2a7f62', '#fff'],
  complete: ['#1f5f2e', '#fff'],
  withdrawn: ['#6b6b6b', '#fff'],
  '1': ['#1f5f2e', '#fff'],
  '0': ['#4a90c8', '#fff'],
  '-1': ['#c9ced6', '#222'],
};

const TREND_COLOURS: Record<Trend, string> = { improved: '#2a7f62', regressed: '#c0392b', unchanged: '#9aa3ad', new: '#4a90c8' };

/** Glyphs of the plain-text bars, by scale value. */
const GLYPHS: Record<string, string> = {
  completed: '█',
  ongoing: '▓',
  'in-progress': '▓',
  'at-risk': '▒',
  'not-started': '░',
  discontinued: '░',
  complete: '█',
  substantial: '▓',
  limited: '▒',
  withdrawn: '░',
  '1': '█',
  '0': '▓',
  '-1': '░',
};

const BAR_WIDTH = 20;

/** Up to this many items of the dialogue's attention are named with their titles on the first page. */
const ATTENTION_DETAIL_MAX = 3;

export function buildBriefDoc(data: ReportData, options: BriefOptions = {}): BriefDoc {
  const lang = options.lang ?? 'en';
  const scale = options.scale ?? data.measures.scale;
  const m = MESSAGES[lang];
  const b = BRIEF_MESSAGES[lang];
  const man = data.manifest;
  const asOf = data.asOf;
  const byId = new Map(data.plan.initiatives.map((i) => [i.id, i]));
  const statusById = new Map(data.status.initiatives.map((s) => [s.id, s]));
  const trendById = new Map<string, TrendItem>((data.measures.trend?.items ?? []).map((x) => [x.id, x]));

  /** Plan text in the report's language where translated, else the English, marked. */
  const loc = <K extends string>(english: string, translations: Translations<K> | undefined, field: K): Inline => {
    if (lang === 'en') return t(english);
    const tr = translations?.[lang as TranslationLang]?.[field];
    return typeof tr === 'string' ? t(tr) : { k: 'foreign', s: english, lang: 'en' };
  };
  /** The same as plain text, for chart labels. */
  const locPlain = <K extends string>(english: string, translations: Translations<K> | undefined, field: K): string => {
    const x = loc(english, translations, field);
    return x.k === 'foreign' ? `${x.s} ${markerOf(x.lang)}` : (x as { s: string }).s;
  };
  const titleOf = (id: string): Inline => {
    const i = byId.get(id);
    return i ? loc(i.title, i.translations, 'title') : t(id);
  };
  const pillarOf = (n: number): Pillar => data.plan.pillars.find((p) => p.number === n)!;
  const pillarShort = (n: number): string => {
    const p = pillarOf(n);
    return p.short !== undefined ? locPlain(p.short, p.translations, 'short') : locPlain(p.title, p.translations, 'title');
  };
  const partyName = (id: string): string => man.parties.find((p) => p.id === id)?.name ?? id;
  const scaleLabel = (v: string): string => {
    if (scale === 'ogp') return m.ogp[v as OgpLevel];
    if (scale === 'compliance') return v === '1' ? `+1 ${m.compliance.full}` : v === '0' ? `0 ${m.compliance.partial}` : `−1 ${m.compliance.none}`;
    return m.status[v as Status];
  };
  const statusWords = (s: Status): string => scaleLabel(scaleValue(s, scale));
  const shownStatus = (s: InitiativeStatus): string => {
    const reported = Object.entries(s.sides).filter(([, v]) => v.status);
    const differ = new Set(reported.map(([, v]) => scaleValue(v.status!, scale))).size > 1;
    if (!differ) return statusWords(s.status);
    return man.parties.map((p) => `${p.name}${b.colon}${s.sides[p.id]?.status ? statusWords(s.sides[p.id]!.status!) : '—'}`).join(' · ');
  };
  const cadenceWord = (c: string | undefined) => (c ? m.cadence[c as Cadence] : '');
  /** A note in the report's language as written; else its translation; else as written, marked with its language. */
  const noteText = (n: ProgressNote): Inline => {
    const source = n.lang ?? 'en';
    if (source === lang) return t(n.text);
    const tr = lang !== 'en' ? n.translations?.[lang as TranslationLang]?.text : undefined;
    return typeof tr === 'string' ? t(tr) : { k: 'foreign', s: n.text, lang: source };
  };
  const plainOf = (x: Inline): string => (x.k === 'foreign' ? `${x.s} ${markerOf(x.lang)}` : (x as { s: string }).s);
  const percent = (x: number) => m.percent(x);

  // ---- The title and cut-off
  const revision = options.revision ? `${options.revision.commit}${options.revision.dirty ? ` (${b.uncommitted})` : ''}` : undefined;
  const footer = b.footer(asOf, revision);
  const title = `${m.reportTitle(locPlain(man.partnership, man.translations, 'partnership'))}${options.subtitle ? ` — ${options.subtitle}` : ''}`;
  const blocks: Block[] = [];
  const header: Block[] = [
    { k: 'h', level: 1, c: [t(title)] },
    {
      k: 'p',
      c: [
        t(
          m
            .intro({
              title: locPlain(man.title, man.translations, 'title'),
              asOf,
              adopted: man.adopted.date,
              ...(man.adopted.place ? { place: man.adopted.place } : {}),
              body: man.review.body,
              annual: man.review.cadence === 'annual',
            })
            .replace(/\*\*/g, ''),
        ),
      ],
      cls: 'intro',
    },
    { k: 'p', c: [t(footer)], cls: 'cutoff' },
  ];

  // ---- At a glance
  const all = data.status.initiatives;
  const glance: Block[] = [{ k: 'h', level: 2, c: [t(b.atAGlance)] }];
  const headline = countOnScale(
    all.map((s) => s.status),
    scale,
  );
  glance.push({
    k: 'figures',
    items: [
      { n: all.length, label: b.commitments(all.length).replace(/^\d+\s*/, ''), colour: '#fff', ink: '#222' },
      ...headline.map((h) => ({ n: h.count, label: scaleLabel(h.value), colour: COLOURS[h.value]![0], ink: COLOURS[h.value]![1] })),
    ],
  });
  const pillarRows = data.status.pillars.map((p) => ({
    label: `${pillarLabel(m, p.number)} · ${pillarShort(p.number)}`,
    counts: countOnScale(
      p.initiatives.map((s) => s.status),
      scale,
    ),
  }));
  const statusChart = stackedBarsSvg(
    b.statusByPillar,
    pillarRows.map((r) => ({
      label: r.label,
      segments: r.counts.map((c) => ({ label: scaleLabel(c.value), count: c.count, colour: COLOURS[c.value]![0], ink: COLOURS[c.value]![1] })),
    })),
    { width: 700, labelWidth: 270 },
  );
  glance.push({ k: 'chart', name: 'status', alt: b.statusByPillar, svg: statusChart, text: textBars(pillarRows, scaleLabel) });
  glance.push({ k: 'md', md: summaryTable(data, m, scale, pillarShort) });

  // What changed since the previous review.
  const meas = data.measures;
  if (meas.previous && meas.trend) {
    const tr = meas.trend.counts;
    glance.push({
      k: 'p',
      c: [strong(t(`${b.sinceReview(meas.previous.label, meas.previous.date)}${b.colon.trimEnd()}`)), t(` ${TRENDS.map((x) => `${b.trendMark[x]} ${tr[x]} ${b.trend[x]}`).join(' · ')}.`)],
    });
    const trendItems: Segment[] = TRENDS.map((x) => ({ label: `${b.trendMark[x]} ${b.trend[x]}`, count: tr[x], colour: TREND_COLOURS[x] }));
    glance.push({
      k: 'chart',
      name: 'trend',
      alt: b.trendChart,
      svg: barsSvg(b.trendChart, trendItems, { width: 700, labelWidth: 270 }),
      text: '',
    });
  } else glance.push({ k: 'p', c: [t(b.noPreviousReview(man.adopted.date))] });
  const f = meas.freshness;
  glance.push({ k: 'p', c: [t(b.freshness(f.updated, f.expected, percent(f.share), f.since))] });
  const recurring = data.plan.initiatives.filter((i) => i.kind === 'recurring');
  const fixed = meas.cadence.filter((c) => c.expected !== undefined);
  if (recurring.length) {
    glance.push({
      k: 'p',
      c: [
        t(
          b.cadenceLine({
            recurring: recurring.length,
            fixed: fixed.length,
            held: fixed.reduce((a, c) => a + (c.held ?? 0), 0),
            expected: fixed.reduce((a, c) => a + (c.expected ?? 0), 0),
            overdue: fixed.filter((c) => c.overdueDays !== undefined).length,
          }),
        ),
      ],
    });
  }

  glance.push({ k: 'h', level: 3, c: [t(b.highlights)] });
  if (meas.highlights.length) {
    glance.push({
      k: 'ul',
      items: meas.highlights.map((h) => {
        const short = shortNote(h.note);
        return [strong(t(h.id)), t(' '), titleOf(h.id), t(` — ${statusWords(h.to)} `), nowrap(`(${h.note.date})`), t(b.colon), ...short];
      }),
    });
  } else glance.push({ k: 'p', c: [t(b.noHighlights)] });

  function shortNote(n: ProgressNote): Inline[] {
    const text = noteText(n);
    const s = shorten((text as { s: string }).s, 180);
    const shortened: Inline = text.k === 'foreign' ? { ...text, s: s.text } : t(s.text);
    return s.cut ? [shortened, t(` (${b.fullTextInAnnex})`)] : [shortened];
  }

  // For the dialogue's attention.
  glance.push({ k: 'h', level: 3, c: [t(b.forAttention)] });
  const a = data.attention;
  const attention: Inline[][] = [];
  // Few items are named with their titles; a long list gives ids only (each pillar's section has the details).
  const itemList = (items: InitiativeStatus[], detail: (s: InitiativeStatus) => Inline[]): Inline[] =>
    items.length > ATTENTION_DETAIL_MAX
      ? [t(items.map((s) => s.id).join(', '))]
      : items.flatMap((s, k) => [...(k ? [t(b.semicolon)] : []), strong(t(s.id)), t(' '), titleOf(s.id), ...detail(s)]);
  if (a.atRisk.length) attention.push([strong(t(`${b.counted(m.atRisk, a.atRisk.length)}`)), t(b.colon), ...itemList(a.atRisk, (s) => [t(' '), nowrap(`(${b.sinceDate(s.statusSince ?? '—')})`)])]);
  const overdue = meas.cadence.filter((c) => c.overdueDays !== undefined);
  const overdueById = new Map(overdue.map((c) => [c.id, c]));
  const differ = new Set(a.sidesDiffer.map((s) => s.id));
  if (overdue.length) {
    attention.push([
      strong(t(b.counted(m.overdue, overdue.length))),
      t(b.colon),
      ...itemList(
        overdue.map((c) => statusById.get(c.id)!),
        (s) => {
          const c = overdueById.get(s.id)!;
          return [t(` (${cadenceWord(c.cadence)}, ${b.dueOn(c.nextDue!)}, ${b.overdueBy(c.overdueDays!)})`)];
        },
      ),
    ]);
  }
  if (a.sidesDiffer.length) attention.push([strong(t(b.counted(m.sidesDiffer, a.sidesDiffer.length))), t(b.colon), ...itemList(a.sidesDiffer, (s) => [t(` (${shownStatus(s)})`)])]);
  const order = new Map(all.map((s, k) => [s.id, k]));
  const stale = [...a.stale, ...a.neverUpdated].sort((x, y) => order.get(x.id)! - order.get(y.id)!);
  if (stale.length) {
    attention.push([strong(t(b.staleSummary(stale.length, data.status.staleDays, a.neverUpdated.length))), t(b.colon), t(stale.map((s) => s.id).join(', '))]);
  }
  glance.push(attention.length ? { k: 'ul', items: attention, cls: 'attention' } : { k: 'p', c: [t(b.nothingForAttention)] });

  const problems: Block[] = [];
  if (options.problems && options.problems.files.length > 0) {
    problems.push(
      { k: 'h', level: 2, c: [t('Data problems')] },
      {
        k: 'p',
        c: [t("These plan files have errors. The report is drawn from every file that could be read and leaves out what these files hold that could not be read; 'csp validate' lists each problem.")],
      },
      { k: 'ul', cls: 'problems', items: options.problems.files.map((f) => [nowrap(f.file), t(`: ${dataProblemText(f)}`)]) },
    );
  }
  blocks.push({ k: 'section', cls: 'front', blocks: [...header, ...problems, ...glance] });
  if (options.events && options.events.list.length > 0) {
    blocks.push({
      k: 'section',
      cls: 'events',
      blocks: [
        { k: 'h', level: 2, c: [t(options.events.heading)] },
        {
          k: 'ul',
          items: options.events.list.map((e) => [
            strong(nowrap(e.date)),
            t(` (${PLAN_EVENT_KIND_LABELS[e.kind]}): ${e.text}`),
            ...(e.links ?? []).flatMap((url, k): Inline[] => [t(k === 0 ? ' — ' : ', '), { k: 'link', label: `source ${k + 1}`, url }]),
          ]),
        },
      ],
    });
  }

  // ---- The summary table and what changed (markdown only: the HTML says it with the chart and the trend).
  const mdOnly: string[] = [];
  if (options.mermaid) {
    const counts = data.status.totals.counts;
    mdOnly.push(
      ['```mermaid', 'pie showData', `    title ${m.pieTitle}`, ...Object.entries(counts).filter(([, v]) => v > 0).map(([s, v]) => `    "${m.status[s as Status].replace(/"/g, "'")}" : ${v}`), '```'].join('\n'),
    );
  }
  if (mdOnly.length) blocks.push({ k: 'md', md: mdOnly.join('\n\n') });
  if (options.changes) {
    const section = renderDiffMarkdown(options.changes.diff, {
      headingLevel: 2,
      heading: m.changesSince(options.changes.since),
      lang,
      pillarTitle: (n, english) => locPlain(english, data.plan.pillars.find((p) => p.number === n)?.translations, 'title'),
      initiativeTitle: (id, english) => locPlain(english, byId.get(id)?.translations, 'title'),
      // The note as the plan holds it now (same day and text), for its translations.
      noteText: (id, n) => {
        const held = byId.get(id)?.notes.find((x) => x.date === n.date && x.text === n.text);
        return held ? plainOf(noteText(held)) : locPlain(n.text, undefined, 'text');
      },
    });
    blocks.push({ k: 'md', md: section.trimEnd() });
  }

  // ---- Pillars
  for (const section of data.pillars) {
    const { pillar, progress } = section;
    const pb: Block[] = [{ k: 'h', level: 2, c: [t(m.pillarHeading(pillar.number, '')), loc(pillar.title, pillar.translations, 'title')] }];
    const counts = countOnScale(
      progress.initiatives.map((s) => s.status),
      scale,
    );
    pb.push({
      k: 'chart',
      name: `pillar-${pillar.number}`,
      alt: pillarLabel(m, pillar.number),
      svg: stackedBarsSvg(
        pillarLabel(m, pillar.number),
        [{ label: b.commitments(progress.total), segments: counts.map((c) => ({ label: scaleLabel(c.value), count: c.count, colour: COLOURS[c.value]![0], ink: COLOURS[c.value]![1] })) }],
        { width: 640, labelWidth: 110, legend: false },
      ),
      text: '',
    });
    pb.push({
      k: 'p',
      c: [t(counts.filter((c) => c.count > 0).map((c) => `${c.count} ${scaleLabel(c.value)}`).join(' · '))],
      cls: 'counts',
    });
    if (progress.initiatives.length) {
      pb.push({
        k: 'table',
        head: [m.colId, b.colCommitment, m.colStatus, b.colTrend, m.colLastUpdate],
        align: ['l', 'l', 'l', 'l', 'l'],
        widths: [8, 50, 22, 7, 13],
        rows: progress.initiatives.map((s) => {
          const tr = trendById.get(s.id);
          const titleCell: Inline[] = [titleOf(s.id)];
          if (s.pillar !== pillar.number) titleCell.push(t(` (${m.alsoPillar(s.pillar)})`));
          return [[t(s.id)], titleCell, [t(shownStatus(s))], [t(tr ? b.trendMark[tr.trend] : '')], [nowrap(s.lastUpdate ?? m.none)]];
        }),
      });
    }
    // Latest notes, shortened (the full text is in the annex).
    const withNotes = section.latestNotes;
    if (withNotes.length) {
      pb.push({ k: 'h', level: 3, c: [t(b.recentNotes)] });
      pb.push({
        k: 'ul',
        items: withNotes.map((x) => {
          const n = x.notes[0]!;
          return [strong(t(x.id)), t(' '), nowrap(n.date), t(b.colon), ...shortNote(n)];
        }),
      });
    }
    // One line per initiative: at risk, overdue, the sides' differing views.
    const concerns: Inline[][] = progress.initiatives.flatMap((s) => {
      const parts: Inline[] = [];
      const add = (...x: Inline[]) => parts.push(...(parts.length ? [t(b.semicolon)] : []), ...x);
      if (s.status === 'at-risk') add(t(`${statusWords(s.status)} `), nowrap(`(${b.sinceDate(s.statusSince ?? '—')})`));
      const c = overdueById.get(s.id);
      if (c) add(t(`${b.dueOn(c.nextDue!)}, ${b.overdueBy(c.overdueDays!)}`));
      if (differ.has(s.id)) add(t(shownStatus(s)));
      return parts.length ? [[strong(t(s.id)), t(' '), titleOf(s.id), t(' — '), ...parts]] : [];
    });
    if (concerns.length) {
      pb.push({ k: 'h', level: 3, c: [t(b.concerns)] });
      pb.push({ k: 'ul', items: concerns });
    }
    blocks.push({ k: 'section', cls: 'pillar', blocks: pb });
  }

  // ---- Annex
  const annex: Block[] = [{ k: 'h', level: 2, c: [t(b.annex)] }];
  annex.push({ k: 'h', level: 3, c: [t(b.allCommitments)] });
  annex.push({
    k: 'table',
    cls: 'annex',
    head: [m.colId, b.colCommitment, b.colKind, m.colStatus, b.colSince, m.colLastUpdate, b.colNotes],
    align: ['l', 'l', 'l', 'l', 'l', 'l', 'r'],
    widths: [6.5, 40.5, 13, 14, 10, 10, 6],
    rows: all.map((s) => {
      const i = byId.get(s.id)!;
      const kind = i.kind ? `${b.kind[i.kind]}${i.cadence ? ` (${cadenceWord(i.cadence)})` : ''}` : '';
      return [[t(s.id)], [titleOf(s.id)], [t(kind)], [t(shownStatus(s))], [nowrap(s.statusSince ?? '—')], [nowrap(s.lastUpdate ?? '—')], [t(String(s.notes))]];
    }),
  });
  if (meas.cadence.length) {
    annex.push({ k: 'h', level: 3, c: [t(b.recurringCommitments)] });
    annex.push({
      k: 'table',
      head: [m.colId, b.colCommitment, b.colCadence, b.colHeld, b.colLastHeld, b.colNextDue, b.colOverdueBy],
      align: ['l', 'l', 'l', 'r', 'l', 'l', 'r'],
      widths: [7, 39, 12, 9, 11, 11, 11],
      rows: meas.cadence.map((c) => [
        [t(c.id)],
        [titleOf(c.id)],
        [t(cadenceWord(c.cadence))],
        [t(c.expected !== undefined ? b.heldOf(c.held!, c.expected) : '—')],
        [nowrap(c.lastHeld ?? '—')],
        [nowrap(c.nextDue ?? '—')],
        [nowrap(c.overdueDays !== undefined ? b.days(c.overdueDays) : '—')],
      ]),
    });
  }
  if (a.sidesDiffer.length) {
    annex.push({ k: 'h', level: 3, c: [t(m.sidesDiffer)] });
    annex.push({ k: 'p', c: [t(m.sidesDifferIntro)] });
    annex.push({
      k: 'table',
      head: [m.colId, b.colCommitment, ...man.parties.map((p) => p.name)],
      align: ['l', 'l', ...man.parties.map(() => 'l' as const)],
      widths: [8, 44, ...man.parties.map(() => 48 / man.parties.length)],
      rows: a.sidesDiffer.map((s) => [
        [t(s.id)],
        [titleOf(s.id)],
        ...man.parties.map((p) => {
          const v = s.sides[p.id];
          return v?.status ? [t(`${statusWords(v.status)} `), nowrap(`(${v.since})`)] : [t('—')];
        }),
      ]),
    });
  }
  const themed = data.plan.pillars.filter((p) => p.themes.length);
  if (themed.length) {
    annex.push({ k: 'h', level: 3, c: [t(m.thematicAreas)] });
    for (const p of themed) {
      annex.push({ k: 'h', level: 4, c: [t(m.pillarHeading(p.number, '')), loc(p.title, p.translations, 'title')] });
      annex.push({
        k: 'ul',
        items: p.themes.map((th) => [strong(loc(th.title, th.translations, 'title')), ...(th.text ? [t(' — '), loc(th.text, th.translations, 'text')] : [])]),
      });
    }
  }
  const noted = data.plan.initiatives.filter((i) => i.notes.some((n) => n.date <= asOf));
  if (noted.length) {
    annex.push({ k: 'h', level: 3, c: [t(b.progressNotes)] });
    const shown = new Set<string>();
    for (const item of data.pillars.flatMap((p) => p.latestNotes).filter((x) => !shown.has(x.id) && shown.add(x.id))) {
      annex.push({ k: 'h', level: 4, c: [t(`${item.id} — `), titleOf(item.id)] });
      for (const n of item.notes) {
        const meta = [n.status ? statusWords(n.status) : '', n.side !== 'joint' ? partyName(n.side) : '', n.author ?? ''].filter(Boolean).join(' · ');
        const links: Inline[] = n.links.flatMap((l, k) => [...(k ? [t(', ')] : []), { k: 'link', label: l.replace(/^(https?:\/\/|mailto:)/i, ''), url: l } as Inline]);
        annex.push({ k: 'p', c: [strong(nowrap(n.date)), ...(meta ? [t(` · ${meta}`)] : []), ...(links.length ? [t(' — '), ...links] : [])], cls: 'note-meta' });
        const text = noteText(n);
        annex.push(text.k === 'foreign' ? { k: 'note', text: text.s, foreign: markerOf(text.lang) } : { k: 'note', text: (text as { s: string }).s });
      }
    }
  }
  annex.push({ k: 'h', level: 3, c: [t(b.sourceAndMethod)] });
  const src = man.source;
  const method: Inline[][] = [
    [t(`${m.sourceDocument}${b.colon}${src.title}${src.file ? ` (${src.file})` : ''}`), ...(src.url ? [t(' — '), { k: 'link', label: src.url, url: src.url } as Inline] : [])],
    [t(m.adoptedLine(man.adopted.date, man.adopted.by))],
    [t(m.statusesFrom(asOf))],
    [t(b.scaleNote[scale])],
    [t(b.cadenceMethod)],
  ];
  if (revision) method.push([t(b.planAt(revision))]);
  annex.push({ k: 'ul', items: method });
  blocks.push({ k: 'section', cls: 'annex', blocks: annex });

  return { lang, title, footer, blocks };
}

/** Plain-text bars per pillar on the chosen scale, with a legend: they read as text anywhere. */
function textBars(rows: { label: string; counts: { value: string; count: number }[] }[], label: (v: string) => string): string {
  // Plan text in a code block is shown as is by renderers: control characters must come out escaped here.
  const clipped = rows.map((r) => ({ ...r, label: clipWidth(termSafeLine(r.label), 40) }));
  const width = Math.max(...clipped.map((r) => displayWidth(r.label)));
  const order = [...rows[0]?.counts.map((c) => c.value) ?? []].reverse();
  const lines = clipped.map((r) => {
    const total = r.counts.reduce((a, c) => a + c.count, 0);
    let bar = '';
    let acc = 0;
    for (const v of order) {
      acc += r.counts.find((c) => c.value === v)!.count;
      const upto = total ? Math.round((acc / total) * BAR_WIDTH) : 0;
      bar += GLYPHS[v]!.repeat(Math.max(0, upto - [...bar].length));
    }
    bar = bar.padEnd(BAR_WIDTH, '░');
    return `${padEnd(r.label, width)}  ${bar}  ${total}`;
  });
  const legend: string[] = [];
  const byGlyph = new Map<string, string[]>();
  for (const v of order) byGlyph.set(GLYPHS[v]!, [...(byGlyph.get(GLYPHS[v]!) ?? []), label(v)]);
  for (const g of ['█', '▓', '▒', '░']) if (byGlyph.has(g)) legend.push(`${g} ${byGlyph.get(g)!.reverse().join(' / ')}`);
  return ['```text', ...lines, '', legend.join('  '), '```'].join('\n');
}

/** Counts per pillar on the chosen scale, as a markdown table (markdown only). */
function summaryTable(data: ReportData, m: Messages, scale: Scale, pillarName: (n: number) => string): string {
  const groups = [
    ...data.status.pillars.map((p) => ({ name: `${pillarLabel(m, p.number)} · ${pillarName(p.number)}`, items: p.initiatives })),
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
  const head = [m.pillar, ...STATUSES.map((s) => m.status[s]), m.total];
  const rows = groups.map((g) => [g.name, ...STATUSES.map((s) => String(g.items.filter((i) => i.status === s).length)), String(g.items.length)]);
  return markdownTable(head, rows, ['left', ...STATUSES.map(() => 'right' as const), 'right']);
}

/** Text cut to `max` display columns, with "…" when cut. */
function clipWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(`${out}${ch}…`) > max) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** A pillar's one label in the report's language: "Pillar 2", "Pilier 2", "제2축" (as in its heading). */
function pillarLabel(m: Messages, n: number): string {
  return m.pillarHeading(n, '').replace(/[\s:\u00a0]+$/, '');
}
