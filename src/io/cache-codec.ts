/**
 * A plan file's result in two parts, as the cache stores it and as commands
 * that print no text hold it (see cache-file.ts):
 *
 * - lean: everything but the texts of the initiative and of its notes, and
 *   without the file's name repeated in every note's position;
 * - texts: those texts, in order (the initiative's, then each note's).
 *
 * A text stays in the lean part when the object has translations: the rule
 * that checks translations against their English needs it. In the lean
 * part a text left out is 0 (so that fields keep their order) and a
 * position is `{line, column}`; decoding puts back the file name (one
 * string for the whole file) and the texts, or '' for each when the texts
 * were not read. Only commands that print no note or initiative text may
 * use results decoded without their texts.
 */
import type { FileResult } from '../core/assemble.js';
import type { CacheKey, ResultCodec } from './cache-file.js';
import { isFileResult } from './cache-shape.js';

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `o` with its text taken out (when it has no translations) and its position without the file name. */
function leanOf(o: Loose, file: string, texts: string[]): Loose {
  const out: Loose = {};
  for (const k in o) {
    const v = o[k];
    if (k === 'text' && typeof v === 'string' && o.translations === undefined) {
      texts.push(v);
      out.text = 0;
    } else if (k === 'pos' && isObject(v) && v.file === file) out.pos = { line: v.line, column: v.column };
    else if (k === 'file' && v === file) out.file = 0;
    else out[k] = v;
  }
  return out;
}

function encode(result: FileResult): { lean: unknown; texts: string[] } {
  const texts: string[] = [];
  const file = result.path;
  const lean: Loose = { ...result };
  // Whatever the result holds is encoded (a result of another shape is dropped when read back, by its shape).
  if (isObject(result.initiative)) {
    const initiative = leanOf(result.initiative, file, texts);
    const notes: unknown = result.initiative.notes;
    if (Array.isArray(notes)) initiative.notes = notes.map((n: unknown) => (isObject(n) ? leanOf(n, file, texts) : n));
    lean.initiative = initiative;
  }
  if (isObject(result.noteFile) && isObject(result.noteFile.note)) lean.noteFile = { ...result.noteFile, note: leanOf(result.noteFile.note, file, texts) };
  return { lean, texts };
}

/** Puts back, in place, what `leanOf` took out; false when the texts run out. */
function restore(o: unknown, file: string, next: () => string | undefined): boolean {
  if (!isObject(o)) return true;
  if (o.text === 0) {
    const text = next();
    if (text === undefined) return false;
    o.text = text;
  }
  if (o.file === 0) o.file = file;
  const pos = o.pos;
  if (isObject(pos) && !('file' in pos)) o.pos = { file, line: pos.line, column: pos.column };
  return true;
}

function decode(lean: unknown, file: string, texts: readonly string[] | undefined): unknown {
  if (!isObject(lean)) return lean;
  let k = 0;
  const next = texts ? () => texts[k++] : () => '';
  const initiative = lean.initiative;
  if (isObject(initiative)) {
    if (!restore(initiative, file, next)) return undefined;
    if (Array.isArray(initiative.notes)) for (const n of initiative.notes) if (!restore(n, file, next)) return undefined;
  }
  const noteFile = lean.noteFile;
  if (isObject(noteFile) && !restore(noteFile.note, file, next)) return undefined;
  if (texts && k !== texts.length) return undefined;
  return lean;
}

export const planResultCodec: ResultCodec = {
  encode: (result) => encode(result as FileResult),
  decode,
};

/**
 * The result as commands that print no text hold it: without the texts the
 * lean part leaves out, and with one file name for all its positions.
 */
export function leanResult(result: FileResult): FileResult {
  return decode(encode(result).lean, result.path, undefined) as FileResult;
}

/** The cache key of a plan folder's files in the working tree ('plan') or in git revisions ('revisions'). */
export function planCacheKey(planDir: string, kind: 'plan' | 'revisions' = 'plan'): CacheKey<FileResult> {
  return { kind, planDir, isResult: isFileResult, codec: planResultCodec };
}
