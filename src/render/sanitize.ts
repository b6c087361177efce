/**
 * The one terminal sanitiser. Text from plan files can hold control
 * characters (ESC sequences that recolour or retitle a terminal, bidi
 * overrides that reorder what a reader sees). Every plan string printed to a
 * terminal goes through here: such characters are shown escaped, never sent.
 */

// C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates and marks.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** Safe to print: unsafe characters become visible escapes like \u{1B}; newlines and tabs stay. */
export function termSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Safe and on one line, for table cells and one-line messages. */
export function termSafeLine(text: string): string {
  return termSafe(text.replace(/\r\n|\r|\n|\t/g, ' '));
}
