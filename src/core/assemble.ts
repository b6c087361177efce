/**
 * The second half of loading: per-file results → the Plan model → plan-wide
 * rules. It needs neither the YAML parser nor zod, so a plan can be put
 * together from results that were computed earlier (the cache) or elsewhere
 * (worker threads). The first half is load-file.ts; load.ts joins the two.
 */
import { compareDiagnostics, compareStrings, diagnostic, type Diagnostic, type SourcePos } from './diagnostics.js';
import type { Initiative, Manifest, Pillar, Plan, ProgressNote } from './model.js';
import { MANIFEST_NAME, NOTES_DIR, pillarFolder } from './model.js';
import type { PathSegment } from './parse.js';
import { PLAN_RULES, type RuleContext } from './rules/index.js';
import type { ManifestInput } from './schema.js';
import { compareNatural } from './text.js';

export { MANIFEST_NAME } from './model.js';

export interface RawFile {
  /** Relative to the repository root, forward slashes. */
  path: string;
  bytes?: Uint8Array;
  /** The file's size, when the reader loaded only its first bytes because it is too large to be a plan file. */
  size?: number;
  /** Set by the reader when the file could not be read as a regular file. */
  problem?: { kind: 'symlink' | 'unreadable'; detail: string };
  /**
   * A file of a git revision: its blob id. Listed without bytes, which the
   * loader reads from git when it needs them (see listPlanAtCommit).
   */
  gitObject?: string;
}

export interface PlanFiles {
  /** The plan folder relative to the repository root, e.g. "plan". */
  planDir: string;
  files: RawFile[];
}

export interface LoadOptions {
  /**
   * Today, as the plan-wide rules judge "in the future": notes dated after it
   * are errors. Callers pass the date in the time zone furthest ahead (see
   * io/clock.ts), so a note dated today anywhere on earth passes. Which day
   * the plan is evaluated as of is another matter, for the queries.
   */
  today?: string;
}

/** What the plan-wide rules see of a file: where things are written in it, and (for the manifest) its data. */
export interface FileView {
  file: string;
  /** The parsed data; present for the manifest. */
  value?: unknown;
  /** Where a value (or, with `key`, its key) starts; falls back to the nearest existing parent. */
  locate(path: readonly PathSegment[], part?: 'key' | 'value'): SourcePos;
}

export interface LoadResult {
  plan?: Plan;
  diagnostics: Diagnostic[];
  /** Decoded text of the files, for showing the offending line (at least of every file a diagnostic names). */
  sources: Map<string, string>;
  /** The parsed documents of the files decoded as text, by path (loadPlan only). */
  parsed?: Map<string, FileView>;
}

/**
 * One file, read, parsed and checked on its own: independent of every other
 * file, so it can be cached and computed in parallel. Plain data (it goes
 * through JSON and structured clone unchanged).
 */
export interface FileResult {
  path: string;
  /** The bytes decoded as text (so the file has a source and the plan-wide rules see it). */
  decoded: boolean;
  /** Reading, parsing and schema diagnostics of this file. */
  diagnostics: Diagnostic[];
  /** The manifest only: its parsed data, as written (the rules look at it). */
  value?: unknown;
  /** The manifest only, when it is valid. */
  manifest?: ManifestInput;
  /** An initiative file: what could be read of it (marked `incomplete` when that is not all). */
  initiative?: Initiative;
  /** A note file (notes/ID/NAME.yaml): the initiative id its folder names, and the note when it is valid. */
  noteFile?: { initiative?: string; note?: ProgressNote };
}

/** The result for a file that could not be read as a regular file. */
export function problemResult(path: string, problem: NonNullable<RawFile['problem']>): FileResult {
  const at = { file: path, line: 1, column: 1 };
  return {
    path,
    decoded: false,
    diagnostics: [
      problem.kind === 'symlink'
        ? diagnostic(
            at,
            'file-symlink',
            'this is a symbolic link; csp does not follow links in the plan folder',
            'replace the link with the file or folder itself: a link can lead out of the repository',
          )
        : diagnostic(at, 'file-unreadable', `cannot read the file: ${problem.detail}`, 'check the file permissions'),
    ],
  };
}

export function manifestPathOf(planDir: string): string {
  return joinPath(planDir, MANIFEST_NAME);
}

/**
 * The plan from per-file results, in any order. `view` gives the rules their
 * view of each decoded file. Diagnostics come sorted.
 */
export function assemblePlan(
  planDir: string,
  results: readonly FileResult[],
  options: LoadOptions,
  view: (result: FileResult) => FileView,
): { plan?: Plan; diagnostics: Diagnostic[]; parsed: Map<string, FileView> } {
  const diagnostics: Diagnostic[] = [];
  const parsed = new Map<string, FileView>();
  const manifestPath = manifestPathOf(planDir);
  const add = (r: FileResult) => {
    diagnostics.push(...r.diagnostics);
    if (r.decoded) parsed.set(r.path, view(r));
  };

  // Manifest first: the pillars it declares decide where initiatives belong.
  let manifest: Manifest | undefined;
  let pillars: Pillar[] = [];
  const manifestResult = results.find((r) => r.path === manifestPath);
  if (!manifestResult) {
    diagnostics.push(
      diagnostic(
        { file: manifestPath, line: 1, column: 1 },
        'manifest-missing',
        `the plan has no manifest ${manifestPath}`,
        "create it with 'csp init', or point --plan at the folder that holds plan.yaml",
      ),
    );
  } else {
    add(manifestResult);
    if (manifestResult.manifest) {
      const { pillars: rawPillars, ...rest } = manifestResult.manifest;
      manifest = { ...rest, file: manifestPath } as Manifest;
      pillars = rawPillars
        .map((p) => ({
          number: p.number,
          title: p.title,
          ...(p.short !== undefined ? { short: p.short } : {}),
          ...(p.translations !== undefined ? { translations: p.translations } : {}),
          folder: pillarFolder(p.number),
          themes: p.themes.map((t) => ({ ...t, pillar: p.number })),
        }))
        .sort((a, b) => a.number - b.number);
    }
  }

  const initiatives: Initiative[] = [];
  const noteResults: FileResult[] = [];
  const otherResults = results.filter((r) => r.path !== manifestPath).sort((a, b) => compareNatural(a.path, b.path));
  for (const r of otherResults) {
    add(r);
    // A copy: note files add to its notes, and results may be cached or reused.
    if (r.initiative) initiatives.push({ ...r.initiative, notes: [...r.initiative.notes] });
    if (r.noteFile) noteResults.push(r);
  }
  initiatives.sort((a, b) => compareNatural(a.id, b.id) || compareNatural(a.file, b.file));
  diagnostics.push(...attachNoteFiles(planDir, initiatives, noteResults));

  let plan: Plan | undefined;
  if (manifest) {
    plan = { manifest, pillars, initiatives };
    const ctx: RuleContext = { plan, planDir, parsed };
    if (options.today !== undefined) ctx.today = options.today;
    for (const rule of PLAN_RULES) diagnostics.push(...rule(ctx));
  }
  diagnostics.sort(compareDiagnostics);
  return plan ? { plan, diagnostics, parsed } : { diagnostics, parsed };
}

/**
 * Each note file's note joins the notes of the initiative its folder names;
 * an initiative's notes are then in date order (stable: the initiative file's
 * list first, in its order, then note files by name). A note file whose
 * folder names no initiative is an error; so is one that is not in a folder
 * of its own initiative, and a note file with errors marks its initiative
 * incomplete.
 */
function attachNoteFiles(planDir: string, initiatives: Initiative[], noteResults: readonly FileResult[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map<string, Initiative>();
  for (const i of initiatives) if (!byId.has(i.id)) byId.set(i.id, i);
  const byFolded = new Map([...byId.keys()].map((id) => [id.toLowerCase(), id]));
  for (const r of noteResults) {
    const at = { file: r.path, line: 1, column: 1 };
    const id = r.noteFile!.initiative;
    if (id === undefined) {
      out.push(
        diagnostic(
          at,
          'note-misplaced',
          `a note file must be in the folder of its initiative, ${joinPath(planDir, NOTES_DIR)}/ID/`,
          `move it into ${joinPath(planDir, NOTES_DIR)}/<initiative id>/ (e.g. ${joinPath(planDir, NOTES_DIR)}/p1.1/), or record notes with 'csp note ID'`,
        ),
      );
      continue;
    }
    const initiative = byId.get(id);
    if (!initiative) {
      const same = byFolded.get(id.toLowerCase());
      out.push(
        diagnostic(
          at,
          'note-unknown-initiative',
          `the folder ${id}/ of this note names no initiative of the plan`,
          same !== undefined ? `did you mean ${same}? rename the folder to ${joinPath(planDir, NOTES_DIR)}/${same}/` : "name the folder after the initiative's id, e.g. notes/p1.1/ ('csp status' lists the ids)",
        ),
      );
      continue;
    }
    if (r.noteFile!.note) initiative.notes.push(r.noteFile!.note);
    else initiative.incomplete = true;
  }
  for (const i of initiatives) {
    if (i.notes.some((n) => n.at.length === 0)) i.notes = sortNotes(i.notes);
  }
  return out;
}

/** Notes by date; on one day, the initiative file's list first (in its order), then note files by name. */
function sortNotes(notes: readonly ProgressNote[]): ProgressNote[] {
  const rank = (n: ProgressNote) => (n.at.length === 0 ? 1 : 0);
  return [...notes].sort(
    (a, b) => compareStrings(a.date, b.date) || rank(a) - rank(b) || (rank(a) === 0 ? a.index - b.index : compareStrings(a.pos.file, b.pos.file)),
  );
}

/** A position lookup a rule asked for, answered later (see `deferredViews`). */
export interface PositionRequest {
  file: string;
  path: readonly PathSegment[];
  part: 'key' | 'value';
}

/**
 * Views for results whose parsed documents are not at hand (they come from
 * the cache or another thread). A lookup answers a placeholder position whose
 * line is -(n+1) for request n; `resolvePositions` replaces the placeholders
 * that ended up in diagnostics, so only files with a plan-wide diagnostic
 * are ever parsed again.
 */
export function deferredViews(): { view: (r: FileResult) => FileView; requests: PositionRequest[] } {
  const requests: PositionRequest[] = [];
  const view = (r: FileResult): FileView => {
    const v: FileView = {
      file: r.path,
      locate: (path, part = 'value') => {
        requests.push({ file: r.path, path: [...path], part });
        return { file: r.path, line: -requests.length, column: 0 };
      },
    };
    if (r.value !== undefined) v.value = r.value;
    return v;
  };
  return { view, requests };
}

/** The requests whose placeholders appear in these diagnostics, by request number. */
export function pendingPositions(diagnostics: readonly Diagnostic[], requests: readonly PositionRequest[]): Map<number, PositionRequest> {
  const pending = new Map<number, PositionRequest>();
  for (const d of diagnostics) {
    if (d.line < 0) pending.set(-d.line - 1, requests[-d.line - 1]!);
  }
  return pending;
}

/** The diagnostics with placeholders replaced by the positions found, sorted again. */
export function resolvePositions(diagnostics: readonly Diagnostic[], found: ReadonlyMap<number, SourcePos>): Diagnostic[] {
  const out = diagnostics.map((d) => {
    if (d.line >= 0) return d;
    const pos = found.get(-d.line - 1);
    if (!pos) throw new Error(`no position for a diagnostic of ${d.file}`);
    return { ...d, line: pos.line, column: pos.column };
  });
  return out.sort(compareDiagnostics);
}

export function joinPath(dir: string, name: string): string {
  return dir === '' || dir === '.' ? name : `${dir}/${name}`;
}
