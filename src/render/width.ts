/** Display width in terminal columns (Hangul and other wide characters count as two). */
import stringWidth from 'string-width';

/**
 * Characters that are each one column wide and never join a neighbour into
 * one grapheme: printable ASCII and Latin-1, general punctuation, arrows, box
 * drawing and geometric shapes — minus the few that string-width counts as
 * emoji. test/render-fast-paths.test.ts checks every one against string-width.
 */
const ONE_COLUMN =
  /^[\x20-\x7e\xa0-\xa8\xaa-\xac\xaf-\xff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u2190-\u2193\u219a-\u21a8\u21ab-\u21ff\u2500-\u25a9\u25ac-\u25b5\u25b7-\u25bf\u25c1-\u25fa\u2713\u2715]*$/;

/**
 * Width in columns, as string-width counts it. Text made of one-column
 * characters is measured by its length: string-width builds an
 * Intl.Segmenter when first used, which costs ≈ 20 ms of every run.
 */
export function displayWidth(s: string): number {
  return ONE_COLUMN.test(s) ? s.length : stringWidth(s);
}

/** Cuts text to at most `max` columns, ending with '…' when cut. */
export function truncate(s: string, max: number): string {
  if (max <= 0) return '';
  if (displayWidth(s) <= max) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

const SGR = /\u001b\[[0-9;]*m/g;

/** Text without its colour (SGR sequences): the one ANSI stripper. */
export function withoutColour(s: string): string {
  return s.includes('\u001b') ? s.replace(SGR, '') : s;
}

/** Width in columns of text that may carry colour (SGR sequences take no room). */
export function visibleWidth(s: string): number {
  return displayWidth(withoutColour(s));
}

/**
 * csp's one word wrap: greedy, at spaces, to `width` columns (colour codes
 * take no room). A word longer than a line is broken where the line ends;
 * spaces where a line breaks are dropped, other runs of spaces kept.
 * Each '\n' starts a new paragraph.
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    // Split at single spaces: a run of spaces within a line stays as written.
    for (const word of para.split(' ')) {
      const ww = visibleWidth(word);
      if (line !== '' && lineWidth + 1 + ww <= w) {
        line += ` ${word}`;
        lineWidth += 1 + ww;
        continue;
      }
      if (word === '' && line !== '') continue; // a space where the line breaks
      if (line !== '') lines.push(line.replace(/ +$/, ''));
      line = word;
      lineWidth = ww;
      while (lineWidth > w) {
        const [head, tail] = splitAt(line, w);
        lines.push(head);
        line = tail;
        lineWidth = visibleWidth(tail);
      }
    }
    lines.push(line.replace(/ +$/, ''));
  }
  return lines;
}

/** `text` cut into a head of at most `width` columns (at least one character) and the rest. */
function splitAt(text: string, width: number): [string, string] {
  let head = '';
  let w = 0;
  let k = 0;
  while (k < text.length) {
    const sgr = text[k] === '\u001b' ? /^\u001b\[[0-9;]*m/.exec(text.slice(k)) : null;
    if (sgr) {
      head += sgr[0];
      k += sgr[0].length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(k)!);
    const cw = displayWidth(ch);
    if (w + cw > width && head !== '') break;
    head += ch;
    w += cw;
    k += ch.length;
  }
  return [head, text.slice(k)];
}

/**
 * Text wrapped after a label: the first line starts with `label`, the next
 * ones with as many spaces as the label is wide, every line within `width`.
 */
export function wrapAfter(label: string, text: string, width: number): string[] {
  const indent = visibleWidth(label);
  return wrap(text, Math.max(10, width - indent)).map((l, k) => (k === 0 ? label : ' '.repeat(indent)) + l);
}
