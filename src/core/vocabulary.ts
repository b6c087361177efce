/**
 * The plan's fixed vocabularies. Kept apart from the zod schemas so that
 * renderers and the CLI can use them without loading zod.
 */

/** What an initiative's progress notes may say about it, in the order a dashboard lists them. */
export const STATUSES = ['not-started', 'in-progress', 'ongoing', 'at-risk', 'completed', 'discontinued'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_MEANINGS: Record<Status, string> = {
  'not-started': 'no work reported yet (the status of an initiative without status notes)',
  'in-progress': 'work under way toward a defined result',
  ongoing: 'a recurring or continuing commitment that is being carried out as planned',
  'at-risk': 'delayed, blocked or in doubt; needs attention',
  completed: 'the commitment has been delivered',
  discontinued: 'the sides decided not to pursue it further',
};

/** Statuses after which an initiative needs no further updates. */
export const CLOSED_STATUSES: readonly Status[] = ['completed', 'discontinued'];

/** What the wording of a commitment says about its shape. */
export const KINDS = ['recurring', 'deliverable', 'exploratory'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_MEANINGS: Record<Kind, string> = {
  recurring: 'held or done again and again ("Annually hold…", "Convene regular…", "Continue…")',
  deliverable: 'a one-off result ("Conclude…", "Sign…")',
  exploratory: 'looking into an option ("Explore…", "Consider…")',
};

/** How often a recurring initiative happens. Only some have a fixed period. */
export const CADENCES = ['annual', 'semiannual', 'quarterly', 'monthly', 'regular', 'continuing'] as const;
export type Cadence = (typeof CADENCES)[number];

/** What each cadence means; with a fixed period (CADENCE_MONTHS) an initiative is overdue once a period passes without a note. */
export const CADENCE_MEANINGS: Record<Cadence, string> = {
  annual: 'once a year',
  semiannual: 'twice a year',
  quarterly: 'four times a year',
  monthly: 'every month',
  regular: 'at regular intervals the plan does not fix (never overdue)',
  continuing: 'carried on without a set period (never overdue)',
};

/** Months between occurrences, for cadences that have a fixed period. */
export const CADENCE_MONTHS: Partial<Record<Cadence, number>> = {
  annual: 12,
  semiannual: 6,
  quarterly: 3,
  monthly: 1,
};

/** A note's side: a party id from the manifest, or a joint statement of both. */
export const JOINT_SIDE = 'joint';

export const ID_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
export const ID_MAX_LENGTH = 40;

/** Languages a plan's text may be translated into (the plan itself is written in English). */
export const TRANSLATION_LANGS = ['fr', 'ko'] as const;
export type TranslationLang = (typeof TRANSLATION_LANGS)[number];
export const REPORT_LANGS = ['en', ...TRANSLATION_LANGS] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** The folder under the plan folder that holds review files (plan/reviews/NAME.yaml). */
export const REVIEWS_DIR = 'reviews';

/** What an event of the plan as a whole was (manifest `events`). */
export const PLAN_EVENT_KINDS = ['leaders', 'ministerial', 'officials', 'review', 'decision', 'agreement'] as const;
export type PlanEventKind = (typeof PLAN_EVENT_KINDS)[number];

export const PLAN_EVENT_KIND_LABELS: Record<PlanEventKind, string> = {
  leaders: 'leaders',
  ministerial: 'ministers',
  officials: 'senior officials',
  review: 'review',
  decision: 'decision',
  agreement: 'agreement',
};
