/**
 * Changes to the plan, checked before and after: the pure half of
 * `csp note` and `csp add`. Given the plan's files as read from disk, each
 * function returns the new bytes of one file, or why it will not make the
 * change. Nothing here writes; src/io/write.ts does, under a lock.
 */
import { MAX_FILE_BYTES } from './decode.js';
import { type Diagnostic } from './diagnostics.js';
import { appendNote, checkNoteEdit, newInitiativeFile, type NewInitiative, nextInitiativeId, type NoteToAdd, type Splice } from './edit.js';
import { joinPath, type LoadResult, loadPlan, MANIFEST_NAME, type PlanFiles } from './load.js';
import { pillarFolder } from './model.js';

export type Refusal =
  /** The file (or the manifest) has errors: the change is not attempted. */
  | { ok: false; kind: 'file-errors'; diagnostics: Diagnostic[]; sources: ReadonlyMap<string, string> }
  /** The file's layout does not allow the change. */
  | { ok: false; kind: 'cannot-edit'; message: string; hint: string }
  /** The changed file did not check out: a bug, and nothing is written. */
  | { ok: false; kind: 'check-failed'; message: string; diagnostics: Diagnostic[]; sources: ReadonlyMap<string, string> };

export interface PreparedNote {
  ok: true;
  file: string;
  before: string;
  after: string;
  bytes: Uint8Array;
  splice: Splice;
  /** Position of the new note in the file's list (0-based). */
  index: number;
  /** How many notes the file holds with the new one. */
  count: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

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
 * Adds a note to the initiative file `file` (relative to the repository
 * root). Refused when that file or the manifest has errors. Afterwards the
 * plan is loaded again with the new text: any new error, or a file that does
 * not read back as its old data plus the note, and nothing is returned to write.
 */
export function prepareNote(input: PlanFiles, file: string, note: NoteToAdd, asOf: string): PreparedNote | Refusal {
  const manifest = joinPath(input.planDir, MANIFEST_NAME);
  const before = loadPlan(input, { asOf });
  const blocking = errorsOf(before, [file, manifest]);
  const raw = input.files.find((f) => f.path === file);
  if (blocking.length > 0 || !raw?.bytes || !before.plan) {
    return { ok: false, kind: 'file-errors', diagnostics: blocking, sources: before.sources };
  }
  const original = decoder.decode(raw.bytes);
  const edit = appendNote(original, note);
  if (!edit.ok) return { ok: false, kind: 'cannot-edit', message: edit.message, hint: edit.hint };
  const bytes = new TextEncoder().encode(edit.text);
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      kind: 'cannot-edit',
      message: `with this note the file would be ${bytes.length} bytes, more than a plan file may hold (${MAX_FILE_BYTES} bytes, 1 MiB)`,
      hint: 'shorten the note, or move long texts out of the file and link to them with --link',
    };
  }
  const after = loadPlan(withFile(input, file, bytes), { asOf });
  const fresh = newErrors(before, after);
  if (fresh.length > 0) {
    return { ok: false, kind: 'check-failed', message: 'the changed file has errors', diagnostics: fresh, sources: after.sources };
  }
  const problem = checkNoteEdit(original, edit.text, edit, note);
  if (problem) return { ok: false, kind: 'check-failed', message: problem, diagnostics: [], sources: after.sources };
  const count = after.plan?.initiatives.find((i) => i.file === file)?.notes.length ?? edit.index + 1;
  return { ok: true, file, before: original, after: edit.text, bytes, splice: edit.splice, index: edit.index, count };
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
  asOf: string,
  taken: readonly string[] = [],
): PreparedInitiative | Refusal {
  const manifest = joinPath(input.planDir, MANIFEST_NAME);
  const before = loadPlan(input, { asOf });
  const blocking = errorsOf(before, [manifest]);
  if (blocking.length > 0 || !before.plan) return { ok: false, kind: 'file-errors', diagnostics: blocking, sources: before.sources };
  const names = [...before.plan.initiatives.map((i) => i.id), ...[...input.files.map((f) => f.path), ...taken].map((p) => p.slice(p.lastIndexOf('/') + 1))];
  const id = nextInitiativeId(fields.pillar, names);
  const file = joinPath(input.planDir, `${pillarFolder(fields.pillar)}/${id}.yaml`);
  const text = newInitiativeFile({ id, ...fields });
  const bytes = new TextEncoder().encode(text);
  const after = loadPlan(withFile(input, file, bytes), { asOf });
  const fresh = newErrors(before, after);
  if (fresh.length > 0) return { ok: false, kind: 'check-failed', message: 'the new file has errors', diagnostics: fresh, sources: after.sources };
  if (!after.plan?.initiatives.some((i) => i.id === id && i.file === file)) {
    return { ok: false, kind: 'check-failed', message: 'the new file does not read back as an initiative', diagnostics: [], sources: after.sources };
  }
  return { ok: true, id, file, text, bytes };
}
