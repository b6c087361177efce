/**
 * The one terminal sanitiser. Text from plan files can hold control
 * characters (ESC sequences that recolour or retitle a terminal, bidi
 * overrides that reorder what a reader sees). Every plan string printed to a
 * terminal goes through here: such characters are shown escaped, never sent.
 */

// C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
// and the Unicode line and paragraph separators (which some terminals and viewers break lines at).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

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

// In JSON text these can only occur inside strings, where a \u escape means the same character.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with every character the terminal sanitiser would escape
 * written as a \u escape (JSON.stringify already does so for C0 controls):
 * the same data for a JSON reader, and inert on a terminal.
 */
export function toSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
