/**
 * Edits to plan files as a careful person makes them by hand: the new lines
 * are spliced into the original text at offsets taken from the YAML
 * parser's source ranges, never by re-serialising the document (yaml's
 * `Document.toString()` would rewrite line endings, drop a byte-order mark,
 * merge blank lines and reflow lists and long lines). Every character
 * outside the splice stays as it was. Pure: text in, text out; the caller
 * re-checks the result with `checkNoteEdit` before writing anything.
 *
 * Where a note goes:
 * - Notes are a history, oldest first: the new note goes after the last note
 *   dated on or before it (so usually at the end).
 * - Block list: after that item and the comment lines directly below it that
 *   are indented deeper than its dash (they belong to the item); blank lines
 *   and comments at the dash's column or left of it stay where they are,
 *   below the new note. If the items are separated by blank lines, so is the
 *   new one.
 * - `notes: []`: the `[]` (and the space before it) is replaced by a block
 *   list: the one line that changes.
 * - Flow list with items: the note is added inside it as a `{…}` mapping.
 * - No `notes` key: `notes:` and the item go after the last field (and the
 *   comment lines indented below it).
 * - A file without a final line break gets one before the new lines.
 * The new lines use the file's line ending (that of its first line).
 */
import { type CST, isMap, isScalar, isSeq, type Pair, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYamlFile } from './parse.js';
import type { Translations } from './model.js';
import type { Cadence, Kind, Status } from './vocabulary.js';
import { doubleQuoted, inlineScalar, scalarFieldLines } from './yaml-write.js';

export interface NoteToAdd {
  date: string;
  text: string;
  status?: Status;
  side?: string;
  author?: string;
  lang?: string;
  links?: readonly string[];
  /** Written by csp split-notes when a note it moves has translations. */
  translations?: Translations<'text'>;
}

/** One contiguous change: `before[start, oldEnd)` became `after[start, newEnd)`. */
export interface Splice {
  start: number;
  oldEnd: number;
  newEnd: number;
}

export type NoteEdit =
  | { ok: true; text: string; splice: Splice; /** Position of the new note in the list (0-based). */ index: number }
  | { ok: false; message: string; hint: string };

const BOM = '\uFEFF';

/** Adds a note to the text of an initiative file (which may start with a byte-order mark). */
export function appendNote(original: string, note: NoteToAdd): NoteEdit {
  const bom = original.startsWith(BOM) ? BOM : '';
  const text = original.slice(bom.length);
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return refuse('the file is not valid YAML', "run 'csp validate' and fix the errors it lists first");
  }
  const map = doc.contents;
  if (!isMap(map) || map.flow) {
    return refuse(
      "the file is not written as one 'field: value' per line",
      "write each field on its own line ('id: p1.1', 'title: …'), then run the command again",
    );
  }
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  // Under a %YAML 1.1 directive, plain 2026-01-01 is a timestamp and plain yes/no/on/off are booleans: quote every value.
  yaml11 = doc.directives?.yaml.version === '1.1';
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'notes');
  let change: Change;
  if (!pair) change = withoutNotes(text, map, note, eol);
  else if (isSeq(pair.value) && pair.value.flow) {
    change = pair.value.items.length === 0 ? openEmptyFlow(text, pair, pair.value, note, eol) : intoFlow(pair.value, note);
  } else if (isSeq(pair.value)) change = intoBlock(text, pair.value, note, eol);
  else return refuse("'notes' in this file is not a list", "make it a list ('notes:' followed by '  - date: …' lines) or 'notes: []'");
  if ('message' in change) return { ok: false, ...change };
  const start = bom.length + change.at;
  return {
    ok: true,
    text: bom + text.slice(0, change.at) + change.insert + text.slice(change.oldEnd),
    splice: { start, oldEnd: bom.length + change.oldEnd, newEnd: start + change.insert.length },
    index: change.index,
  };
}

type Change = { at: number; oldEnd: number; insert: string; index: number } | { message: string; hint: string };

/** Whether the file being edited declares YAML 1.1 (set by appendNote for the functions below it). */
let yaml11 = false;

function refuse(message: string, hint: string): { ok: false; message: string; hint: string } {
  return { ok: false, message, hint };
}

function withoutNotes(text: string, map: YAMLMap, note: NoteToAdd, eol: string): Change {
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!first || !last) return { message: 'the file has no fields', hint: 'fill it in first' };
  const col = columnOf(text, nodeStart(first.key));
  const at = ownedEnd(text, pairEnd(last), col);
  const lead = needsBreakBefore(text, at) ? eol : '';
  const lines = [`${' '.repeat(col)}notes:`, ...blockNoteLines(note, col + 2, col + 4)];
  return { at, oldEnd: at, insert: lead + joinLines(lines, eol), index: 0 };
}

function openEmptyFlow(text: string, pair: Pair, seq: YAMLSeq, note: NoteToAdd, eol: string): Change {
  const [open, close] = seq.range ?? [];
  if (open === undefined || close === undefined || text[open] !== '[' || text[close - 1] !== ']') {
    return { message: "cannot find the '[]' of 'notes'", hint: "write 'notes: []' or a 'notes:' list by hand" };
  }
  let from = open;
  while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  if (text[from - 1] !== ':') from = open;
  const lineEnd = nextLineStart(text, close);
  const rest = text.slice(close, lineEnd);
  const col = columnOf(text, nodeStart(pair.key));
  const insert = rest + (needsBreakBefore(text, lineEnd) ? eol : '') + joinLines(blockNoteLines(note, col + 2, col + 4), eol);
  return { at: from, oldEnd: lineEnd, insert, index: 0 };
}

function intoFlow(seq: YAMLSeq, note: NoteToAdd): Change {
  const index = insertionIndex(seq, note.date);
  const item = flowNote(note);
  if (index === 0) {
    const at = nodeStart(seq.items[0]);
    return { at, oldEnd: at, insert: `${item}, `, index };
  }
  const at = nodeEnd(seq.items[index - 1]);
  return { at, oldEnd: at, insert: `, ${item}`, index };
}

function intoBlock(text: string, seq: YAMLSeq, note: NoteToAdd, eol: string): Change {
  const cst = seq.srcToken as CST.BlockSequence | undefined;
  // Comments after the last item (at the dash's column) form a CST item of their own, without a dash.
  const dashes = (cst?.items ?? []).filter((it) => it.start.some((t) => t.type === 'seq-item-ind') || it.value !== undefined).map((it) => it.start.find((t) => t.type === 'seq-item-ind')?.offset);
  if (seq.items.length === 0 || dashes.length !== seq.items.length || dashes.some((d) => d === undefined)) {
    return { message: "cannot find the items of the 'notes' list", hint: 'check the file with csp validate' };
  }
  const dash = dashes as number[];
  const dashCol = columnOf(text, dash[0]!);
  const lastStart = nodeStart(seq.items[seq.items.length - 1]);
  const lastDash = dash[dash.length - 1]!;
  const sameLine = lineStart(text, lastStart) === lineStart(text, lastDash);
  const contentCol = sameLine ? columnOf(text, lastStart) : dashCol + 2;
  let separated = seq.items.length > 1;
  for (let i = 0; i + 1 < seq.items.length && separated; i++) {
    const gap = text.slice(ownedEnd(text, nodeEnd(seq.items[i]), dashCol), lineStart(text, dash[i + 1]!));
    separated = gap.split(/\r\n|\r|\n/).slice(0, -1).some((l) => l.trim() === '');
  }
  const lines = joinLines(blockNoteLines(note, dashCol, contentCol), eol);
  const index = insertionIndex(seq, note.date);
  if (index === 0) {
    const at = lineStart(text, dash[0]!);
    return { at, oldEnd: at, insert: lines + (separated ? eol : ''), index };
  }
  const at = ownedEnd(text, nodeEnd(seq.items[index - 1]), dashCol);
  const lead = (needsBreakBefore(text, at) ? eol : '') + (separated ? eol : '');
  return { at, oldEnd: at, insert: lead + lines, index };
}

/** After the last note dated on or before `date`. */
function insertionIndex(seq: YAMLSeq, date: string): number {
  let index = 0;
  seq.items.forEach((item, i) => {
    const d = isMap(item) ? item.get('date') : undefined;
    if (typeof d === 'string' && d <= date) index = i + 1;
  });
  return index;
}

/** The lines of a note as a block-list item: dash at `dashCol`, fields at `contentCol`. */
function blockNoteLines(note: NoteToAdd, dashCol: number, contentCol: number): string[] {
  const lines = noteFieldLines(note, ' '.repeat(contentCol), yaml11);
  lines[0] = `${' '.repeat(dashCol)}-${' '.repeat(Math.max(1, contentCol - dashCol - 1))}${lines[0]!.trimStart()}`;
  return lines;
}

/** A note's fields, one per line at indentation `pad`, date first; in a `%YAML 1.1` file (`y11`) plain scalars are quoted. */
function noteFieldLines(note: NoteToAdd, pad: string, y11 = false): string[] {
  const q = (v: string) => (y11 ? doubleQuoted(v) : v);
  const field = (key: string, v: string) => (y11 && !v.includes('\n') ? [`${pad}${key}: ${doubleQuoted(v)}`] : scalarFieldLines(key, v, pad));
  const lines = [`${pad}date: ${q(note.date)}`];
  lines.push(...field('text', note.text));
  if (note.status !== undefined) lines.push(`${pad}status: ${q(note.status)}`);
  if (note.side !== undefined) lines.push(...field('side', note.side));
  if (note.author !== undefined) lines.push(...field('author', note.author));
  if (note.lang !== undefined) lines.push(`${pad}lang: ${q(note.lang)}`);
  if (note.links && note.links.length > 0) {
    lines.push(`${pad}links:`, ...note.links.map((l) => `${pad}  - ${inlineScalar(l, y11)}`));
  }
  if (note.translations) lines.push(...mappingLines('translations', note.translations, pad));
  return lines;
}

/** A nested mapping of strings as block lines, keys in sorted order. */
function mappingLines(key: string, value: unknown, pad: string): string[] {
  if (typeof value === 'string') return scalarFieldLines(inlineScalar(key), value, pad);
  const lines = [`${pad}${inlineScalar(key)}:`];
  for (const k of Object.keys(value as object).sort()) lines.push(...mappingLines(k, (value as Record<string, unknown>)[k], `${pad}  `));
  return lines;
}

function flowNote(note: NoteToAdd): string {
  const fields = [`date: ${yaml11 ? doubleQuoted(note.date) : note.date}`, `text: ${doubleQuoted(note.text)}`];
  if (note.status !== undefined) fields.push(`status: ${yaml11 ? doubleQuoted(note.status) : note.status}`);
  if (note.side !== undefined) fields.push(`side: ${doubleQuoted(note.side)}`);
  if (note.author !== undefined) fields.push(`author: ${doubleQuoted(note.author)}`);
  if (note.lang !== undefined) fields.push(`lang: ${note.lang}`);
  if (note.links && note.links.length > 0) fields.push(`links: [${note.links.map((l) => doubleQuoted(l)).join(', ')}]`);
  return `{${fields.join(', ')}}`;
}

function joinLines(lines: readonly string[], eol: string): string {
  return lines.map((l) => l + eol).join('');
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

export function lineStart(text: string, i: number): number {
  let p = i;
  while (p > 0 && !isBreak(text[p - 1])) p--;
  return p;
}

/** The offset just after the line break that ends the line holding `i` (text.length on the last line). */
export function nextLineStart(text: string, i: number): number {
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

function needsBreakBefore(text: string, at: number): boolean {
  return at > 0 && !isBreak(text[at - 1]);
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

// ---- checking an edit ---------------------------------------------------

function readValue(text: string): unknown {
  const parsed = parseYamlFile('edit', text.startsWith(BOM) ? text.slice(1) : text);
  return parsed.diagnostics.length === 0 ? parsed.value : undefined;
}

/** The note as it reads back from the file. */
export function noteValue(note: NoteToAdd): Record<string, unknown> {
  return {
    date: note.date,
    text: note.text,
    ...(note.status !== undefined ? { status: note.status } : {}),
    ...(note.side !== undefined ? { side: note.side } : {}),
    ...(note.author !== undefined ? { author: note.author } : {}),
    ...(note.lang !== undefined ? { lang: note.lang } : {}),
    ...(note.links && note.links.length > 0 ? { links: [...note.links] } : {}),
    ...(note.translations !== undefined ? { translations: note.translations } : {}),
  };
}

/**
 * Checks an edit made by `appendNote`: nothing outside the splice changed, the
 * byte-order mark is kept, and the new text reads back as exactly the old
 * data with the note inserted at `index`. Returns what is wrong, if anything.
 */
export function checkNoteEdit(before: string, after: string, edit: { splice: Splice; index: number }, note: NoteToAdd): string | undefined {
  const { splice, index } = edit;
  if (after.slice(0, splice.start) !== before.slice(0, splice.start) || after.slice(splice.newEnd) !== before.slice(splice.oldEnd)) {
    return 'text outside the new lines changed';
  }
  if (before.startsWith(BOM) !== after.startsWith(BOM)) return 'the byte-order mark changed';
  const old = readValue(before);
  const now = readValue(after);
  if (now === undefined || typeof now !== 'object') return 'the changed file does not read back cleanly';
  if (old === undefined || typeof old !== 'object') return 'the original file does not read back cleanly';
  const oldNotes = (old as { notes?: unknown }).notes;
  const notes = Array.isArray(oldNotes) ? [...oldNotes] : [];
  notes.splice(index, 0, noteValue(note));
  if (!deepEqual(now, { ...old, notes })) return 'the changed file does not read back as the old data plus the new note';
  return undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

// ---- showing an edit ----------------------------------------------------

export interface ChangedLines {
  /** 1-based number of the first changed (or, for an insertion, inserted) line. */
  line: number;
  contextBefore: string[];
  removed: string[];
  added: string[];
  contextAfter: string[];
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The lines an edit removed and added, as a line-based diff shows them, with a little context. */
export function changedLines(before: string, after: string, splice: Splice, context = 2): ChangedLines {
  const a = lineStart(before, splice.start);
  const pureInsert = splice.oldEnd === splice.start && isLineStart(before, splice.start) && isLineStart(after, splice.newEnd);
  const oldStop = pureInsert ? a : isLineStart(before, splice.oldEnd) && splice.oldEnd > a ? splice.oldEnd : nextLineStart(before, splice.oldEnd);
  const newStop = pureInsert ? splice.newEnd : isLineStart(after, splice.newEnd) && splice.newEnd > a ? splice.newEnd : nextLineStart(after, splice.newEnd);
  const head = splitLines(before.slice(0, a));
  return {
    line: head.length + 1,
    contextBefore: head.slice(Math.max(0, head.length - context)),
    removed: splitLines(before.slice(a, oldStop)),
    added: splitLines(after.slice(a, newStop)),
    contextAfter: splitLines(before.slice(oldStop)).slice(0, context),
  };
}

// ---- new initiative files ---------------------------------------------

export interface NewInitiative {
  id: string;
  pillar: number;
  title: string;
  text: string;
  kind?: Kind;
  cadence?: Cadence;
  themes?: readonly string[];
}

export const INITIATIVE_MODELINE = '# yaml-language-server: $schema=../../schema/initiative.schema.json';

/** The text of a new initiative file, laid out like the shipped ones. */
export function newInitiativeFile(i: NewInitiative): string {
  const lines = [INITIATIVE_MODELINE, `id: ${i.id}`, `pillar: ${i.pillar}`];
  lines.push(...scalarFieldLines('title', i.title, ''), ...scalarFieldLines('text', i.text, ''));
  if (i.kind !== undefined) lines.push(`kind: ${i.kind}`);
  if (i.cadence !== undefined) lines.push(`cadence: ${i.cadence}`);
  if (i.themes && i.themes.length > 0) lines.push('themes:', ...i.themes.map((t) => `  - ${inlineScalar(t)}`));
  // No notes field: notes go to files of their own (csp note).
  return joinLines(lines, '\n');
}

// ---- note files ----------------------------------------------------------

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

export const NOTE_MODELINE = '# yaml-language-server: $schema=../../../schema/note.schema.json';

/** The text of a note file (notes/ID/NAME.yaml): the note's fields, as a person would write them. */
export function noteFileText(note: NoteToAdd): string {
  return joinLines([NOTE_MODELINE, ...noteFieldLines(note, '')], '\n');
}

/**
 * The name of a note's file: its date, side, the first words of its text (as
 * ASCII, when there are such words) and a fingerprint of the file's text. Two
 * different notes never get the same name, so notes added on two branches
 * never collide; the same note added twice gets the same name (and git sees
 * one file).
 */
export function noteFileName(note: NoteToAdd, fileText: string, fingerprintOf: (text: string) => string): string {
  const words = note.text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .slice(0, 6);
  let slug = '';
  for (const w of words) {
    if ((slug + '-' + w).length > 40) break;
    slug = slug === '' ? w : `${slug}-${w}`;
  }
  const side = /^[a-z0-9-]+$/.test(note.side ?? 'joint') ? (note.side ?? 'joint') : 'side';
  return [note.date, side, ...(slug ? [slug] : []), fingerprintOf(fileText)].join('-') + '.yaml';
}

/**
 * The next free id in a pillar: `p<N>.<highest number in use + 1>`, counting
 * the ids of loaded initiatives and the names of all files (a file with
 * errors still holds its id). Gaps are not reused: a missing number may be
 * on purpose (an item listed under another pillar keeps its place).
 */
export function nextInitiativeId(pillar: number, idsAndFileNames: Iterable<string>): string {
  const re = new RegExp(`^p${pillar}\\.(\\d+)(?:\\.ya?ml)?$`);
  let max = 0;
  for (const s of idsAndFileNames) {
    const m = re.exec(s);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `p${pillar}.${max + 1}`;
}
