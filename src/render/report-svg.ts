/**
 * The brief's charts as SVG: plain shapes and text, no script, no external
 * reference, the same bytes for the same data. Used inline in the HTML
 * report and written as image files beside a markdown report.
 */
import { termSafeLine } from './sanitize.js';
import { displayWidth } from './width.js';

/** A coloured band of a stacked bar or a row of a bar chart. */
export interface Segment {
  label: string;
  count: number;
  colour: string;
  /** Text colour on this band (white on dark colours). */
  ink?: string;
}

export interface StackedRow {
  label: string;
  segments: Segment[];
}

function escapeXml(text: string): string {
  return termSafeLine(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const FONT = 'font-family="Helvetica, Arial, sans-serif"';

/** A number with at most one decimal, as SVG coordinates are written. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Text cut to about `width` pixels at `size` (wide characters count double). */
function fit(text: string, width: number, size: number): string {
  const max = Math.floor(width / (size * 0.55));
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(`${out}${ch}`) > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

function svgOpen(width: number, height: number, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" ${FONT} font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
  ];
}

function legend(items: { label: string; colour: string }[], y: number, width: number): { lines: string[]; height: number } {
  const lines: string[] = [];
  let x = 0;
  let row = 0;
  for (const it of items) {
    const w = 18 + displayWidth(it.label) * 6.2 + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const yy = y + row * 16;
    lines.push(`<rect x="${n(x)}" y="${n(yy)}" width="11" height="11" fill="${it.colour}" stroke="#555" stroke-width="0.5"/>`);
    lines.push(`<text x="${n(x + 15)}" y="${n(yy + 9.5)}" fill="#222">${escapeXml(it.label)}</text>`);
    x += w;
  }
  return { lines, height: (row + 1) * 16 };
}

/**
 * Horizontal stacked bars, one per row (e.g. per pillar), each band labelled
 * with its count when there is room, and a legend of the bands below.
 */
export function stackedBarsSvg(title: string, rows: StackedRow[], options: { width?: number; labelWidth?: number; legend?: boolean } = {}): string {
  const width = options.width ?? 640;
  const labelWidth = options.labelWidth ?? 200;
  const barX = labelWidth + 8;
  const barW = width - barX - 34;
  const rowH = 24;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((a, s) => a + s.count, 0)));
  const body: string[] = [];
  rows.forEach((r, k) => {
    const y = k * rowH;
    body.push(`<text x="${labelWidth}" y="${n(y + 15)}" text-anchor="end" fill="#222">${escapeXml(fit(r.label, labelWidth, 11))}</text>`);
    let x = barX;
    let total = 0;
    for (const s of r.segments) {
      if (s.count === 0) continue;
      const w = (s.count / max) * barW;
      body.push(`<rect x="${n(x)}" y="${n(y + 3)}" width="${n(w)}" height="17" fill="${s.colour}"/>`);
      if (w >= 14) body.push(`<text x="${n(x + w / 2)}" y="${n(y + 15.5)}" text-anchor="middle" fill="${s.ink ?? '#fff'}">${s.count}</text>`);
      x += w;
      total += s.count;
    }
    body.push(`<text x="${n(x + 4)}" y="${n(y + 15.5)}" fill="#555">${total}</text>`);
  });
  const seen = new Map<string, string>();
  for (const r of rows) for (const s of r.segments) if (!seen.has(s.label)) seen.set(s.label, s.colour);
  const leg =
    options.legend === false
      ? { lines: [], height: 0 }
      : legend(
          [...seen].map(([label, colour]) => ({ label, colour })),
          rows.length * rowH + 8,
          width,
        );
  const height = rows.length * rowH + (leg.height ? 8 + leg.height : 0);
  return [...svgOpen(width, height, title), ...body, ...leg.lines, '</svg>'].join('\n');
}

/** One bar per item, with its count: the trend since the last review. */
export function barsSvg(title: string, items: Segment[], options: { width?: number; labelWidth?: number } = {}): string {
  const width = options.width ?? 640;
  const labelWidth = options.labelWidth ?? 200;
  const barX = labelWidth + 8;
  const barW = width - barX - 34;
  const rowH = 22;
  const max = Math.max(1, ...items.map((i) => i.count));
  const body: string[] = [];
  items.forEach((it, k) => {
    const y = k * rowH;
    body.push(`<text x="${labelWidth}" y="${n(y + 14)}" text-anchor="end" fill="#222">${escapeXml(fit(it.label, labelWidth, 11))}</text>`);
    const w = (it.count / max) * barW;
    if (it.count > 0) body.push(`<rect x="${barX}" y="${n(y + 3)}" width="${n(w)}" height="15" fill="${it.colour}"/>`);
    body.push(`<text x="${n(barX + w + 4)}" y="${n(y + 14.5)}" fill="#222">${it.count}</text>`);
  });
  return [...svgOpen(width, items.length * rowH + 2, title), ...body, '</svg>'].join('\n');
}
