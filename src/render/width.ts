/** Display width in terminal columns (Hangul and other wide characters count as two). */
import stringWidth from 'string-width';

/**
 * Characters that are each one column wide and never join a neighbour into
 * one grapheme: printable ASCII and Latin-1, general punctuation, arrows, box
 * drawing and geometric shapes — minus the few that string-width counts as
 * emoji. test/width.test.ts checks every one against string-width.
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

/** Greedy word wrap to `width` columns; words longer than a line are kept whole. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      if (line === '') line = word;
      else if (displayWidth(line) + 1 + displayWidth(word) <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}
