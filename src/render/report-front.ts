/**
 * The brief's first pages: the title and cut-off; "at a glance" (headline
 * counts on the chosen scale, the status-by-pillar chart, the trend since the
 * previous review, evidence freshness, cadence adherence, the period's
 * highlights, the items for the dialogue's attention); the files with errors
 * it was drawn without; the plan's events; and, in markdown only, the pie
 * chart and what changed.
 */
import { TRENDS } from '../core/measures.js';
import type { InitiativeStatus } from '../core/status.js';
import type { Status } from '../core/vocabulary.js';
import { renderDiffMarkdown } from './diff.js';
import { dataProblemText } from './problems.js';
import { type Block, type Inline, nowrap, strong, t } from './report-blocks.js';
import { pillarLabel, segmentOf, summaryTable, textBars, TREND_COLOURS } from './report-charts.js';
import type { BriefContext } from './report-context.js';
import { barsSvg, type Segment, stackedBarsSvg } from './report-svg.js';

/** Up to this many items of the dialogue's attention are named with their titles on the first page. */
const ATTENTION_DETAIL_MAX = 3;

/** The title of the brief and the line under every page. */
export function titleAndFooter(c: BriefContext): { title: string; footer: string; revision?: string } {
  const { data, options, m, b } = c;
  const man = data.manifest;
  const revision = options.revision ? `${options.revision.commit}${options.revision.dirty ? ` (${b.uncommitted})` : ''}` : undefined;
  const footer = b.footer(data.asOf, revision);
  const title = `${m.reportTitle(c.locPlain(man.partnership, man.translations, 'partnership'))}${options.subtitle ? ` — ${options.subtitle}` : ''}`;
  return { title, footer, ...(revision !== undefined ? { revision } : {}) };
}

export function frontBlocks(c: BriefContext, title: string, footer: string): Block[] {
  const blocks: Block[] = [{ k: 'section', cls: 'front', blocks: [...header(c, title, footer), ...problems(c), ...glance(c)] }];
  const events = c.options.events;
  if (events && events.list.length > 0) {
    blocks.push({
      k: 'section',
      cls: 'events',
      blocks: [
        { k: 'h', level: 2, c: [t(events.since === undefined ? c.b.eventsTo(events.to) : c.b.eventsSince(events.since))] },
        {
          k: 'ul',
          // The kind and the source links in the brief's language; the text as written (in English,
          // marked as such in a French or Korean brief, as every untranslated text of the plan is).
          items: events.list.map((e) => [
            strong(nowrap(e.date)),
            t(` (${c.b.eventKind[e.kind]})${c.b.colon}`),
            c.loc(e.text, undefined, 'text'),
            ...(e.links ?? []).flatMap((url, k): Inline[] => [t(k === 0 ? ' — ' : ', '), { k: 'link', label: c.b.source(k + 1), url }]),
          ]),
        },
      ],
    });
  }
  // The pie chart and what changed: markdown only (the HTML says it with the chart and the trend).
  if (c.options.mermaid) {
    const counts = c.data.status.totals.counts;
    const pie = ['```mermaid', 'pie showData', `    title ${c.m.pieTitle}`, ...Object.entries(counts).filter(([, v]) => v > 0).map(([s, v]) => `    "${c.m.status[s as Status].replace(/"/g, "'")}" : ${v}`), '```'];
    blocks.push({ k: 'md', md: pie.join('\n') });
  }
  if (c.options.changes) blocks.push({ k: 'md', md: changesSection(c, c.options.changes).trimEnd() });
  return blocks;
}

function header(c: BriefContext, title: string, footer: string): Block[] {
  const man = c.data.manifest;
  const intro = c.m.intro({
    title: c.locPlain(man.title, man.translations, 'title'),
    asOf: c.data.asOf,
    adopted: man.adopted.date,
    ...(man.adopted.place ? { place: man.adopted.place } : {}),
    body: man.review.body,
    annual: man.review.cadence === 'annual',
  });
  return [
    { k: 'h', level: 1, c: [t(title)] },
    { k: 'p', c: [t(intro.replace(/\*\*/g, ''))], cls: 'intro' },
    { k: 'p', c: [t(footer)], cls: 'cutoff' },
  ];
}

function problems(c: BriefContext): Block[] {
  const p = c.options.problems;
  if (!p || p.files.length === 0) return [];
  return [
    { k: 'h', level: 2, c: [t(c.b.dataProblems)] },
    { k: 'p', c: [t(c.b.dataProblemsIntro)] },
    { k: 'ul', cls: 'problems', items: p.files.map((f) => [nowrap(f.file), t(`: ${dataProblemText(f)}`)]) },
  ];
}

function glance(c: BriefContext): Block[] {
  const { data, m, b } = c;
  const all = data.status.initiatives;
  const out: Block[] = [{ k: 'h', level: 2, c: [t(b.atAGlance)] }];
  out.push({
    k: 'figures',
    items: [
      { n: all.length, label: b.commitments(all.length).replace(/^\d+\s*/, ''), colour: '#fff', ink: '#222' },
      ...data.measures.onScale.map((h) => {
        const s = segmentOf(h, c.scaleLabel(h.value));
        return { n: h.count, label: s.label, colour: s.colour, ink: s.ink! };
      }),
    ],
  });
  const pillarRows = data.pillars.map((p) => ({ label: `${pillarLabel(m, p.pillar.number)} · ${c.pillarShort(p.pillar.number)}`, counts: p.onScale }));
  const statusChart = stackedBarsSvg(
    b.statusByPillar,
    pillarRows.map((r) => ({ label: r.label, segments: r.counts.map((x) => segmentOf(x, c.scaleLabel(x.value))) })),
    { width: 700, labelWidth: 270 },
  );
  out.push({ k: 'chart', name: 'status', alt: b.statusByPillar, svg: statusChart, text: textBars(pillarRows, c.scaleLabel) });
  out.push({ k: 'md', md: summaryTable(data, m, c.scale, c.pillarShort) });

  // What changed since the previous review.
  const meas = data.measures;
  if (meas.previous && meas.trend) {
    const tr = meas.trend.counts;
    out.push({
      k: 'p',
      c: [strong(t(`${b.sinceReview(meas.previous.label, meas.previous.date)}${b.colon.trimEnd()}`)), t(` ${TRENDS.map((x) => `${b.trendMark[x]} ${tr[x]} ${b.trend[x]}`).join(' · ')}.`)],
    });
    const trendItems: Segment[] = TRENDS.map((x) => ({ label: `${b.trendMark[x]} ${b.trend[x]}`, count: tr[x], colour: TREND_COLOURS[x] }));
    out.push({ k: 'chart', name: 'trend', alt: b.trendChart, svg: barsSvg(b.trendChart, trendItems, { width: 700, labelWidth: 270 }), text: '' });
  } else out.push({ k: 'p', c: [t(b.noPreviousReview(data.manifest.adopted.date))] });
  const f = meas.freshness;
  out.push({ k: 'p', c: [t(b.freshness(f.updated, f.expected, c.percent(f.share), f.since))] });
  const r = meas.recurring;
  if (r.count) out.push({ k: 'p', c: [t(b.cadenceLine({ recurring: r.count, fixed: r.fixed, held: r.held, expected: r.expected, overdue: r.overdue }))] });

  out.push({ k: 'h', level: 3, c: [t(b.highlights)] });
  if (meas.highlights.length) {
    out.push({
      k: 'ul',
      items: meas.highlights.map((h) => [strong(t(h.id)), t(' '), c.titleOf(h.id), t(` — ${c.statusWords(h.to)} `), nowrap(`(${h.note.date})`), t(b.colon), ...c.shortNote(h.note)]),
    });
  } else out.push({ k: 'p', c: [t(b.noHighlights)] });

  out.push({ k: 'h', level: 3, c: [t(b.forAttention)] }, attention(c));
  return out;
}

/** For the dialogue's attention: at risk, overdue, the sides' differing views, not updated. */
function attention(c: BriefContext): Block {
  const { data, m, b } = c;
  const a = data.attention;
  const items: Inline[][] = [];
  // Few items are named with their titles; a long list gives ids only (each pillar's section has the details).
  const itemList = <T extends { id: string }>(list: readonly T[], detail: (x: T) => Inline[]): Inline[] =>
    list.length > ATTENTION_DETAIL_MAX
      ? [t(list.map((x) => x.id).join(', '))]
      : list.flatMap((x, k) => [...(k ? [t(b.semicolon)] : []), strong(t(x.id)), t(' '), c.titleOf(x.id), ...detail(x)]);
  if (a.atRisk.length) items.push([strong(t(`${b.counted(m.atRisk, a.atRisk.length)}`)), t(b.colon), ...itemList(a.atRisk, (s) => [t(' '), nowrap(`(${b.sinceDate(s.statusSince ?? '—')})`)])]);
  const overdue = data.measures.overdue;
  if (overdue.length) {
    items.push([
      strong(t(b.counted(m.overdue, overdue.length))),
      t(b.colon),
      ...itemList(overdue, (x) => [t(` (${c.cadenceWord(x.cadence)}, ${b.dueOn(x.nextDue!)}, ${b.overdueBy(x.overdueDays!)})`)]),
    ]);
  }
  if (a.sidesDiffer.length) items.push([strong(t(b.counted(m.sidesDiffer, a.sidesDiffer.length))), t(b.colon), ...itemList(a.sidesDiffer, (s: InitiativeStatus) => [t(` (${c.shownStatus(s)})`)])]);
  if (a.notUpdated.length) {
    items.push([strong(t(b.staleSummary(a.notUpdated.length, data.status.staleDays, a.neverUpdated.length))), t(b.colon), t(a.notUpdated.map((s) => s.id).join(', '))]);
  }
  return items.length ? { k: 'ul', items, cls: 'attention' } : { k: 'p', c: [t(b.nothingForAttention)] };
}

/** What changed since the previous review, in the report's language (markdown). */
function changesSection(c: BriefContext, changes: NonNullable<BriefContext['options']['changes']>): string {
  const { data } = c;
  const byId = new Map(data.plan.initiatives.map((i) => [i.id, i]));
  return renderDiffMarkdown(changes.diff, {
    headingLevel: 2,
    heading: c.m.changesSince(changes.since),
    lang: c.lang,
    pillarTitle: (n, english) => c.locPlain(english, data.plan.pillars.find((p) => p.number === n)?.translations, 'title'),
    initiativeTitle: (id, english) => c.locPlain(english, byId.get(id)?.translations, 'title'),
    // The note as the plan holds it now (same day and text), for its translations.
    noteText: (id, n) => {
      const held = byId.get(id)?.notes.find((x) => x.date === n.date && x.text === n.text);
      return held ? c.plainOf(c.noteText(held)) : c.locPlain(n.text, undefined, 'text');
    },
  });
}
