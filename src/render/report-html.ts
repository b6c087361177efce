/**
 * The brief as one self-contained HTML file: inline CSS and SVG, no script,
 * no request to the network. Its print stylesheet fits A4 and Letter, puts
 * "progress to DATE · plan at REVISION" and the page number at the foot of
 * every page, starts the pillars and the annex on new pages and keeps tables
 * within the page. Pure and deterministic.
 */
import { type Block, type BriefDoc, type Inline, markerOf } from './report-blocks.js';
import { termSafe } from './sanitize.js';
import { isSafeLink } from '../core/input/links.js';

export type Paper = 'a4' | 'letter';

export interface HtmlBriefOptions {
  /** Fix the printed page size; without it the browser's choice (A4 or Letter) is used. */
  paper?: Paper;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return termSafe(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A CSS string literal (for the running footer). */
function cssString(text: string): string {
  return `"${termSafe(text).replace(/[\\"]/g, '\\$&').replace(/[\n\r<>&]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

function inline(items: Inline[]): string {
  return items
    .map((x) => {
      switch (x.k) {
        case 'text':
          return escapeHtml(x.s);
        case 'nowrap':
          return `<span class="nw">${escapeHtml(x.s)}</span>`;
        case 'foreign':
          return `<span lang="${escapeHtml(x.lang)}">${escapeHtml(x.s)}</span> <span class="tr">${escapeHtml(markerOf(x.lang))}</span>`;
        case 'strong':
          return `<strong>${inline(x.c)}</strong>`;
        case 'link':
          return isSafeLink(x.url) ? `<a href="${escapeHtml(x.url)}">${escapeHtml(x.label)}</a>` : escapeHtml(x.url);
      }
    })
    .join('');
}

/** A note's text with its paragraphs and lists. */
function noteHtml(text: string): string {
  const out: string[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').trim().split(/\n[ \t]*\n+/)) {
    const lines = para.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    let run: string[] = [];
    let kind: 'p' | 'ul' | 'ol' = 'p';
    const flush = () => {
      if (run.length) out.push(kind === 'p' ? `<p>${run.join('<br>\n')}</p>` : `<${kind}>${run.map((l) => `<li>${l}</li>`).join('')}</${kind}>`);
      run = [];
    };
    for (const line of lines) {
      const item = /^(?:([-*+•])|\d{1,9}[.)])\s+(.*)$/.exec(line);
      const k = item === null ? 'p' : item[1] !== undefined ? 'ul' : 'ol';
      if (k !== kind) {
        flush();
        kind = k;
      }
      run.push(escapeHtml(item ? item[2]! : line));
    }
    flush();
  }
  return out.join('\n');
}

const CSS = `
:root { --ink: #1d2733; --muted: #5b6673; --rule: #d5dbe2; --head: #eef1f4; }
* { box-sizing: border-box; }
html { font: 10pt/1.42 "Helvetica Neue", Helvetica, Arial, "Noto Sans", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; color: var(--ink); }
body { max-width: 190mm; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 16pt; line-height: 1.2; margin: 0 0 .3em; }
h2 { font-size: 13pt; border-bottom: 1.5pt solid var(--ink); padding-bottom: 1.5pt; margin: 1.1em 0 .45em; break-after: avoid; }
h3 { font-size: 10.5pt; margin: .9em 0 .3em; break-after: avoid; }
h4 { font-size: 10pt; margin: .7em 0 .2em; break-after: avoid; }
p, ul, ol { margin: .3em 0; }
ul, ol { padding-left: 1.3em; }
li { margin: .12em 0; }
.intro { margin-bottom: .2em; }
.cutoff { color: var(--muted); font-size: 8.5pt; margin-top: 0; }
.figures { display: flex; flex-wrap: wrap; gap: 4pt; margin: .5em 0 .6em; }
.figure { border: 1px solid var(--rule); border-left-width: 5pt; border-radius: 2pt; padding: 2pt 6pt 3pt; min-width: 21mm; }
.figure b { display: block; font-size: 15pt; line-height: 1.1; }
.figure span { font-size: 8.5pt; color: var(--muted); }
figure { margin: .4em 0; break-inside: avoid; }
svg { display: block; max-width: 100%; height: auto; }
.pillar figure svg { max-height: 11mm; }
.counts { color: var(--muted); font-size: 9pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8.8pt; margin: .4em 0 .6em; }
th, td { border-bottom: .75pt solid var(--rule); padding: 2pt 3.5pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--head); font-weight: 600; }
td.r, th.r { text-align: right; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.nw { white-space: nowrap; }
.tr { color: var(--muted); font-size: .82em; }
.attention li { margin: .25em 0; }
.note-meta { margin-top: .5em; }
.note-meta + p, .note-meta + ul, .note-meta + ol { margin-top: .1em; }
section.pillar h2 + figure, section.pillar .counts { break-after: avoid; }
section.front + section.pillar { break-before: page; }
section.annex { break-before: page; }
section.annex table { font-size: 8.3pt; }
footer.cutoff { border-top: .75pt solid var(--rule); margin-top: 1.5em; padding-top: .3em; }
a { color: #1a4f8b; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  footer.cutoff { display: none; }
}
`;

export function renderBriefHtml(doc: BriefDoc, options: HtmlBriefOptions = {}): string {
  const block = (b: Block): string => {
    switch (b.k) {
      case 'h':
        return `<h${b.level}>${inline(b.c)}</h${b.level}>`;
      case 'p':
        return `<p${b.cls ? ` class="${b.cls}"` : ''}>${inline(b.c)}</p>`;
      case 'ul':
        return `<ul${b.cls ? ` class="${b.cls}"` : ''}>\n${b.items.map((it) => `<li>${inline(it)}</li>`).join('\n')}\n</ul>`;
      case 'figures':
        return `<div class="figures">\n${b.items
          .map((f) => `<div class="figure" style="border-left-color: ${f.colour === '#fff' ? 'var(--ink)' : f.colour}"><b>${f.n}</b><span>${escapeHtml(f.label)}</span></div>`)
          .join('\n')}\n</div>`;
      case 'table': {
        const cls = (k: number) => (b.align[k] === 'r' ? ' class="r"' : '');
        return [
          `<table${b.cls ? ` class="${b.cls}"` : ''}>`,
          `<colgroup>${b.widths.map((w) => `<col style="width: ${w}%">`).join('')}</colgroup>`,
          `<thead><tr>${b.head.map((h, k) => `<th${cls(k)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
          '<tbody>',
          ...b.rows.map((r) => `<tr>${r.map((c, k) => `<td${cls(k)}>${inline(c) || '—'}</td>`).join('')}</tr>`),
          '</tbody>',
          '</table>',
        ].join('\n');
      }
      case 'chart':
        return `<figure class="chart-${b.name}">\n${b.svg}\n</figure>`;
      case 'note':
        return `<div class="note">${noteHtml(b.text)}${b.foreign ? ` <span class="tr">${escapeHtml(b.foreign)}</span>` : ''}</div>`;
      case 'md':
        return '';
      case 'section':
        return `<section class="${b.cls}">\n${b.blocks.map(block).filter((x) => x !== '').join('\n')}\n</section>`;
    }
  };
  const page = [
    `@page { ${options.paper ? `size: ${options.paper === 'a4' ? 'A4' : 'letter'}; ` : ''}margin: 15mm 14mm 17mm;`,
    `  @bottom-left { content: ${cssString(doc.footer)}; font: 7.5pt Helvetica, Arial, sans-serif; color: #5b6673; }`,
    '  @bottom-right { content: counter(page) " / " counter(pages); font: 7.5pt Helvetica, Arial, sans-serif; color: #5b6673; }',
    '}',
  ].join('\n');
  const body = doc.blocks.map(block).filter((x) => x !== '');
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${CSS}${page}\n</style>`,
    '</head>',
    '<body>',
    ...body,
    `<footer class="cutoff">${escapeHtml(doc.footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
