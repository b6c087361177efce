/**
 * The shape a result read back from the load cache must have before the
 * loader, the rules and the renderers see it: checked all the way down, so
 * that a damaged or foreign line (`notes: [null]`) is dropped and the file
 * parsed again, never a crash. Without zod: a warm run must not load it.
 * Fields the checks do not name are let through (they are csp's own, from
 * the build that wrote the line); every field they name must have its type.
 */
import type { FileResult } from '../core/assemble.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { RULE_CODES } from '../core/diagnostics.js';
import { CADENCES, KINDS, PLAN_EVENT_KINDS, STATUSES, TRANSLATION_LANGS } from '../core/vocabulary.js';

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const int: Check = (v) => typeof v === 'number' && Number.isInteger(v);
const bool: Check = (v) => typeof v === 'boolean';
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const arrayOf =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(item);
const recordOf =
  (value: Check): Check =>
  (v) =>
    isObject(v) && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(value);
/** An object whose required fields pass their checks, and whose optional fields, when present, do. */
const shape =
  (required: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (v) =>
    isObject(v) &&
    Object.entries(required).every(([k, check]) => Object.hasOwn(v, k) && check(v[k])) &&
    Object.entries(optional).every(([k, check]) => v[k] === undefined || check(v[k]));

const translations: Check = (v) =>
  isObject(v) &&
  Object.entries(v).every(([lang, t]) => (TRANSLATION_LANGS as readonly string[]).includes(lang) && isObject(t) && Object.entries(t).every(([k, x]) => (k === 'basis' ? recordOf(str)(x) : str(x))));

const pos = shape({ file: str, line: int, column: int });

const diagnosticShape: Check = shape(
  { file: str, line: int, column: int, severity: oneOf(['error', 'warning']), rule: oneOf(RULE_CODES), message: str },
  { hint: str, noteDate: str },
);

const note = shape(
  { date: str, text: str, side: str, links: arrayOf(str), at: arrayOf((v) => str(v) || int(v)), index: int, pos },
  { status: oneOf(STATUSES), author: str, translations },
);

const initiative = shape(
  {
    id: str,
    pillar: int,
    alsoListedUnder: arrayOf(int),
    title: str,
    text: str,
    themes: arrayOf(str),
    leads: recordOf(str),
    related: arrayOf(str),
    notes: arrayOf(note),
    file: str,
    pos,
  },
  { kind: oneOf(KINDS), cadence: oneOf(CADENCES), translations, incomplete: (v) => v === true },
);

const theme = shape({ id: str, title: str }, { text: str, translations });
const pillar = shape({ number: int, title: str, themes: arrayOf(theme) }, { short: str, translations });

const manifest = shape(
  {
    title: str,
    partnership: str,
    parties: arrayOf(shape({ id: str, name: str })),
    adopted: shape({ date: str }, { place: str, by: str }),
    source: shape({ title: str }, { file: str, url: str }),
    review: shape({ cadence: oneOf(CADENCES), body: str }, { text: str }),
    pillars: arrayOf(pillar),
  },
  {
    background: str,
    translations,
    baseline: shape({}, { since: str, text: str, items: arrayOf(str) }),
    events: arrayOf(shape({ date: str, kind: oneOf(PLAN_EVENT_KINDS), text: str }, { side: str, links: arrayOf(str) })),
    rules: shape({}, { completedNeedsLink: bool, notesNeedLink: bool }),
  },
);

/** A plan file's result as the loader makes it. */
export const isFileResult = (v: unknown): v is FileResult =>
  shape({ path: str, decoded: bool, diagnostics: arrayOf(diagnosticShape) }, { initiative, manifest, noteFile: shape({}, { initiative: str, note }) })(v);

/** A review file's result (io/review-check.ts). */
export const isReviewResult = (v: unknown): v is { path: string; decoded: boolean; diagnostics: Diagnostic[] } =>
  shape({ path: str, decoded: bool, diagnostics: arrayOf(diagnosticShape) })(v);
