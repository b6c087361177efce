/** The terminal dashboard and its JSON twin. Pure: data, style and width in, text out. */
import { formatAge } from '../core/dates.js';
import { type Plan, pillarsOf } from '../core/model.js';
import type { Flag, InitiativeStatus, PillarProgress, PlanStatus, StatusCounts } from '../core/status.js';
import { COMPLIANCE_OF_STATUS, type ComplianceSummary, formatCompliance, OGP_LEVELS, OGP_OF_STATUS, type OgpSummary, type Scale } from '../core/scales.js';
import { type Status, STATUSES } from '../core/vocabulary.js';
import { termSafeLine } from './sanitize.js';
import { STATUS_SYMBOLS, statusLabel, type Style } from './style.js';
import { renderTable } from './table.js';
import { visibleWidth, wrap, wrapAfter } from './width.js';

export interface RenderOptions {
  style: Style;
  /** Terminal width in columns. */
  width: number;
  /** The assessment scale the status column and pillar headers use (default: csp's statuses). */
  scale?: Scale;
  /** The filter the user gave (e.g. "--status at-risk"): pillars without a match are then left out. */
  filter?: string;
}

const COMPLIANCE_WORDS: Record<string, string> = { '1': 'full', '0': 'partial', '-1': 'none' };

/** A status shown on the chosen scale, coloured by the underlying status. */
function scaledLabel(status: Status, scale: Scale, style: Style): string {
  if (scale === 'ogp') return style.status(status, OGP_OF_STATUS[status].replace('-', ' '));
  if (scale === 'compliance') {
    const score = COMPLIANCE_OF_STATUS[status];
    return style.status(status, `${formatCompliance(score)} ${COMPLIANCE_WORDS[String(score)]}`);
  }
  return style.status(status, statusLabel(status));
}

/** The scale's one-line summary for a group of initiatives. */
function scaleSummary(group: { ogp: OgpSummary; compliance: ComplianceSummary }, scale: Scale): string {
  if (scale === 'ogp') {
    const o = group.ogp;
    const parts = OGP_LEVELS.filter((l) => o.counts[l] > 0).map((l) => `${o.counts[l]} ${l.replace('-', ' ')}`);
    return `OGP completion: ${parts.join(' · ') || 'none'} — ${percent(o.substantialOrComplete)} substantial or complete`;
  }
  const c = group.compliance;
  return `compliance ${formatCompliance(Math.round(c.mean * 100) / 100)} (${percent(c.percent)}): ${c.counts['1']} full · ${c.counts['0']} partial · ${c.counts['-1']} none`;
}

const BAR_WIDTH = 20;

/** A stacked bar that reads without colour: █ completed, ▓ under way, ▒ at risk, ░ not started. */
export function progressBar(counts: StatusCounts, total: number, width = BAR_WIDTH): string {
  if (total === 0) return '░'.repeat(width);
  const parts: [string, number][] = [
    ['█', counts.completed],
    ['▓', counts['in-progress'] + counts.ongoing],
    ['▒', counts['at-risk']],
    ['░', counts['not-started'] + counts.discontinued],
  ];
  let out = '';
  let used = 0;
  let acc = 0;
  for (const [ch, n] of parts) {
    acc += n;
    const upto = Math.round((acc / total) * width);
    out += ch.repeat(Math.max(0, upto - used));
    used = Math.max(used, upto);
  }
  return out;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "2 completed · 1 in progress · 3 not started": only non-zero counts, in vocabulary order. */
export function countsLine(counts: StatusCounts, style?: Style): string {
  const parts = STATUSES.filter((s) => counts[s] > 0).map((s) => {
    const text = `${counts[s]} ${s.replace('-', ' ')}`;
    return style ? style.status(s, text) : text;
  });
  return parts.length ? parts.join(' · ') : 'none';
}

/**
 * How much the tables give up to leave titles room, from nothing to most:
 * the sides' statuses on one line, then on two; flags as words, then as
 * letters (with a key); the last update's age; status words (symbols stay,
 * with a key). The dashboard takes the first layout in which every table
 * leaves its titles enough room.
 */
interface Layout {
  sidesOnOneLine: boolean;
  shortFlags: boolean;
  age: boolean;
  statusWords: boolean;
}

const LAYOUTS: Layout[] = [
  { sidesOnOneLine: true, shortFlags: false, age: true, statusWords: true },
  { sidesOnOneLine: false, shortFlags: false, age: true, statusWords: true },
  { sidesOnOneLine: false, shortFlags: true, age: true, statusWords: true },
  { sidesOnOneLine: false, shortFlags: true, age: false, statusWords: true },
  { sidesOnOneLine: false, shortFlags: true, age: false, statusWords: false },
];

/** Titles are wrapped to their column; a layout is good enough when the column holds this much (or the longest title). */
const TITLE_ROOM = 24;

const FLAG_LETTERS: Record<Flag, string> = { stale: 'S', overdue: 'O', 'sides-differ': 'D', 'data-errors': 'E' };
const FLAG_WORDS: Record<Flag, string> = { stale: 'stale', overdue: 'overdue', 'sides-differ': 'sides differ', 'data-errors': 'data errors (shown in part)' };

/** A status on the chosen scale; csp's statuses with or without their words (the symbol always). */
function statusText(status: Status, scale: Scale, words: boolean, style: Style): string {
  if (!words && scale === 'status') return style.status(status, STATUS_SYMBOLS[status]);
  if (scale === 'status') return style.status(status, statusLabel(status));
  return scaledLabel(status, scale, style);
}

function statusCell(s: InitiativeStatus, scale: Scale, layout: Layout, style: Style): string {
  if (!s.disagreement) return statusText(s.status, scale, layout.statusWords, style);
  // Where the parties' assessments differ, each side's.
  const sides = Object.entries(s.sides).map(
    ([party, side]) => `${termSafeLine(party)} ${side.status ? statusText(side.status, scale, layout.statusWords, style) : '—'}`,
  );
  return sides.join(layout.sidesOnOneLine ? ' / ' : '\n');
}

function lastUpdateCell(s: InitiativeStatus, layout: Layout): string {
  if (s.lastUpdate === undefined) return 'never';
  return layout.age ? `${s.lastUpdate} (${formatAge(s.daysSinceUpdate)} ago)` : s.lastUpdate;
}

function flagsCell(s: InitiativeStatus, layout: Layout, style: Style): string {
  return s.flags.map((f) => style.warning(layout.shortFlags ? FLAG_LETTERS[f] : FLAG_WORDS[f])).join(' ');
}

function titleText(s: InitiativeStatus, pillar: number): string {
  const others = pillarsOf(s).filter((p) => p !== pillar);
  const title = termSafeLine(s.title);
  return others.length ? `${title} (also\u00a0pillar\u00a0${others.join(', ')})` : title;
}

function pillarHeader(p: PillarProgress, o: RenderOptions): string[] {
  const { style } = o;
  const heading = wrap(termSafeLine(`Pillar ${p.number} · ${p.title}`), o.width).map((l) => style.bold(l));
  const bar = `${progressBar(p.counts, p.total)} ${percent(p.completedShare)} completed`;
  const scale = o.scale ?? 'status';
  const count =
    scale === 'status'
      ? `${p.total} initiative${p.total === 1 ? '' : 's'}: ${countsLine(p.counts, style)}`
      : `${p.total} initiative${p.total === 1 ? '' : 's'}, ${scaleSummary(p, scale)}`;
  return [...heading, ...barAndCounts(bar, count, o.width)];
}

/** The bar and the counts on one line when they fit, else the counts wrapped below the bar. */
export function barAndCounts(bar: string, counts: string, width: number): string[] {
  const oneLine = `${bar} · ${counts}`;
  return visibleWidth(oneLine) <= width ? [oneLine] : [bar, ...wrap(counts, width)];
}

const HEAD = ['ID', 'Title', 'Status', 'Last update', 'Flags'];
/** Each table line: five columns, each with a space either side, and six borders. */
const TABLE_OVERHEAD = HEAD.length * 3 + 1;

interface PillarRows {
  titles: string[];
  /** The other cells of each row (ID, Status, Last update, Flags). */
  cells: string[][];
}

function pillarRows(p: PillarProgress, o: RenderOptions, layout: Layout): PillarRows {
  const scale = o.scale ?? 'status';
  return {
    titles: p.initiatives.map((s) => titleText(s, p.number)),
    cells: p.initiatives.map((s) => [termSafeLine(s.id), statusCell(s, scale, layout, o.style), lastUpdateCell(s, layout), flagsCell(s, layout, o.style)]),
  };
}

/** The width of each column of one pillar's table: the title column takes what the others leave. */
function columnWidths(rows: PillarRows, width: number): { widths: number[]; titleRoom: number; longestTitle: number } {
  const cellWidth = (cell: string) => Math.max(...cell.split('\n').map(visibleWidth));
  const others = [0, 2, 3, 4].map((k) => Math.max(visibleWidth(HEAD[k]!), ...rows.cells.map((r) => cellWidth(r[k === 0 ? 0 : k - 1]!))));
  const longestTitle = Math.max(visibleWidth(HEAD[1]!), ...rows.titles.map(visibleWidth));
  const titleRoom = width - TABLE_OVERHEAD - others.reduce((a, w) => a + w, 0);
  const title = Math.max(visibleWidth(HEAD[1]!), Math.min(longestTitle, titleRoom));
  return { widths: [others[0]!, title, others[1]!, others[2]!, others[3]!], titleRoom, longestTitle };
}

function pillarTable(rows: PillarRows, widths: number[]): string {
  const body = rows.cells.map((c, k) => [c[0]!, wrap(rows.titles[k]!, widths[1]!).join('\n'), c[1]!, c[2]!, c[3]!]);
  return renderTable(HEAD, body, widths.map((w) => w + 2));
}

/** The first layout in which every table leaves its titles enough room (the last one else). */
function chooseLayout(pillars: readonly PillarProgress[], o: RenderOptions): Layout {
  for (const layout of LAYOUTS) {
    const fits = pillars.every((p) => {
      if (p.initiatives.length === 0) return true;
      const { titleRoom, longestTitle } = columnWidths(pillarRows(p, o, layout), o.width);
      return titleRoom >= Math.min(longestTitle, TITLE_ROOM);
    });
    if (fits) return layout;
  }
  return LAYOUTS[LAYOUTS.length - 1]!;
}

function legend(label: string, entries: string[], width: number, style: Style): string[] {
  return wrapAfter(`${label}: `, entries.join(' · '), width).map((l) => style.dim(l));
}

export function renderStatusText(plan: Plan, status: PlanStatus, o: RenderOptions): string {
  const { style } = o;
  const width = o.width;
  const out: string[] = [];
  out.push(
    ...wrap(termSafeLine(plan.manifest.partnership), width).map((l) => style.bold(l)),
    ...wrap(`Status as of ${status.asOf} · stale after ${status.staleDays} days without a note`, width).map((l) => style.dim(l)),
  );
  // With a filter, pillars without a match are left out; when nothing matches, one line says so.
  const pillars = o.filter ? status.pillars.filter((p) => p.initiatives.length > 0) : status.pillars;
  if (o.filter && status.initiatives.length === 0) {
    out.push(...wrap(`No initiative matches ${o.filter}.`, width));
    return `${out.join('\n')}\n`;
  }
  const layout = chooseLayout(pillars, o);
  const shown = pillars.flatMap((p) => p.initiatives);
  out.push(...legend('Bars', ['█ completed', '▓ in progress or ongoing', '▒ at risk', '░ not started or discontinued'], width, style));
  if (!layout.statusWords && (o.scale ?? 'status') === 'status') out.push(...legend('Statuses', STATUSES.map((s) => statusLabel(s)), width, style));
  if (layout.shortFlags) {
    const used = (['stale', 'overdue', 'sides-differ', 'data-errors'] as const).filter((f) => shown.some((s) => s.flags.includes(f)));
    if (used.length) out.push(...legend('Flags', used.map((f) => `${FLAG_LETTERS[f]} ${FLAG_WORDS[f]}`), width, style));
  }
  out.push('');
  for (const p of pillars) {
    out.push(...pillarHeader(p, o));
    if (p.initiatives.length) {
      const rows = pillarRows(p, o, layout);
      out.push(pillarTable(rows, columnWidths(rows, width).widths));
    } else out.push(style.dim('  (no initiatives match)'));
    out.push('');
  }
  const scale = o.scale ?? 'status';
  const t = status.totals;
  const listed = status.listings !== t.total ? ` (${status.listings} listings)` : '';
  const totalBar = `${progressBar(t.counts, t.total)} ${percent(t.completedShare)} completed`;
  const totalCounts = scale === 'status' ? countsLine(t.counts, style) : scaleSummary(t, scale);
  out.push(...wrap(`Total: ${t.total} initiative${t.total === 1 ? '' : 's'}${listed}`, width).map((l) => style.bold(l)), ...barAndCounts(totalBar, totalCounts, width));
  const flagged = [
    t.flagged.stale ? `${t.flagged.stale} stale (no note for over ${status.staleDays} days)` : '',
    t.flagged.overdue ? `${t.flagged.overdue} overdue (recurring, past cadence)` : '',
    t.flagged['sides-differ'] ? `${t.flagged['sides-differ']} where the sides' assessments differ` : '',
    t.flagged['data-errors'] ? `${t.flagged['data-errors']} shown only in part (data-errors: a file of it has errors)` : '',
  ].filter(Boolean);
  if (flagged.length) out.push(...wrapAfter('Needs attention: ', flagged.join(' · '), width).map((l) => style.warning(l)));
  return `${out.join('\n')}\n`;
}

export function statusJson(status: PlanStatus): unknown {
  return {
    asOf: status.asOf,
    staleDays: status.staleDays,
    totals: status.totals,
    pillars: status.pillars.map((p) => ({
      number: p.number,
      title: p.title,
      ...(p.short !== undefined ? { short: p.short } : {}),
      total: p.total,
      counts: p.counts,
      completedShare: p.completedShare,
      ogp: p.ogp,
      compliance: p.compliance,
      initiatives: p.initiatives.map((s) => s.id),
    })),
    initiatives: status.initiatives,
  };
}
