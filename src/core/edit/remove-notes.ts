/**
 * An initiative file without its `notes` list (csp split-notes), changed at
 * offsets taken from the YAML parser's source ranges, never by re-serialising
 * the document (yaml's `Document.toString()` would rewrite line endings, drop
 * a byte-order mark, merge blank lines and reflow lists and long lines):
 * every character outside the change stays as it was. Pure: text in, text out.
 */
import { isMap, isScalar, type Pair, parseDocument } from 'yaml';

const BOM = '\uFEFF';

function refuse(message: string, hint: string): { ok: false; message: string; hint: string } {
  return { ok: false, message, hint };
}

// ---- offsets and lines -------------------------------------------------

function nodeStart(node: unknown): number {
  return (node as { range?: [number, number, number] }).range?.[0] ?? 0;
}

/** End of a node's value: after its last character (for block collections, after its last line break). */
function nodeEnd(node: unknown): number {
  return (node as { range?: [number, number, number] }).range?.[1] ?? 0;
}

function pairEnd(pair: Pair): number {
  const v = pair.value as { range?: [number, number, number] } | null;
  return v?.range ? v.range[1] : nodeEnd(pair.key);
}

function isBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

function lineStart(text: string, i: number): number {
  let p = i;
  while (p > 0 && !isBreak(text[p - 1])) p--;
  return p;
}

/** The offset just after the line break that ends the line holding `i` (text.length on the last line). */
function nextLineStart(text: string, i: number): number {
  let p = i;
  while (p < text.length && !isBreak(text[p])) p++;
  if (text[p] === '\r' && text[p + 1] === '\n') return p + 2;
  return p < text.length ? p + 1 : p;
}

function isLineStart(text: string, i: number): boolean {
  return i === 0 || (isBreak(text[i - 1]) && !(text[i - 1] === '\r' && text[i] === '\n'));
}

function columnOf(text: string, i: number): number {
  return i - lineStart(text, i);
}

/**
 * Where the lines belonging to a value that ends at `contentEnd` stop: the
 * rest of its last line, then the comment lines directly below it indented
 * deeper than `ownerCol`.
 */
function ownedEnd(text: string, contentEnd: number, ownerCol: number): number {
  let p = isLineStart(text, contentEnd) ? contentEnd : nextLineStart(text, contentEnd);
  while (p < text.length) {
    const next = nextLineStart(text, p);
    const m = /^([ \t]*)#/.exec(text.slice(p, next));
    if (!m || m[1]!.length <= ownerCol) break;
    p = next;
  }
  return p;
}

export type NotesRemoval = { ok: true; text: string; removed: string } | { ok: false; message: string; hint: string };

/**
 * The initiative file without its `notes` field (for `csp split-notes`, which
 * has written each note to a file of its own): the lines from `notes:` to the
 * end of the list and the comment lines indented below it are taken out;
 * every other byte stays. The caller checks that the result reads back as
 * the old data without notes.
 */
export function removeNotes(original: string): NotesRemoval {
  const bom = original.startsWith(BOM) ? BOM : '';
  const text = original.slice(bom.length);
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return refuse('the file is not valid YAML', "run 'csp validate' and fix the errors it lists first");
  const map = doc.contents;
  if (!isMap(map) || map.flow) {
    return refuse("the file is not written as one 'field: value' per line", "write each field on its own line, then run the command again");
  }
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'notes');
  if (!pair) return { ok: true, text: original, removed: '' };
  const keyAt = nodeStart(pair.key);
  const col = columnOf(text, keyAt);
  if (col !== 0) return refuse("'notes' is not at the start of its line", "put 'notes:' at the start of a line");
  const from = lineStart(text, keyAt);
  const to = ownedEnd(text, pairEnd(pair), col);
  return { ok: true, text: bom + text.slice(0, from) + text.slice(to), removed: text.slice(from, to) };
}
