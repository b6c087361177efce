/**
 * Changes to the plan, checked before and after: the pure half of
 * `csp note` and `csp add`. Given the plan's files as read from disk, each
 * function returns the new bytes of one file, or why it will not make the
 * change. Nothing here writes; src/io/write.ts does, under a lock.
 */
import { MAX_FILE_BYTES } from '../decode.js';
import { type Diagnostic } from '../diagnostics.js';
import { newInitiativeFile, type NewInitiative, nextInitiativeId } from './initiative-file.js';
import { noteFileName, noteFileText, type NoteToAdd, noteValue } from './note-file.js';
import { removeNotes } from './remove-notes.js';
import { jsonEqual } from '../snapshot.js';
import { fingerprint } from '../fingerprint.js';
import { parseYamlFile } from '../parse.js';
import { JOINT_SIDE } from '../vocabulary.js';
import { joinPath, type LoadResult, loadPlan, MANIFEST_NAME, type PlanFiles } from '../load.js';
import { NOTES_DIR, pillarFolder } from '../model.js';

export type Refusal =
  /** The file (or the manifest) has errors: the change is not attempted. */
  | { ok: false; kind: 'file-errors'; diagnostics: Diagnostic[]; sources: ReadonlyMap<string, string> }
  /** The file's layout does not allow the change. */
  | { ok: false; kind: 'cannot-edit'; message: string; hint: string }
  /** The change itself breaks a rule of the plan (an unknown side, a note without the source the plan asks for): refused. */
  | { ok: false; kind: 'rejected'; message: string; diagnostics: Diagnostic[]; sources: ReadonlyMap<string, string> }
  /** The changed file did not check out: a bug, and nothing is written. */
  | { ok: false; kind: 'check-failed'; message: string; diagnostics: Diagnostic[]; sources: ReadonlyMap<string, string> };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface PreparedNote {
  ok: true;
  /** The new note file. */
  file: string;
  /** The file of the initiative the note is about. */
  initiativeFile: string;
  text: string;
  bytes: Uint8Array;
  /** Position of the new note among the initiative's notes in date order (0-based). */
  index: number;
  /** How many notes the initiative has with the new one. */
  count: number;
}

function errorKey(d: Diagnostic): string {
  return `${d.file}\u0000${d.rule}\u0000${d.message}`;
}

function errorsOf(result: LoadResult, files: readonly string[]): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === 'error' && files.includes(d.file));
}

/** Errors after a change that were not there before. */
function newErrors(before: LoadResult, after: LoadResult): Diagnostic[] {
  const known = new Set(before.diagnostics.filter((d) => d.severity === 'error').map(errorKey));
  return after.diagnostics.filter((d) => d.severity === 'error' && !known.has(errorKey(d)));
}

function withFile(input: PlanFiles, path: string, bytes: Uint8Array): PlanFiles {
  const files = input.files.filter((f) => f.path !== path);
  files.push({ path, bytes });
  return { ...input, files };
}

/**
 * How a change sees the plan: as it is, and loaded again with one file
 * more. By default loadPlan over every file's bytes; io's loader gives the
 * same answers from the results it already has (io/plan-change.ts).
 */
export interface PlanLoads {
  readonly before: LoadResult;
  withFile(path: string, bytes: Uint8Array): LoadResult;
}

function loadsOf(input: PlanFiles, today: string): PlanLoads {
  return { before: loadPlan(input, { today }), withFile: (path, bytes) => loadPlan(withFile(input, path, bytes), { today }) };
}

/**
 * A note for the initiative `id`, as a new note file notes/ID/NAME.yaml (see
 * noteFileName): a file of its own, so that notes recorded on two branches
 * merge without a conflict. Refused when the initiative's file or the
 * manifest has errors, or a file of that name exists. Afterwards the plan is
 * loaded again with the new file: any new error, or a note that does not
 * read back as the one given, and nothing is returned to write.
 */
export function prepareNote(input: PlanFiles, id: string, note: NoteToAdd, today: string, loads: PlanLoads = loadsOf(input, today)): PreparedNote | Refusal {
  const manifest = joinPath(input.planDir, MANIFEST_NAME);
  const before = loads.before;
  const initiative = before.plan?.initiatives.find((i) => i.id === id);
  const blocking = errorsOf(before, initiative ? [initiative.file, manifest] : [manifest]);
  if (blocking.length > 0 || !before.plan || !initiative) {
    return { ok: false, kind: 'file-errors', diagnostics: blocking, sources: before.sources };
  }
  const text = noteFileText(note);
  const file = joinPath(input.planDir, `${NOTES_DIR}/${id}/${noteFileName(note, text, fingerprint)}`);
  if (input.files.some((f) => f.path.toLowerCase() === file.toLowerCase())) {
    return { ok: false, kind: 'cannot-edit', message: `the same note is already recorded in ${file}`, hint: "'csp show " + id + "' lists the notes; nothing was added" };
  }
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      kind: 'cannot-edit',
      message: `the note would make a file of ${bytes.length} bytes, more than a plan file may hold (${MAX_FILE_BYTES} bytes, 1 MiB)`,
      hint: 'shorten the note, or put the long text in a document and link to it with --link',
    };
  }
  const after = loads.withFile(file, bytes);
  const fresh = newErrors(before, after);
  if (fresh.length > 0) {
    return { ok: false, kind: 'rejected', message: 'the note breaks the rules of the plan', diagnostics: fresh, sources: after.sources };
  }
  const notes = after.plan?.initiatives.find((i) => i.id === id)?.notes ?? [];
  const index = notes.findIndex((n) => n.pos.file === file);
  const written = notes[index];
  if (!written || !jsonEqual(noteValue(note), noteValue({ ...written, side: note.side === undefined ? undefined : written.side } as NoteToAdd))) {
    return { ok: false, kind: 'check-failed', message: 'the new note file does not read back as the note given', diagnostics: [], sources: after.sources };
  }
  return { ok: true, file, initiativeFile: initiative.file, text, bytes, index, count: notes.length };
}

export interface PreparedInitiative {
  ok: true;
  id: string;
  file: string;
  text: string;
  bytes: Uint8Array;
}

/**
 * A new initiative file with the next free id of its pillar. `taken` holds
 * more names to avoid (files that appeared since the plan was read).
 * Refused when the manifest has errors; checked like a note afterwards.
 */
export function prepareInitiative(
  input: PlanFiles,
  fields: Omit<NewInitiative, 'id'>,
  today: string,
  taken: readonly string[] = [],
  loads: PlanLoads = loadsOf(input, today),
): PreparedInitiative | Refusal {
  const manifest = joinPath(input.planDir, MANIFEST_NAME);
  const before = loads.before;
  const blocking = errorsOf(before, [manifest]);
  if (blocking.length > 0 || !before.plan) return { ok: false, kind: 'file-errors', diagnostics: blocking, sources: before.sources };
  const names = [...before.plan.initiatives.map((i) => i.id), ...[...input.files.map((f) => f.path), ...taken].map((p) => p.slice(p.lastIndexOf('/') + 1))];
  const id = nextInitiativeId(fields.pillar, names);
  const file = joinPath(input.planDir, `${pillarFolder(fields.pillar)}/${id}.yaml`);
  const text = newInitiativeFile({ id, ...fields });
  const bytes = new TextEncoder().encode(text);
  const after = loads.withFile(file, bytes);
  const fresh = newErrors(before, after);
  if (fresh.length > 0) return { ok: false, kind: 'check-failed', message: 'the new file has errors', diagnostics: fresh, sources: after.sources };
  if (!after.plan?.initiatives.some((i) => i.id === id && i.file === file)) {
    return { ok: false, kind: 'check-failed', message: 'the new file does not read back as an initiative', diagnostics: [], sources: after.sources };
  }
  return { ok: true, id, file, text, bytes };
}

export interface NotesSplit {
  ok: true;
  /** New note files, by path. */
  created: { path: string; text: string; bytes: Uint8Array }[];
  /** Initiative files without their `notes` field. */
  changed: { path: string; before: string; after: string; bytes: Uint8Array; notes: number; /** The lines taken out. */ removed: string }[];
}

/**
 * `csp split-notes`: every note written in an initiative file's `notes` list
 * moves to a note file of its own (notes/ID/NAME.yaml), and the list leaves
 * the initiative file. Refused when the plan has errors. Checked afterwards:
 * the plan must load with the same diagnostics, every initiative with the
 * same notes, and each changed file must read back as its old data without
 * `notes` — else nothing is returned to write.
 */
export function prepareSplitNotes(input: PlanFiles, today: string): NotesSplit | Refusal {
  const before = loadPlan(input, { today });
  const blocking = before.diagnostics.filter((d) => d.severity === 'error');
  if (blocking.length > 0 || !before.plan) return { ok: false, kind: 'file-errors', diagnostics: blocking, sources: before.sources };
  const created: NotesSplit['created'] = [];
  const changed: NotesSplit['changed'] = [];
  const taken = new Set(input.files.map((f) => f.path.toLowerCase()));
  let files = input;
  for (const i of before.plan.initiatives) {
    const raw = input.files.find((f) => f.path === i.file);
    if (!raw?.bytes) continue;
    const original = decoder.decode(raw.bytes);
    const listed = i.notes.filter((n) => n.at.length > 0);
    const removal = removeNotes(original);
    if (!removal.ok) return { ok: false, kind: 'cannot-edit', message: `${i.file}: ${removal.message}`, hint: removal.hint };
    if (removal.removed === '') continue;
    for (const n of listed) {
      const note: NoteToAdd = {
        date: n.date,
        text: n.text,
        ...(n.status !== undefined ? { status: n.status } : {}),
        // A note without a side is joint: written only when it is not.
        ...(n.side !== JOINT_SIDE ? { side: n.side } : {}),
        ...(n.author !== undefined ? { author: n.author } : {}),
        links: n.links,
        ...(n.translations !== undefined ? { translations: n.translations } : {}),
      };
      const text = noteFileText(note);
      const path = joinPath(input.planDir, `${NOTES_DIR}/${i.id}/${noteFileName(note, text, fingerprint)}`);
      if (taken.has(path.toLowerCase())) continue; // the same note, already in a file of its own
      taken.add(path.toLowerCase());
      const bytes = new TextEncoder().encode(text);
      created.push({ path, text, bytes });
      files = withFile(files, path, bytes);
    }
    const bytes = new TextEncoder().encode(removal.text);
    changed.push({ path: i.file, before: original, after: removal.text, bytes, notes: listed.length, removed: removal.removed });
    files = withFile(files, i.file, bytes);
  }
  const after = loadPlan(files, { today });
  const fresh = newErrors(before, after);
  if (fresh.length > 0) return { ok: false, kind: 'check-failed', message: 'the plan would have new errors', diagnostics: fresh, sources: after.sources };
  const notesOf = (r: LoadResult) =>
    (r.plan?.initiatives ?? []).map((i) => [i.id, i.notes.map((n) => ({ ...noteValue({ ...n, side: n.side } as NoteToAdd) }))]);
  if (!jsonEqual(notesOf(before), notesOf(after))) {
    return { ok: false, kind: 'check-failed', message: 'the notes would not read back the same from their new files', diagnostics: [], sources: after.sources };
  }
  for (const c of changed) {
    const old = readBack(c.before);
    const now = readBack(c.after);
    if (old === undefined || now === undefined || !jsonEqual(now, withoutNotes(old))) {
      return { ok: false, kind: 'check-failed', message: `${c.path} would not read back as its old data without notes`, diagnostics: [], sources: after.sources };
    }
  }
  return { ok: true, created, changed };
}

function readBack(text: string): Record<string, unknown> | undefined {
  const parsed = parseYamlFile('split', text.startsWith('\uFEFF') ? text.slice(1) : text);
  return parsed.diagnostics.length === 0 && parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as Record<string, unknown>) : undefined;
}

function withoutNotes(value: Record<string, unknown>): Record<string, unknown> {
  const { notes: _notes, ...rest } = value;
  return rest;
}
