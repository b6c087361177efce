/**
 * Writing single YAML values the way a careful person would, in a form that
 * reads back exactly: a plain scalar when that is unambiguous, a block
 * literal for multi-line text, a double-quoted scalar for everything else.
 * Pure. Callers re-parse what they write anyway; these choices only decide
 * how readable the result is.
 */
import { type Document, parseDocument, Scalar, type ToStringOptions, visit } from 'yaml';

/**
 * Characters never written raw: C0 controls but tab and newline, CR, DEL,
 * C1 controls, Unicode line/paragraph separators, byte-order marks,
 * non-characters, lone surrogates, and bidi controls (written raw they would
 * make the file read differently from what it holds).
 */
const MUST_ESCAPE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/u;

/** Characters that may not start a plain scalar (YAML indicators). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/** Words and numbers other YAML readers (YAML 1.1, e.g. PyYAML) would not read as text. */
const AMBIGUOUS =
  /^(?:y|n|yes|no|true|false|on|off|null|~|[-+]?(?:\d[\d_]*(?:[.:][\d_]*)*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\.inf|0x[\da-f_]+|0o?[0-7_]+|0b[01_]+)|\.nan|[-+]?\.inf)$/i;

/** True when `s` can be written as a plain scalar after "key: " in block context and reads back as the same text. */
export function isPlainSafe(s: string): boolean {
  if (s === '' || s !== s.trim() || /[\n\t]/.test(s) || MUST_ESCAPE.test(s)) return false;
  if (INDICATOR_START.test(s) || AMBIGUOUS.test(s) || /: |:$| #/.test(s)) return false;
  const doc = parseDocument(`k: ${s}\n`, { prettyErrors: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
  const value: unknown = doc.toJS();
  return typeof value === 'object' && value !== null && (value as { k?: unknown }).k === s;
}

/** A YAML double-quoted scalar; every character that is not plainly printable is escaped. */
export function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp === 0) out += '\\0';
    else if (MUST_ESCAPE.test(ch)) out += escapeChar(ch);
    else out += ch;
  }
  return `${out}"`;
}

/** A character as a double-quoted scalar's escape sequence (`\\x7F`, `\\u202E`). */
function escapeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase();
  return cp < 0x100 ? `\\x${hex.padStart(2, '0')}` : cp < 0x10000 ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
}

/** The chomping indicator for a block literal that reads back as `s`, or undefined when a block literal cannot. */
function literalChomp(s: string): '' | '-' | undefined {
  if (!s.includes('\n') || MUST_ESCAPE.test(s)) return undefined;
  // Leading spaces, tabs or empty lines would need an indentation indicator; several
  // trailing newlines would need keep-chomping, which swallows blank lines after it.
  if (/^[ \t\n]/.test(s) || /\n\n$/.test(s) || /\n\t/.test(s)) return undefined;
  return s.endsWith('\n') ? '' : '-';
}

/**
 * The lines of `key: value` at indentation `indent` (a string of spaces),
 * without line endings. Multi-line text becomes a block literal indented
 * two more spaces.
 */
export function scalarFieldLines(key: string, value: string, indent: string): string[] {
  if (isPlainSafe(value)) return [`${indent}${key}: ${value}`];
  const chomp = literalChomp(value);
  if (chomp === undefined) return [`${indent}${key}: ${doubleQuoted(value)}`];
  const body = chomp === '' ? value.slice(0, -1) : value;
  return [`${indent}${key}: |${chomp}`, ...body.split('\n').map((l) => (l === '' ? '' : `${indent}  ${l}`))];
}

/** A scalar as a list item or in a flow collection: plain when safe, else double-quoted. */
export function inlineScalar(value: string, flow = false): string {
  return !flow && isPlainSafe(value) ? value : doubleQuoted(value);
}

/**
 * A whole document as text, for files csp writes from scratch (review files, an imported
 * manifest). yaml writes DEL, C1 and bidi controls as they are, even in a double-quoted
 * scalar, and a file holding them raw is refused when read back (file-encoding) or reads
 * differently from what it holds. Text with any of them is double-quoted, and each of them
 * written as an escape: in a double-quoted scalar, the only place they can then appear.
 */
export function documentText(doc: Document, options: ToStringOptions): string {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && MUST_ESCAPE.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString(options).replace(new RegExp(MUST_ESCAPE.source, 'gu'), escapeChar);
}
