/**
 * The one markdown escaper. Text from plan files lands in reports and
 * pull-request comments; whatever it holds (pipes, brackets, HTML, URLs,
 * backticks, newlines) must stay text: no live HTML, no link, no broken table.
 */

import { termSafe } from './sanitize.js';
import { isSafeLink } from '../core/input/links.js';

/** Where escaped text lands: a table cell (a pipe ends the cell) and/or the start of a line. */
export interface EscapeContext {
  table?: boolean;
  lineStart?: boolean;
}

const PUNCT = /[!-/:-@[-`{-~]/;
const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;
const MAYBE_MARKUP = /[\\&<*~_`[$|:]/;
const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * Inline markdown text: escapes only what GitHub-flavoured markdown would
 * otherwise read as markup in that position, so the raw file reads as plain
 * text ("R&D", "$1.2B", "#42" stay as written). Made inert: emphasis, code,
 * links and images, raw HTML and autolinks `<…>`, character references,
 * strikethrough, math between two dollars, URL autolinks ("://", "www."),
 * a pipe in a table cell, and block markers at the start of a line (headings,
 * lists, quotes, thematic breaks). E-mail addresses stay as written: a
 * renderer may link them to the address shown. Newlines become spaces;
 * control characters and bidi overrides are shown as escapes, as in the terminal.
 */
export function escapeMarkdown(text: string, context: EscapeContext = {}): string {
  // Control characters and bidi overrides become visible escapes first (a report is often read in a terminal).
  const s = termSafe(text.replace(/\r\n?|\n/g, ' '));
  // Most text has nothing to escape.
  if (!MAYBE_MARKUP.test(s) && !/www\./i.test(s)) return context.lineStart ? escapeLineStart(s) : s;
  const dollars = (s.match(/\$/g) ?? []).length >= 2;
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k]!;
    // Unknown neighbours (the ends of the text) count as markup-capable: escape to be safe.
    const prev = k > 0 ? s[k - 1]! : '';
    const next = k + 1 < s.length ? s[k + 1]! : '';
    const spaced = SPACE.test(prev) && SPACE.test(next);
    let escape = false;
    switch (c) {
      case '\\':
        escape = next === '' || PUNCT.test(next);
        break;
      case '&':
        escape = ENTITY.test(s.slice(k));
        break;
      case '<':
        escape = /[A-Za-z/!?]/.test(next);
        break;
      case '*':
      case '~':
        escape = !spaced;
        break;
      case '_':
        escape = !spaced && !(WORD.test(prev) && WORD.test(next));
        break;
      case '`':
      case '[':
        escape = true;
        break;
      case '$':
        escape = dollars;
        break;
      case '|':
        escape = context.table === true;
        break;
      case ':':
        escape = s.startsWith('//', k + 1);
        break;
      case '.':
        escape = k >= 3 && /www$/i.test(s.slice(k - 3, k)) && (k === 3 || !WORD.test(s[k - 4]!));
        break;
    }
    out += escape ? `\\${c}` : c;
  }
  return context.lineStart ? escapeLineStart(out) : out;
}

/**
 * What would start a block at the beginning of a line: an ATX heading, a
 * list item (bullet or number), a block quote, a thematic break or setext
 * underline, an indented code block (leading spaces are dropped).
 */
function escapeLineStart(s: string): string {
  const t = s.replace(/^[ \t]+/, '');
  if (/^#{1,6}(?:\s|$)/.test(t) || /^[-+*](?:\s|$)/.test(t) || /^>/.test(t) || /^(?:=+|-+|(?:[-*_][ \t]*){3,})$/.test(t)) return `\\${t}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(t);
  if (ordered) return `${ordered[1]}\\${t.slice(ordered[1]!.length)}`;
  return t;
}

/** A table cell: escaped inline text, never empty (an empty cell is a dash). */
export function escapeTableCell(text: string): string {
  const escaped = escapeMarkdown(text, { table: true }).trim();
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
  if (!isSafeLink(url)) return escapeMarkdown(url);
  const safeUrl = url.replace(URL_UNSAFE, (c) => encodeURIComponent(c).replace(/[()'!*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`));
  return `[${escapeMarkdown(label)}](<${safeUrl}>)`;
}
