/**
 * zod schemas for what people write in plan files, and the translation of
 * zod issues into positioned diagnostics.
 */
import { z } from 'zod';
import { isCalendarDate, looksLikeIsoDate } from './dates.js';
import { DATE_PATTERN, DATE_PATTERN_HELP, dateProblem } from './input/dates.js';
import { LINK_PATTERN, LINK_PATTERN_HELP, notALink } from './input/links.js';
import { diagnostic, type Diagnostic, type RuleCode } from './diagnostics.js';
import type { ParsedFile, PathSegment } from './parse.js';
import { clip, didYouMean } from './text.js';
import { CADENCES, ID_MAX_LENGTH, ID_PATTERN, KINDS, PLAN_EVENT_KINDS, REPORT_LANGS, STATUSES, TRANSLATION_LANGS } from './vocabulary.js';

/** How to write a date in a plan file. */
const DATE_FORM_HINT = 'write the date as e.g. 2025-03-14';

// Checked, not trimmed: the value stays exactly as written. The `.meta()` calls say in
// JSON Schema what a refinement checks, so that editors check it too (csp schema).
const text = z
  .string()
  .refine((s) => /\S/.test(s), { params: { rule: 'blank' } })
  .meta({ pattern: '\\S', patternErrorMessage: 'This is empty: write the text, or remove the line if the field is optional.' });
const isoDate = z
  .string()
  .regex(DATE_PATTERN)
  // Only a well-formed date can be an impossible one; the regex reports the rest.
  .refine((s) => !looksLikeIsoDate(s) || isCalendarDate(s), { params: { rule: 'invalid-date' } })
  .meta({ format: 'date', patternErrorMessage: DATE_PATTERN_HELP });
// patternErrorMessage: what editors (VS Code's YAML extension) say instead of showing the regex.
const id = z
  .string()
  .max(ID_MAX_LENGTH)
  .regex(ID_PATTERN)
  .meta({ patternErrorMessage: 'Ids use lower-case letters, digits, dots and dashes and start with a letter, e.g. p2.10.' });
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .meta({ patternErrorMessage: 'Use lower-case letters, digits and dashes, e.g. human-rights or ca.' });
const link = z
  .string()
  .regex(LINK_PATTERN)
  .meta({ patternErrorMessage: LINK_PATTERN_HELP });
const pillarNumber = z.number().int().min(1).max(99);

const fingerprint = z
  .string()
  .regex(/^[0-9a-f]{8}$/)
  .meta({ patternErrorMessage: "8 hex digits, as 'csp validate' prints them." });

/** A translation of some text fields, with the fingerprints of the English each was made from. */
function translationsOf<const K extends string>(fields: readonly K[]) {
  const shape = Object.fromEntries(
    fields.map((f) => [f, text.optional().describe(`The ${f} in this language.`)]),
  ) as Record<K, z.ZodOptional<typeof text>>;
  const basis = Object.fromEntries(
    fields.map((f) => [f, fingerprint.optional().describe(`Fingerprint of the English ${f} this translates.`)]),
  ) as Record<K, z.ZodOptional<typeof fingerprint>>;
  const one = z.strictObject({
    ...shape,
    basis: z
      .strictObject(basis)
      .optional()
      .describe("Fingerprint of the English text each field translates (csp validate prints the current one); a mismatch means the English changed since."),
  });
  return z
    .partialRecord(z.enum(TRANSLATION_LANGS), one)
    .optional()
    .describe(`Translations by language (${TRANSLATION_LANGS.join(', ')}).`);
}

export const noteSchema = z.strictObject({
  date: isoDate.describe('The day the progress happened or was reported, YYYY-MM-DD.'),
  text: text.describe('What happened, in plain sentences.'),
  status: z.enum(STATUSES).optional().describe("The initiative's status from this date on."),
  side: slug.optional().describe('Who reports it: a party id from plan.yaml (e.g. ca, kr) or joint. Default joint.'),
  author: text.optional().describe('Who wrote the note (name, desk or department).'),
  lang: z
    .enum(REPORT_LANGS)
    .optional()
    .describe(`The language the note is written in (${REPORT_LANGS.join(', ')}); default en, the language of the plan. A report in another language marks it.`),
  links: z.array(link).optional().describe('Supporting documents: http(s) or mailto URLs.'),
  translations: translationsOf(['text']),
});

export const initiativeSchema = z.strictObject({
  id: id.describe('Stable identifier, also the file name: pillar prefix and number, e.g. p2.10.'),
  pillar: pillarNumber.describe('Number of the pillar the initiative is listed under (its folder).'),
  alsoListedUnder: z
    .array(pillarNumber)
    .optional()
    .describe('Other pillars whose list also names this same commitment.'),
  title: text.describe('A short label for tables and reports.'),
  text: text.describe('The commitment as the Action Plan words it, verbatim.'),
  kind: z.enum(KINDS).optional().describe('What the wording says: recurring, deliverable or exploratory.'),
  cadence: z.enum(CADENCES).optional().describe('How often a recurring initiative happens.'),
  themes: z.array(slug).optional().describe('Ids of thematic areas of its pillar (see plan.yaml).'),
  leads: z
    .record(slug, text)
    .optional()
    .describe('Lead department or agency per party id, e.g. ca: Global Affairs Canada.'),
  related: z.array(id).optional().describe('Ids of related initiatives.'),
  notes: z.array(noteSchema).default([]).describe('Dated progress notes, oldest first.'),
  translations: translationsOf(['title', 'text']),
});

const themeSchema = z.strictObject({
  id: slug.describe('Short kebab-case id, unique in the plan.'),
  title: text.describe('The heading of the thematic area.'),
  text: text.optional().describe('The descriptive paragraph, verbatim.'),
  translations: translationsOf(['title', 'text']),
});

const pillarSchema = z.strictObject({
  number: pillarNumber.describe('The pillar number, 1 to 99; its initiatives live in the folder pillar-N.'),
  title: text.describe('The pillar heading, verbatim.'),
  short: text.optional().describe('A short label for narrow tables.'),
  translations: translationsOf(['title', 'short']),
  themes: z.array(themeSchema).default([]).describe('The thematic areas of the pillar, in document order.'),
});

export const manifestSchema = z.strictObject({
  title: text.describe('Title of the action plan.'),
  partnership: text.describe('Name of the partnership.'),
  parties: z
    .array(
      z.strictObject({
        id: slug.describe('Short id used in notes and leads, e.g. ca.'),
        name: text.describe('The party as the plan names it, e.g. Canada.'),
      }),
    )
    .min(1)
    .describe('The parties to the partnership.'),
  adopted: z
    .strictObject({
      date: isoDate.describe('The day the plan was adopted, YYYY-MM-DD.'),
      place: text.optional().describe('Where it was adopted.'),
      by: text.optional().describe('Who adopted it.'),
    })
    .describe('When, where and by whom the plan was adopted.'),
  source: z
    .strictObject({
      title: text.describe('Title of the document the plan was taken from.'),
      file: text.optional().describe('A copy of that document in this repository, e.g. seeds/action-plan.txt.'),
      url: link.optional().describe('Where the document is published.'),
    })
    .describe('The document the plan was taken from.'),
  review: z
    .strictObject({
      cadence: z.enum(CADENCES).describe('How often implementation is reviewed.'),
      body: text.describe('Who reviews implementation.'),
      text: text.optional().describe('What the plan says about its review, verbatim.'),
    })
    .describe('How the plan is reviewed.'),
  background: text.optional().describe('The background paragraph(s) of the plan, verbatim.'),
  translations: translationsOf(['title', 'partnership']),
  baseline: z
    .strictObject({
      since: text.optional().describe('Since when achievements are counted, e.g. September 2022.'),
      text: text.optional().describe('What the plan says it builds on, verbatim.'),
      items: z.array(text).default([]).describe('The achievements, one per entry.'),
    })
    .optional()
    .describe('What the plan builds on.'),
  pillars: z.array(pillarSchema).min(1).describe('The pillars of the plan, each with its thematic areas.'),
  events: z
    .array(
      z.strictObject({
        date: isoDate.describe('The day it happened, YYYY-MM-DD.'),
        kind: z.enum(PLAN_EVENT_KINDS).describe(`What it was: ${PLAN_EVENT_KINDS.join(', ')}.`),
        text: text.describe('What happened, in plain sentences.'),
        side: slug.optional().describe('Who reports it: a party id or joint (the default).'),
        links: z.array(link).optional().describe('The sources: http(s) or mailto URLs.'),
      }),
    )
    .optional()
    .describe('Events that concern the plan as a whole rather than one initiative (leaders meetings, reviews, decisions to update the plan), oldest first.'),
  rules: z
    .strictObject({
      completedNeedsLink: z
        .boolean()
        .optional()
        .describe('A note that sets the status completed must cite a link (default false; the shipped plan sets it).'),
      notesNeedLink: z.boolean().optional().describe('Every note must cite a link: its source (default false).'),
    })
    .optional()
    .describe('Checks this plan asks of its notes, on top of the schema.'),
});

const reviewInitiativeSchema = z.strictObject({
  id: id.describe('The initiative id.'),
  pillar: pillarNumber.describe('The pillar it was listed under.'),
  alsoListedUnder: z.array(pillarNumber).optional().describe('Other pillars whose list also named it.'),
  title: text.describe('Its short label on the review date.'),
  text: text.describe('The commitment as worded on the review date.'),
  kind: z.enum(KINDS).optional().describe('recurring, deliverable or exploratory, as on the review date.'),
  cadence: z.enum(CADENCES).optional().describe('How often it recurs, as on the review date.'),
  themes: z.array(slug).optional().describe('Ids of its thematic areas on the review date.'),
  leads: z.record(slug, text).optional().describe('Lead department or agency per party id on the review date.'),
  related: z.array(id).optional().describe('Ids of related initiatives on the review date.'),
  status: z.enum(STATUSES).describe('Its status as of the review date, from its notes.'),
  statusSince: isoDate.optional().describe('Date of the note that set that status.'),
  sides: z
    .record(slug, z.enum(STATUSES))
    .optional()
    .describe("Each party's status as of the review date (its own or joint notes), for parties that had reported one."),
  noteCount: z.number().int().min(0).describe('How many notes it had on the review date.'),
  lastNote: isoDate.optional().describe('Date of its latest note on the review date.'),
});

/** A review file (plan/reviews/NAME.yaml): the plan frozen as of a date by `csp review create`. */
export const reviewSchema = z.strictObject({
  title: text.optional().describe('What the review is for, e.g. the Strategic Dialogue it was prepared for.'),
  date: isoDate.describe('The day the plan is frozen as of, YYYY-MM-DD.'),
  plan: text.describe('Title of the action plan on that day.'),
  pillars: z
    .array(
      z.strictObject({
        number: pillarNumber.describe('The pillar number.'),
        title: text.describe('The pillar heading on the review date.'),
        short: text.optional().describe('Its short label on the review date.'),
      }),
    )
    .min(1)
    .describe('The pillars of the plan on that day.'),
  initiatives: z.array(reviewInitiativeSchema).default([]).describe('Every initiative on that day, one list item each.'),
});

export type NoteInput = z.output<typeof noteSchema>;
export type InitiativeInput = z.output<typeof initiativeSchema>;
export type ManifestInput = z.output<typeof manifestSchema>;
export type ReviewInput = z.output<typeof reviewSchema>;

/** Checks a parsed file against a schema; returns the typed value only when it is valid. */
export function checkSchema<S extends z.ZodType>(
  parsed: ParsedFile,
  schema: S,
  /** The date of the note a problem at this path is in, if any (see Diagnostic.noteDate). */
  dateOfNote?: (path: PathSegment[]) => string | undefined,
): { value?: z.output<S>; diagnostics: Diagnostic[]; /** Where the problems are: each issue's path. */ issuePaths: PathSegment[][] } {
  const result = schema.safeParse(parsed.value);
  if (result.success) return { value: result.data, diagnostics: [], issuePaths: [] };
  const diagnostics = result.error.issues.flatMap((issue) => {
    const found = issueToDiagnostics(parsed, schema, issue);
    const noteDate = dateOfNote?.(issue.path as PathSegment[]);
    return noteDate === undefined ? found : found.map((d) => ({ ...d, noteDate }));
  });
  return { diagnostics, issuePaths: result.error.issues.map((i) => i.path as PathSegment[]) };
}

type Issue = z.core.$ZodIssue;

function issueToDiagnostics(parsed: ParsedFile, schema: z.ZodType, issue: Issue): Diagnostic[] {
  const path = issue.path as PathSegment[];
  const field = describePath(path);
  const actual = valueAt(parsed.value, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const known = objectKeysAt(schema, path);
        const suggestion = didYouMean(key, known);
        return diagnostic(
          parsed.locate([...path, key], 'key'),
          'unknown-field',
          `unknown field '${clip(key)}'${path.length ? ` in ${field}` : ''}`,
          suggestion ?? `allowed fields here: ${known.join(', ')}`,
        );
      });
    case 'invalid_type': {
      if (actual === undefined) {
        const parentPath = path.slice(0, -1);
        return [
          diagnostic(
            parsed.locate(parentPath, 'key'),
            'missing-field',
            `missing required field '${String(path[path.length - 1])}'${parentPath.length ? ` in ${describePath(parentPath)}` : ''}`,
            `add a line '${String(path[path.length - 1])}: …'`,
          ),
        ];
      }
      if (typeof actual === 'number' && !Number.isFinite(actual)) {
        return [diagnostic(parsed.locate(path), 'invalid-value', `${field} is not a usable number`, 'write a whole number, e.g. 1')];
      }
      const got = typeName(actual);
      const expected = issue.expected;
      let hint = `write ${article(expected)} here`;
      if (expected === 'string' && (typeof actual === 'number' || typeof actual === 'boolean')) {
        hint = `YAML reads this as ${got}; quote it to keep it as text, e.g. "${sourceTextAt(parsed, path)}"`;
      } else if (expected === 'string' && actual === null) {
        hint = 'fill in a value after the colon, or remove the line if the field is optional';
      } else if (expected === 'array') {
        hint = 'write a list: one "- item" line per entry, or [a, b] on one line';
      }
      return [diagnostic(parsed.locate(path), 'wrong-type', `${field} should be ${article(expected)}, not ${got}`, hint)];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const suggestion = typeof actual === 'string' ? didYouMean(actual, allowed) : undefined;
      return [
        diagnostic(
          parsed.locate(path),
          'invalid-value',
          `${field} is '${clip(String(actual))}', which is not one of: ${allowed.join(', ')}`,
          suggestion ?? `use one of: ${allowed.join(', ')}`,
        ),
      ];
    }
    case 'invalid_format':
      return [formatDiagnostic(parsed, path, field, actual)];
    case 'too_small':
    case 'too_big': {
      const rule: RuleCode = 'invalid-value';
      if (typeof actual === 'string') {
        if (issue.code === 'too_small') {
          return [diagnostic(parsed.locate(path), rule, `${field} is empty`, 'write the text, or remove the line if the field is optional')];
        }
        return [diagnostic(parsed.locate(path), rule, `${field} is too long (at most ${String(issue.maximum)} characters)`, 'shorten it')];
      }
      if (Array.isArray(actual)) {
        return [diagnostic(parsed.locate(path), rule, `${field} needs at least one entry`, 'add an entry')];
      }
      const count = path[path.length - 1] === 'noteCount';
      return [diagnostic(parsed.locate(path), rule, `${field} is out of range: ${issue.message}`, count ? 'use a whole number, 0 or more' : 'use a whole number from 1 to 99')];
    }
    case 'custom':
      if ((issue.params as { rule?: string } | undefined)?.rule === 'blank') {
        return [diagnostic(parsed.locate(path), 'invalid-value', `${field} is empty`, 'write the text, or remove the line if the field is optional')];
      }
      if ((issue.params as { rule?: string } | undefined)?.rule === 'invalid-date') {
        const problem = dateProblem(String(actual), `${field} '${clip(String(actual))}'`, DATE_FORM_HINT)!;
        return [diagnostic(parsed.locate(path), problem.rule, problem.message, problem.hint)];
      }
      return [diagnostic(parsed.locate(path), 'invalid-value', `${field}: ${issue.message}`)];
    default:
      return [diagnostic(parsed.locate(path), 'invalid-value', `${field}: ${issue.message}`)];
  }
}

function formatDiagnostic(parsed: ParsedFile, path: PathSegment[], field: string, actual: unknown): Diagnostic {
  const last = [...path].reverse().find((s) => typeof s === 'string');
  const shown = `'${clip(String(actual))}'`;
  const pos = parsed.locate(path);
  if (last === 'date' && typeof actual === 'string') {
    const problem = dateProblem(actual, `${field} ${shown}`, DATE_FORM_HINT) ?? { rule: 'invalid-format', message: `${field} ${shown} is not a date in YYYY-MM-DD form`, hint: DATE_FORM_HINT };
    return diagnostic(pos, problem.rule, problem.message, problem.hint);
  }
  if (last === 'id' || last === 'related') {
    return diagnostic(
      pos,
      'invalid-format',
      `${field} ${shown} is not a valid id`,
      'ids use lower-case letters, digits, dots and dashes and start with a letter, e.g. p2.10',
    );
  }
  if (last === 'links' || last === 'url') {
    const problem = notALink(`${field} ${shown}`);
    return diagnostic(pos, 'invalid-format', problem.message, problem.hint);
  }
  return diagnostic(
    pos,
    'invalid-format',
    `${field} ${shown} is not in the expected form`,
    'use lower-case letters, digits and dashes, e.g. human-rights',
  );
}

/** "notes[2].date" for people: "field 'date' of note 3". */
function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the file';
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const next = path[i + 1];
    if (typeof seg === 'string' && typeof next === 'number') {
      const singular = seg === 'notes' ? 'note' : seg.replace(/ies$/, 'y').replace(/s$/, '');
      parts.push(`${singular} ${next + 1}`);
      i++;
    } else parts.push(String(seg));
  }
  const last = parts.pop()!;
  return parts.length ? `'${last}' of ${parts.reverse().join(' of ')}` : `'${last}'`;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function sourceTextAt(parsed: ParsedFile, path: PathSegment[]): string {
  const pos = parsed.locate(path);
  const line = parsed.text.split('\n')[pos.line - 1] ?? '';
  const raw = line.slice(pos.column - 1).replace(/\s+#.*$/, '').replace(/\r$/, '').trim();
  return clip(raw.replace(/[,\]}]+$/, ''));
}

function typeName(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return `the number ${String(v)}`;
  if (typeof v === 'boolean') return `the value ${String(v)}`;
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

function article(t: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    array: 'a list',
    object: 'a mapping of fields',
    boolean: 'true or false',
  };
  return names[t] ?? t;
}

/** The field names an object schema allows at a path, for "did you mean". */
function objectKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    let cur = x;
    for (let guard = 0; guard < 10; guard++) {
      if (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault) cur = (cur as z.ZodOptional).unwrap();
      else break;
    }
    return cur;
  };
  for (const seg of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject && typeof seg === 'string') s = (s.shape as Record<string, unknown>)[seg];
    else if (s instanceof z.ZodArray && typeof seg === 'number') s = s.element;
    else return [];
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}
