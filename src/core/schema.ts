/**
 * zod schemas for what people write in plan files (schema-check.ts turns
 * their issues into positioned diagnostics; json-schema.ts writes them out
 * for editors).
 */
import { z } from 'zod';
import { isCalendarDate, looksLikeIsoDate } from './dates.js';
import { DATE_PATTERN, DATE_PATTERN_HELP } from './input/dates.js';
import { LINK_PATTERN, LINK_PATTERN_HELP } from './input/links.js';
import { CADENCES, ID_MAX_LENGTH, ID_PATTERN, KINDS, PLAN_EVENT_KINDS, REPORT_LANGS, STATUSES, TRANSLATION_LANGS } from './vocabulary.js';

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
