/**
 * The first half of loading: one file's bytes → decoded text → YAML document
 * → schema-checked value → model, with every diagnostic on the way, through
 * the one per-file pipeline (runFilePipeline, which review files use too).
 * Each file on its own, so files can be loaded in any order, in parallel, or
 * not at all when a cached result is still good. assemble.ts does the rest.
 *
 * A file with schema errors still gives what can be read of it: an
 * initiative whose note or optional field is wrong keeps everything else
 * (marked `incomplete`), so the plan-wide rules check it in the same run and
 * read-only commands can still show it.
 */
import { type FileResult, problemResult, type RawFile } from './assemble.js';
import type { Diagnostic } from './diagnostics.js';
import type { Initiative, ProgressNote } from './model.js';
import { noteFileInitiative, planFileKind } from './model.js';
import { isCalendarDate } from './dates.js';
import { decodeText } from './decode.js';
import { type ParsedFile, type PathSegment, parseYamlFile, parseYamlFileFast } from './parse.js';
import { initiativeSchema, type InitiativeInput, manifestSchema, type NoteInput, noteSchema } from './schema.js';
import { checkSchema } from './schema-check.js';
import { JOINT_SIDE } from './vocabulary.js';

export interface PipelineOptions {
  /** Try the fast path of parsing first (parse-fast.ts); off only to compare the two (tests). */
  fast?: boolean;
}

/** What the per-file pipeline made of a file's bytes. */
export interface PipelineResult<T> {
  /** The decoded text; absent when the bytes are not text a plan file may hold. */
  text?: string;
  /** Decoding, parsing and checking diagnostics, in that order. */
  diagnostics: Diagnostic[];
  /** The parsed document, when the bytes decoded. */
  parsed?: ParsedFile;
  /** What the check made of the data, when it parsed cleanly enough to be checked. */
  checked?: T;
}

/**
 * The one per-file pipeline, for plan files, review files and the files of
 * git revisions alike: bytes → text (decode.ts: size, encoding, control
 * characters) → guards and data (parse.ts) → `check` (the schema of the
 * file's kind and its own rules). Never throws.
 *
 * The fast path of parsing goes first: a file it reads and that passes the
 * check is done. Any other file (one the fast path refuses, or with a problem
 * anywhere) is read again by the full parser, so that every diagnostic and
 * its position is the full parser's.
 */
export function runFilePipeline<T extends { diagnostics: Diagnostic[] }>(
  path: string,
  bytes: Uint8Array,
  size: number,
  check: (parsed: ParsedFile) => T,
  options: PipelineOptions = {},
): PipelineResult<T> {
  const decoded = decodeText(path, bytes, size);
  const text = decoded.text;
  if (text === undefined) return { diagnostics: decoded.diagnostics };
  if (options.fast !== false) {
    const parsed = parseYamlFileFast(path, text);
    if (parsed) {
      const checked = check(parsed);
      if (checked.diagnostics.length === 0) return { text, diagnostics: [], parsed, checked };
    }
  }
  const parsed = parseYamlFile(path, text);
  if (parsed.value === undefined) return { text, diagnostics: parsed.diagnostics, parsed };
  const checked = check(parsed);
  return { text, diagnostics: [...parsed.diagnostics, ...checked.diagnostics], parsed, checked };
}

/** Loads one plan file; `manifestPath` says which file is the manifest (and so where the plan folder is). Never throws. */
export function loadFile(raw: RawFile, manifestPath: string, options: PipelineOptions = {}): { result: FileResult; parsed?: ParsedFile } {
  if (raw.problem) return { result: problemResult(raw.path, raw.problem) };
  const bytes = raw.bytes ?? new Uint8Array();
  const kind = planFileKind(pathInPlan(raw.path, manifestPath));
  const run = runFilePipeline(raw.path, bytes, raw.size ?? bytes.length, (parsed) => checkFile(raw.path, kind, manifestPath, parsed), options);
  if (run.text === undefined) return { result: { path: raw.path, decoded: false, diagnostics: run.diagnostics } };
  const result = run.checked ?? { path: raw.path, decoded: true, diagnostics: [] };
  result.diagnostics = run.diagnostics;
  return run.parsed ? { result, parsed: run.parsed } : { result };
}

/** A parsed file's data against the schema of its kind, and the model of it. */
function checkFile(path: string, kind: ReturnType<typeof planFileKind>, manifestPath: string, parsed: ParsedFile): FileResult {
  const result: FileResult = { path, decoded: true, diagnostics: [] };
  if (kind === 'manifest') {
    result.value = parsed.value;
    const checked = checkSchema(parsed, manifestSchema);
    result.diagnostics.push(...checked.diagnostics);
    if (checked.value) result.manifest = checked.value;
  } else if (kind === 'note') {
    const checked = checkSchema(parsed, noteSchema, () => readableDate(parsed.value));
    result.diagnostics.push(...checked.diagnostics);
    const initiative = noteFileInitiative(pathInPlan(path, manifestPath));
    result.noteFile = initiative === undefined ? {} : { initiative };
    if (checked.value) result.noteFile.note = toNote(checked.value, parsed, [], 0);
  } else {
    const checked = checkSchema(parsed, initiativeSchema, (at) =>
      at[0] === 'notes' && typeof at[1] === 'number' ? readableDate(noteAt(parsed.value, at[1])) : undefined,
    );
    result.diagnostics.push(...checked.diagnostics);
    if (checked.value) result.initiative = toInitiative(checked.value, parsed);
    else {
      const salvaged = salvageInitiative(parsed, checked.issuePaths);
      if (salvaged) result.initiative = salvaged;
    }
  }
  return result;
}

function noteAt(value: unknown, k: number): unknown {
  const notes = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).notes : undefined;
  return Array.isArray(notes) ? notes[k] : undefined;
}

/** The `date` of a note as written, when it is a real date. */
function readableDate(note: unknown): string | undefined {
  const d = note !== null && typeof note === 'object' ? (note as Record<string, unknown>).date : undefined;
  return typeof d === 'string' && isCalendarDate(d) ? d : undefined;
}

function pathInPlan(file: string, manifestPath: string): string {
  const slash = manifestPath.lastIndexOf('/');
  const planDir = slash < 0 ? '' : manifestPath.slice(0, slash + 1);
  return file.startsWith(planDir) ? file.slice(planDir.length) : file;
}

function toNote(n: NoteInput, parsed: ParsedFile, at: PathSegment[], index: number): ProgressNote {
  return {
    date: n.date,
    text: n.text,
    ...(n.status !== undefined ? { status: n.status } : {}),
    side: n.side ?? JOINT_SIDE,
    ...(n.author !== undefined ? { author: n.author } : {}),
    ...(n.lang !== undefined ? { lang: n.lang } : {}),
    links: n.links ?? [],
    ...(n.translations !== undefined ? { translations: n.translations } : {}),
    at,
    index,
    pos: parsed.locate(at),
  };
}

function toInitiative(v: InitiativeInput, parsed: ParsedFile, keptNotes?: readonly number[]): Initiative {
  const i: Initiative = {
    id: v.id,
    pillar: v.pillar,
    alsoListedUnder: v.alsoListedUnder ?? [],
    title: v.title,
    text: v.text,
    themes: v.themes ?? [],
    leads: v.leads ?? {},
    related: v.related ?? [],
    notes: v.notes.map((n, k) => {
      const index = keptNotes ? keptNotes[k]! : k;
      return toNote(n, parsed, ['notes', index], index);
    }),
    file: parsed.file,
    pos: parsed.locate(['id']),
  };
  if (v.kind !== undefined) i.kind = v.kind;
  if (v.translations !== undefined) i.translations = v.translations;
  if (v.cadence !== undefined) i.cadence = v.cadence;
  return i;
}

/**
 * What can be read of an initiative file with schema errors: the fields and
 * notes without a problem. A required field that cannot be read is taken
 * from the file's name (id), folder (pillar) or id (title), so the rest of
 * the file is still checked and shown; without an id or pillar to go on,
 * nothing is kept.
 */
function salvageInitiative(parsed: ParsedFile, issuePaths: readonly PathSegment[][]): Initiative | undefined {
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const shape = initiativeSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  const badFields = new Set(issuePaths.filter((p) => p.length > 0).map((p) => String(p[0])));
  const badNotes = new Set(issuePaths.filter((p) => p[0] === 'notes' && typeof p[1] === 'number').map((p) => p[1] as number));
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!Object.hasOwn(shape, key) || key === 'notes') continue;
    if (badFields.has(key)) continue;
    const r = shape[key]!.safeParse(v);
    if (r.success) kept[key] = r.data;
  }
  const name = parsed.file.slice(parsed.file.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  if (kept.id === undefined) {
    if (!shape.id!.safeParse(name).success) return undefined;
    kept.id = name;
  }
  if (kept.pillar === undefined) {
    const folder = /(?:^|\/)pillar-(\d{1,2})\/[^/]+$/.exec(parsed.file);
    if (!folder) return undefined;
    kept.pillar = Number(folder[1]);
  }
  kept.title ??= kept.id;
  kept.text ??= '';
  const notes: NoteInput[] = [];
  const keptNotes: number[] = [];
  const rawNotes = (value as Record<string, unknown>).notes;
  if (Array.isArray(rawNotes)) {
    rawNotes.forEach((n, k) => {
      if (badNotes.has(k)) return;
      const r = noteSchema.safeParse(n);
      if (r.success) {
        notes.push(r.data);
        keptNotes.push(k);
      }
    });
  }
  kept.notes = notes;
  const initiative = toInitiative(kept as InitiativeInput, parsed, keptNotes);
  initiative.incomplete = true;
  return initiative;
}

