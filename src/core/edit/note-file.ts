/**
 * The text of a note file (notes/ID/NAME.yaml) and its name, as a careful
 * person would write them, and the note as it reads back. Pure: text in,
 * text out; core/edit/prepare.ts checks the result by loading the plan again
 * before anything is written.
 */
import type { Translations } from '../model.js';
import type { Status } from '../vocabulary.js';
import { inlineScalar, scalarFieldLines } from '../yaml-write.js';

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

const NOTE_MODELINE = '# yaml-language-server: $schema=../../../schema/note.schema.json';

/** The text of a note file (notes/ID/NAME.yaml): the note's fields, as a person would write them. */
export function noteFileText(note: NoteToAdd): string {
  return [NOTE_MODELINE, ...noteFieldLines(note, '')].map((l) => `${l}\n`).join('');
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
