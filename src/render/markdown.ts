/**
 * The one markdown escaper. Text from plan files lands in reports and
 * pull-request comments; whatever it holds (pipes, brackets, HTML, URLs,
 * backticks, newlines) must stay text: no live HTML, no link, no broken table.
 */

import { termSafe } from './sanitize.js';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Inline markdown text, for places that never start a line (callers put
 * their own prefix first: a list marker, a heading's id, a table pipe).
 * HTML-significant characters become entities; markdown
 * punctuation is backslash-escaped; autolink triggers of GitHub-flavoured
 * markdown ("://", "www.", "@") are broken with an escape, which renderers
 * keep as a separate text node, so no URL or address is linked. Control
 * characters and bidi overrides are shown as escapes, as in the terminal.
 */
export function escapeMarkdown(text: string): string {
  // Control characters and bidi overrides become visible escapes first (a report is often read in a terminal).
  return termSafe(text.replace(/\r\n?|\n/g, ' '))
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!)
    .replace(/[\\`*_[\]#|~$]/g, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/@/g, '\\@')
    .replace(/(www)\./gi, '$1\\.');
}

/** A table cell: escaped inline text, never empty (an empty cell is a dash). */
export function escapeTableCell(text: string): string {
  const escaped = escapeMarkdown(text).trim();
  return escaped === '' ? '—' : escaped;
}

/** A markdown table; every cell is escaped here, so callers pass plain text. */
export function markdownTable(head: string[], rows: string[][], align?: ('left' | 'right' | 'center')[]): string {
  const rule = head.map((_, k) => {
    const a = align?.[k] ?? 'left';
    return a === 'right' ? '---:' : a === 'center' ? ':---:' : '---';
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head.map(escapeTableCell)), line(rule), ...rows.map((r) => line(r.map(escapeTableCell)))].join('\n');
}

// Characters that would end or break a link destination, controls and bidi overrides: percent-encoded.
const URL_UNSAFE = /[<>()\s"'`\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A link only for http(s) and mailto URLs; anything else is shown as escaped text. */
export function markdownLink(label: string, url: string): string {
  if (!/^(?:https?:\/\/|mailto:)[^\s]+$/i.test(url)) return escapeMarkdown(url);
  const safeUrl = url.replace(URL_UNSAFE, (c) => encodeURIComponent(c).replace(/[()'!*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));
  return `[${escapeMarkdown(label)}](<${safeUrl}>)`;
}
