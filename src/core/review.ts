/**
 * Review files: the plan frozen as of a date (plan/reviews/NAME.yaml), so
 * that each Strategic Dialogue's view stays on record. Building one from a
 * plan, writing it as readable YAML, and reading it back with positioned
 * diagnostics. Pure: the caller reads and writes the bytes.
 */
import { Document } from 'yaml';
import { compareStrings, diagnostic, type Diagnostic } from './diagnostics.js';
import type { RawFile } from './load.js';
import type { Plan } from './model.js';
import { runFilePipeline } from './load-file.js';
import type { ParsedFile } from './parse.js';
import { type ReviewInput, reviewSchema } from './schema.js';
import { checkSchema } from './schema-check.js';
import { partiesOf, type PlanSnapshot, snapshotInitiative, type SnapshotInitiative } from './snapshot.js';
import { compareNatural } from './text.js';
import { REVIEWS_DIR } from './vocabulary.js';
import { documentText } from './yaml-write.js';

export { REVIEWS_DIR } from './vocabulary.js';
const REVIEW_NAME_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const REVIEW_NAME_MAX_LENGTH = 60;
export const REVIEW_NAME_HELP = 'lower-case letters, digits, dots and dashes, e.g. dialogue-2025';

export function isReviewName(name: string): boolean {
  return name.length <= REVIEW_NAME_MAX_LENGTH && REVIEW_NAME_PATTERN.test(name);
}

/** Path of a review file relative to the repository root. */
export function reviewFilePath(planDir: string, name: string): string {
  const dir = planDir === '' || planDir === '.' ? REVIEWS_DIR : `${planDir}/${REVIEWS_DIR}`;
  return `${dir}/${name}.yaml`;
}

/** The review name a file path stands for, or undefined when the file name is not NAME.yaml with a valid name. */
function reviewNameOf(file: string): string | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (!base.endsWith('.yaml')) return undefined;
  const name = base.slice(0, -'.yaml'.length);
  return isReviewName(name) ? name : undefined;
}

export interface Review {
  name: string;
  /** Path relative to the repository root. */
  file: string;
  data: ReviewInput;
}

/** What a review of the plan as of `date` records. */
export function buildReview(plan: Plan, options: { date: string; title?: string }): ReviewInput {
  const initiatives = plan.initiatives
    .map((i) => snapshotInitiative(i, options.date, partiesOf(plan)))
    .sort((a, b) => compareNatural(a.id, b.id))
    // Key order here is the order in the file: what the initiative is, then where it stood.
    .map((s) => ({
      id: s.id,
      pillar: s.pillar,
      ...(s.alsoListedUnder.length ? { alsoListedUnder: s.alsoListedUnder } : {}),
      title: s.title,
      text: s.text,
      ...(s.kind !== undefined ? { kind: s.kind } : {}),
      ...(s.cadence !== undefined ? { cadence: s.cadence } : {}),
      ...(s.themes.length ? { themes: s.themes } : {}),
      ...(Object.keys(s.leads).length ? { leads: s.leads } : {}),
      ...(s.related.length ? { related: s.related } : {}),
      status: s.status,
      ...(s.statusSince !== undefined ? { statusSince: s.statusSince } : {}),
      ...(Object.keys(s.sides).length ? { sides: s.sides } : {}),
      noteCount: s.noteCount,
      ...(s.lastNote !== undefined ? { lastNote: s.lastNote } : {}),
    }));
  return {
    ...(options.title !== undefined ? { title: options.title } : {}),
    date: options.date,
    plan: plan.manifest.title,
    pillars: plan.pillars.map((p) => ({ number: p.number, title: p.title, ...(p.short !== undefined ? { short: p.short } : {}) })),
    initiatives,
  };
}

/** The review as a YAML file: block style, one initiative per list item, a schema modeline first. */
export function reviewToYaml(review: ReviewInput): string {
  const doc = new Document(review);
  doc.commentBefore = [
    ' yaml-language-server: $schema=../../schema/review.schema.json',
    ` The plan as of ${review.date}, frozen by 'csp review create'. Statuses come from the notes dated`,
    ' on or before that day. Do not edit: to record a later state, create another review.',
  ].join('\n');
  return documentText(doc, { lineWidth: 100, minContentWidth: 40, indentSeq: true });
}

/** Reads one review file: decoding, YAML, schema and its own consistency rules. */
export function loadReviewFile(raw: RawFile): { review?: Review; diagnostics: Diagnostic[]; source?: string } {
  const at = { file: raw.path, line: 1, column: 1 };
  if (raw.problem) {
    return {
      diagnostics: [
        raw.problem.kind === 'symlink'
          ? diagnostic(at, 'file-symlink', 'review files must be regular files; this symbolic link was not followed', 'replace the link with the file itself')
          : diagnostic(at, 'file-unreadable', `cannot read the file: ${raw.problem.detail}`, 'check the file permissions'),
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const name = reviewNameOf(raw.path);
  if (name === undefined) {
    diagnostics.push(
      diagnostic(
        at,
        'review-name',
        `'${raw.path.slice(raw.path.lastIndexOf('/') + 1)}' is not a review file name`,
        `review files are named NAME.yaml, NAME in ${REVIEW_NAME_HELP} (at most ${REVIEW_NAME_MAX_LENGTH} characters)`,
      ),
    );
  }
  const bytes = raw.bytes ?? new Uint8Array();
  // The per-file pipeline of plan files, with the review's schema and its own consistency rules.
  const run = runFilePipeline(raw.path, bytes, raw.size ?? bytes.length, (parsed) => {
    const checked = checkSchema(parsed, reviewSchema);
    return checked.value ? { value: checked.value, diagnostics: [...checked.diagnostics, ...reviewRules(checked.value, parsed)] } : { diagnostics: checked.diagnostics };
  });
  diagnostics.push(...run.diagnostics);
  if (run.text === undefined) return { diagnostics };
  const value = run.checked?.value;
  if (!value) return { diagnostics, source: run.text };
  const out: { review?: Review; diagnostics: Diagnostic[]; source?: string } = { diagnostics, source: run.text };
  if (name !== undefined) out.review = { name, file: raw.path, data: value };
  return out;
}

/** Every review file, with the diagnostics and source text of each. Reviews are sorted by date, then name. */
export function loadReviews(files: readonly RawFile[]): { reviews: Review[]; diagnostics: Diagnostic[]; sources: Map<string, string> } {
  const reviews: Review[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const raw of files) {
    const r = loadReviewFile(raw);
    diagnostics.push(...r.diagnostics);
    if (r.source !== undefined) sources.set(raw.path, r.source);
    if (r.review) reviews.push(r.review);
  }
  reviews.sort((a, b) => compareStrings(a.data.date, b.data.date) || compareNatural(a.name, b.name));
  return { reviews, diagnostics, sources };
}

/** What a review file says about itself must add up: dates on or before the review date, ids once, pillars listed. */
function reviewRules(r: ReviewInput, parsed: ParsedFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const inconsistent = (path: (string | number)[], message: string, hint: string) =>
    out.push(diagnostic(parsed.locate(path), 'review-inconsistent', message, hint));
  const pillars = new Set<number>();
  r.pillars.forEach((p, k) => {
    if (pillars.has(p.number)) inconsistent(['pillars', k, 'number'], `pillar ${p.number} is listed twice`, 'keep one entry per pillar');
    pillars.add(p.number);
  });
  const seen = new Map<string, number>();
  const regenerate = "review files are written by 'csp review create'; create the review again (--force) rather than editing it";
  r.initiatives.forEach((i, k) => {
    const first = seen.get(i.id);
    if (first !== undefined) {
      out.push(
        diagnostic(parsed.locate(['initiatives', k, 'id']), 'review-duplicate-id', `initiative '${i.id}' is listed twice (first as item ${first + 1})`, 'keep one entry per initiative'),
      );
    } else seen.set(i.id, k);
    for (const n of [i.pillar, ...(i.alsoListedUnder ?? [])]) {
      if (!pillars.has(n)) inconsistent(['initiatives', k, 'pillar'], `initiative '${i.id}' is listed under pillar ${n}, which the review does not list`, regenerate);
    }
    for (const field of ['statusSince', 'lastNote'] as const) {
      const d = i[field];
      if (d !== undefined && d > r.date) inconsistent(['initiatives', k, field], `'${field}' of '${i.id}' (${d}) is after the review date ${r.date}`, regenerate);
    }
    if (i.statusSince !== undefined && i.lastNote !== undefined && i.statusSince > i.lastNote) {
      inconsistent(['initiatives', k, 'statusSince'], `'${i.id}' has a status set on ${i.statusSince}, after its last note (${i.lastNote})`, regenerate);
    }
    if ((i.noteCount === 0) !== (i.lastNote === undefined)) {
      inconsistent(['initiatives', k, 'noteCount'], `'${i.id}' has noteCount ${i.noteCount} ${i.lastNote === undefined ? 'but no lastNote' : `but a lastNote (${i.lastNote})`}`, regenerate);
    }
    if (i.status !== 'not-started' && i.statusSince === undefined) {
      inconsistent(['initiatives', k, 'status'], `'${i.id}' is ${i.status} but has no statusSince (the date of the note that set it)`, regenerate);
    }
  });
  return out;
}

/** A review as a snapshot. It records note counts, not the notes (see attachNotes). */
export function snapshotOfReview(review: Review): PlanSnapshot {
  const d = review.data;
  const initiatives: SnapshotInitiative[] = d.initiatives.map((i) => {
    const s: SnapshotInitiative = {
      id: i.id,
      pillar: i.pillar,
      alsoListedUnder: i.alsoListedUnder ?? [],
      title: i.title,
      text: i.text,
      themes: i.themes ?? [],
      leads: i.leads ?? {},
      related: i.related ?? [],
      status: i.status,
      sides: i.sides ?? {},
      noteCount: i.noteCount,
    };
    if (i.kind !== undefined) s.kind = i.kind;
    if (i.cadence !== undefined) s.cadence = i.cadence;
    if (i.statusSince !== undefined) s.statusSince = i.statusSince;
    if (i.lastNote !== undefined) s.lastNote = i.lastNote;
    return s;
  });
  initiatives.sort((a, b) => compareNatural(a.id, b.id));
  return {
    source: { kind: 'review', name: review.name, date: d.date, ...(d.title !== undefined ? { title: d.title } : {}) },
    title: d.plan,
    asOf: d.date,
    pillars: d.pillars.map((p) => ({ number: p.number, title: p.title, ...(p.short !== undefined ? { short: p.short } : {}) })),
    initiatives,
  };
}
