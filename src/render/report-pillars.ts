/** One section of the brief per pillar: its chart and counts, its commitments, their latest notes, its concerns. */
import type { PillarSection } from '../core/report.js';
import { type Block, type Inline, nowrap, strong, t } from './report-blocks.js';
import { pillarLabel, segmentOf } from './report-charts.js';
import type { BriefContext } from './report-context.js';
import { stackedBarsSvg } from './report-svg.js';

export function pillarBlocks(c: BriefContext, section: PillarSection): Block {
  const { m, b } = c;
  const { pillar, progress } = section;
  const trendById = new Map((c.data.measures.trend?.items ?? []).map((x) => [x.id, x]));
  const pb: Block[] = [{ k: 'h', level: 2, c: [t(m.pillarHeading(pillar.number, '')), c.loc(pillar.title, pillar.translations, 'title')] }];
  const counts = section.onScale;
  pb.push({
    k: 'chart',
    name: `pillar-${pillar.number}`,
    alt: pillarLabel(m, pillar.number),
    svg: stackedBarsSvg(
      pillarLabel(m, pillar.number),
      [{ label: b.commitments(progress.total), segments: counts.map((x) => segmentOf(x, c.scaleLabel(x.value))) }],
      { width: 640, labelWidth: 110, legend: false },
    ),
    text: '',
  });
  pb.push({
    k: 'p',
    c: [t(counts.filter((x) => x.count > 0).map((x) => `${x.count} ${c.scaleLabel(x.value)}`).join(' · '))],
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
        const titleCell: Inline[] = [c.titleOf(s.id)];
        if (s.pillar !== pillar.number) titleCell.push(t(` (${m.alsoPillar(s.pillar)})`));
        return [[t(s.id)], titleCell, [t(c.shownStatus(s))], [t(tr ? b.trendMark[tr.trend] : '')], [nowrap(s.lastUpdate ?? m.none)]];
      }),
    });
  }
  // Latest notes, shortened (the full text is in the annex).
  if (section.latestNotes.length) {
    pb.push({ k: 'h', level: 3, c: [t(b.recentNotes)] });
    pb.push({
      k: 'ul',
      items: section.latestNotes.map((x) => {
        const n = x.notes[0]!;
        return [strong(t(x.id)), t(' '), nowrap(n.date), t(b.colon), ...c.shortNote(n)];
      }),
    });
  }
  // One line per initiative: at risk, overdue, the sides' differing views.
  const concerns: Inline[][] = section.concerns.map(({ status: s, atRisk, overdue, sidesDiffer }) => {
    const parts: Inline[] = [];
    const add = (...x: Inline[]) => parts.push(...(parts.length ? [t(b.semicolon)] : []), ...x);
    if (atRisk) add(t(`${c.statusWords(s.status)} `), nowrap(`(${b.sinceDate(s.statusSince ?? '—')})`));
    if (overdue) add(t(`${b.dueOn(overdue.nextDue!)}, ${b.overdueBy(overdue.overdueDays!)}`));
    if (sidesDiffer) add(t(c.shownStatus(s)));
    return [strong(t(s.id)), t(' '), c.titleOf(s.id), t(' — '), ...parts];
  });
  if (concerns.length) {
    pb.push({ k: 'h', level: 3, c: [t(b.concerns)] });
    pb.push({ k: 'ul', items: concerns });
  }
  return { k: 'section', cls: 'pillar', blocks: pb };
}
