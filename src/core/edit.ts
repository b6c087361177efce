/**
 * Text of the files csp writes or changes, as a careful person would write
 * them: a note file (notes/ID/NAME.yaml), a new initiative file, and an
 * initiative file without its `notes` list (csp split-notes). Changes are
 * made at offsets taken from the YAML parser's source ranges, never by
 * re-serialising the document (yaml's `Document.toString()` would rewrite
 * line endings, drop a byte-order mark, merge blank lines and reflow lists
 * and long lines): every character outside the change stays as it was. Pure:
 * text in, text out; the callers (core/changes.ts) check the result by
 * loading the plan again before anything is written.
 */
import { isMap, isScalar, type Pair, parseDocument } from 'yaml';
import type { Translations } from './model.js';
import type { Cadence, Kind, Status } from './vocabulary.js';
import { inlineScalar, scalarFieldLines } from './yaml-write.js';

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

const BOM = '\uFEFF';

function refuse(message: string, hint: string): { ok: false; message: string; hint: string } {
  return { ok: false, message, hint };
}

/** A note's fields, one per line at indentation `pad`, date first. */
function noteFieldLines(note: NoteToAdd, pad: string): string[] {
  const lines = [`${pad}date: ${note.date}`];
  lines.push(...scalarFieldLines('text', note.text, pad));
  if (note.status !== undefined) lines.push(`${pad}status: ${note.status}`);
  if (note.side !== undefined) lines.push(...scalarFieldLines('side', note.side, pad));
  if (note.author !== undefined) lines.push(...scalarFieldLines('author', note.author, pad));
  if (note.lang !== undefined) lines.push(`${pad}lang: ${note.lang}`);
  if (note.links && note.links.length > 0) {
    lines.push(`${pad}links:`, ...note.links.map((l) => `${pad}  - ${inlineScalar(l)}`));
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
