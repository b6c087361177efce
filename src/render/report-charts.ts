/** The brief's counts drawn: colours of a scale's values, plain-text bars, the summary table. Pure. */
import type { ScaleCount } from '../core/measures.js';
import type { ReportData } from '../core/report.js';
import { formatCompliance, OGP_LEVELS, type Scale } from '../core/scales.js';
import type { Trend } from '../core/measures.js';
import { STATUSES } from '../core/vocabulary.js';
import { markdownTable } from './markdown.js';
import type { Messages } from './messages.js';
import type { Segment } from './report-svg.js';
import { termSafeLine } from './sanitize.js';
import { displayWidth, padEnd } from './width.js';

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

export const TREND_COLOURS: Record<Trend, string> = { improved: '#2a7f62', regressed: '#c0392b', unchanged: '#9aa3ad', new: '#4a90c8' };

/** A value's count as a chart segment, in the value's colours. */
export function segmentOf(c: ScaleCount, label: string): Segment {
  return { label, count: c.count, colour: COLOURS[c.value]![0], ink: COLOURS[c.value]![1] };
}

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

/** Plain-text bars per pillar on the chosen scale, with a legend: they read as text anywhere. */
export function textBars(rows: { label: string; counts: readonly ScaleCount[] }[], label: (v: string) => string): string {
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
export function summaryTable(data: ReportData, m: Messages, scale: Scale, pillarName: (n: number) => string): string {
  const groups = [
    ...data.status.pillars.map((p) => ({ name: `${pillarLabel(m, p.number)} · ${pillarName(p.number)}`, summary: p })),
    { name: m.allInitiatives, summary: data.status.totals },
  ];
  if (scale === 'ogp') {
    const head = [m.pillar, ...OGP_LEVELS.map((l) => m.ogp[l]), m.total];
    const rows = groups.map((g) => [g.name, ...OGP_LEVELS.map((l) => String(g.summary.ogp.counts[l])), String(g.summary.total)]);
    return markdownTable(head, rows, ['left', ...OGP_LEVELS.map(() => 'right' as const), 'right']);
  }
  if (scale === 'compliance') {
    const head = [m.pillar, `+1 ${m.compliance.full}`, `0 ${m.compliance.partial}`, `−1 ${m.compliance.none}`, m.compliance.score, '%'];
    const rows = groups.map((g) => {
      const c = g.summary.compliance;
      return [g.name, String(c.counts['1']), String(c.counts['0']), String(c.counts['-1']), formatCompliance(Math.round(c.mean * 100) / 100), m.percent(c.percent)];
    });
    return markdownTable(head, rows, ['left', 'right', 'right', 'right', 'right', 'right']);
  }
  const head = [m.pillar, ...STATUSES.map((s) => m.status[s]), m.total];
  const rows = groups.map((g) => [g.name, ...STATUSES.map((s) => String(g.summary.counts[s])), String(g.summary.total)]);
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
export function pillarLabel(m: Messages, n: number): string {
  return m.pillarHeading(n, '').replace(/[\s:\u00a0]+$/, '');
}
