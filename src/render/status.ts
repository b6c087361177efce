/** The terminal dashboard and its JSON twin. Pure: data, style and width in, text out. */
import { formatAge } from '../core/dates.js';
import type { Plan } from '../core/model.js';
import type { InitiativeStatus, PillarProgress, PlanStatus, StatusCounts } from '../core/status.js';
import { COMPLIANCE_OF_STATUS, complianceSummary, formatCompliance, OGP_LEVELS, OGP_OF_STATUS, ogpSummary, type Scale } from '../core/scales.js';
import { type Status, STATUSES } from '../core/vocabulary.js';
import { termSafeLine } from './sanitize.js';
import { statusLabel, type Style } from './style.js';
import { renderTable } from './table.js';
import { displayWidth, truncate, wrap } from './width.js';

export interface RenderOptions {
  style: Style;
  /** Terminal width in columns. */
  width: number;
  /** The assessment scale the status column and pillar headers use (default: csp's statuses). */
  scale?: Scale;
}

const COMPLIANCE_WORDS: Record<string, string> = { '1': 'full', '0': 'partial', '-1': 'none' };

/** A status shown on the chosen scale, coloured by the underlying status. */
export function scaledLabel(status: Status, scale: Scale, style: Style): string {
  if (scale === 'ogp') return style.status(status, OGP_OF_STATUS[status].replace('-', ' '));
  if (scale === 'compliance') {
    const score = COMPLIANCE_OF_STATUS[status];
    return style.status(status, `${formatCompliance(score)} ${COMPLIANCE_WORDS[String(score)]}`);
  }
  return style.status(status, statusLabel(status));
}

function statusCell(s: InitiativeStatus, scale: Scale, style: Style): string {
  if (!s.disagreement) return scaledLabel(s.status, scale, style);
  // Where the parties' assessments differ, show each side's.
  return Object.entries(s.sides)
    .map(([party, side]) => `${party}: ${side.status ? scaledLabel(side.status, scale, style) : '—'}`)
    .join(' / ');
}

/** The scale's one-line summary for a group of initiatives. */
function scaleSummary(statuses: Status[], scale: Scale): string {
  if (scale === 'ogp') {
    const o = ogpSummary(statuses);
    const parts = OGP_LEVELS.filter((l) => o.counts[l] > 0).map((l) => `${o.counts[l]} ${l.replace('-', ' ')}`);
    return `OGP completion: ${parts.join(' · ') || 'none'} — ${percent(o.substantialOrComplete)} substantial or complete`;
  }
  const c = complianceSummary(statuses);
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

function lastUpdateCell(s: InitiativeStatus): string {
  return `${s.lastUpdate ?? 'never'} (${formatAge(s.daysSinceUpdate)})`;
}

function flagsCell(s: InitiativeStatus, style: Style): string {
  return s.flags.map((f) => style.warning(f)).join(' ');
}

function titleCell(s: InitiativeStatus, pillar: number): string {
  const others = [s.pillar, ...s.alsoListedUnder].filter((p) => p !== pillar);
  const title = termSafeLine(s.title);
  return others.length ? `${title} (also pillar ${others.join(', ')})` : title;
}

function pillarHeader(p: PillarProgress, o: RenderOptions): string {
  const { style } = o;
  const heading = wrap(termSafeLine(`Pillar ${p.number} · ${p.title}`), Math.max(20, o.width)).map((l) => style.bold(l));
  const bar = `${progressBar(p.counts, p.total)} ${percent(p.completedShare)} completed`;
  const scale = o.scale ?? 'status';
  const count =
    scale === 'status'
      ? `${p.total} initiative${p.total === 1 ? '' : 's'}: ${countsLine(p.counts, style)}`
      : `${p.total} initiative${p.total === 1 ? '' : 's'}, ${scaleSummary(p.initiatives.map((i) => i.status), scale)}`;
  const oneLine = `${bar} · ${count}`;
  return [...heading, ...(displayWidth(stripAnsi(oneLine)) <= o.width ? [oneLine] : [bar, count])].join('\n');
}

const HEAD = ['ID', 'Title', 'Status', 'Last update', 'Flags'];

function pillarRows(p: PillarProgress, style: Style, scale: Scale): string[][] {
  return p.initiatives.map((s) => [
    termSafeLine(s.id),
    titleCell(s, p.number),
    statusCell(s, scale, style),
    lastUpdateCell(s),
    flagsCell(s, style),
  ]);
}

/**
 * Column widths shared by every pillar's table, so the dashboard lines up.
 * The title column takes what the terminal has left; titles are cut to fit.
 */
function columnWidths(rows: string[][], width: number): number[] {
  const widths = HEAD.map((h, k) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(stripAnsi(r[k]!)))));
  const others = widths.reduce((a, w, k) => (k === 1 ? a : a + w + 2), 0) + HEAD.length + 1;
  widths[1] = Math.max(12, Math.min(widths[1]!, width - others - 2));
  return widths;
}

function pillarTable(rows: string[][], widths: number[]): string {
  const cut = rows.map((r) => r.map((cell, k) => (k === 1 ? truncate(cell, widths[1]!) : cell)));
  return renderTable(HEAD, cut, widths.map((w) => w + 2));
}

// cli-table3 measures its cells itself; we only strip colour to measure ours.
function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

export function renderStatusText(plan: Plan, status: PlanStatus, o: RenderOptions): string {
  const { style } = o;
  const out: string[] = [];
  out.push(
    style.bold(termSafeLine(plan.manifest.partnership)),
    style.dim(`Status as of ${status.asOf} · stale after ${status.staleDays} days without a note`),
    '',
  );
  const scale = o.scale ?? 'status';
  const rows = status.pillars.map((p) => pillarRows(p, style, scale));
  const widths = columnWidths(rows.flat(), o.width);
  for (const [k, p] of status.pillars.entries()) {
    out.push(pillarHeader(p, o));
    if (p.initiatives.length) out.push(pillarTable(rows[k]!, widths));
    else out.push(style.dim('  (no initiatives match)'));
    out.push('');
  }
  const t = status.totals;
  const listings = status.pillars.reduce((a, p) => a + p.total, 0);
  const listed = listings !== t.total ? ` (${listings} listings)` : '';
  const totalBar = `${progressBar(t.counts, t.total)} ${percent(t.completedShare)} completed`;
  const totalCounts = scale === 'status' ? countsLine(t.counts, style) : scaleSummary(status.initiatives.map((i) => i.status), scale);
  const totalLine = `${totalBar} · ${totalCounts}`;
  out.push(
    style.bold(`Total: ${t.total} initiative${t.total === 1 ? '' : 's'}${listed}`),
    ...(displayWidth(stripAnsi(totalLine)) <= o.width ? [totalLine] : [totalBar, totalCounts]),
  );
  const flagged = [
    t.flagged.stale ? `${t.flagged.stale} stale (no note for over ${status.staleDays} days)` : '',
    t.flagged.overdue ? `${t.flagged.overdue} overdue (recurring, past cadence)` : '',
    t.flagged['sides-differ'] ? `${t.flagged['sides-differ']} where the sides' assessments differ` : '',
    t.flagged['data-errors'] ? `${t.flagged['data-errors']} shown only in part (data-errors: a file of it has errors)` : '',
  ].filter(Boolean);
  if (flagged.length) out.push(style.warning(`Needs attention: ${flagged.join(' · ')}`));
  return `${out.join('\n')}\n`;
}

export function statusJson(status: PlanStatus): unknown {
  const scales = (statuses: Status[]) => ({ ogp: ogpSummary(statuses), compliance: complianceSummary(statuses) });
  return {
    asOf: status.asOf,
    staleDays: status.staleDays,
    totals: { ...status.totals, ...scales(status.initiatives.map((i) => i.status)) },
    pillars: status.pillars.map((p) => ({
      number: p.number,
      title: p.title,
      ...(p.short !== undefined ? { short: p.short } : {}),
      total: p.total,
      counts: p.counts,
      completedShare: p.completedShare,
      ...scales(p.initiatives.map((i) => i.status)),
      initiatives: p.initiatives.map((s) => s.id),
    })),
    initiatives: status.initiatives,
  };
}
