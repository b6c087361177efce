/**
 * The shape a result read back from the load cache must have before the
 * loader, the rules and the renderers see it: checked all the way down, so
 * that a damaged or foreign line (`notes: [null]`) is dropped and the file
 * parsed again, never a crash. Without zod: a warm run must not load it.
 * Fields the checks do not name are let through (they are csp's own, from
 * the build that wrote the line); every field they name must have its type.
 * Written as plain loops: at 10,000 files a warm run checks 100,000 notes.
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
const oneOf = (values: readonly string[]): Check => {
  const set = new Set(values);
  return (v) => typeof v === 'string' && set.has(v);
};
const arrayOf =
  (item: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return false;
    for (let k = 0; k < v.length; k++) if (!item(v[k])) return false;
    return true;
  };
const recordOf =
  (value: Check): Check =>
  (v) => {
    if (!isObject(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
    for (const x of Object.values(v)) if (!value(x)) return false;
    return true;
  };
/** An object whose required fields pass their checks, and whose optional fields, when present, do. */
const shape = (required: Record<string, Check>, optional: Record<string, Check> = {}): Check => {
  const req = Object.entries(required);
  const opt = Object.entries(optional);
  return (v) => {
    if (!isObject(v)) return false;
    for (const [k, check] of req) if (!Object.hasOwn(v, k) || !check(v[k])) return false;
    for (const [k, check] of opt) {
      const x = v[k];
      if (x !== undefined && !check(x)) return false;
    }
    return true;
  };
};

const langs = new Set<string>(TRANSLATION_LANGS);
const basis = recordOf(str);
const translations: Check = (v) => {
  if (!isObject(v)) return false;
  for (const [lang, t] of Object.entries(v)) {
    if (!langs.has(lang) || !isObject(t)) return false;
    for (const [k, x] of Object.entries(t)) if (!(k === 'basis' ? basis(x) : str(x))) return false;
  }
  return true;
};

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

const fileResult = shape({ path: str, decoded: bool, diagnostics: arrayOf(diagnosticShape) }, { initiative, manifest, noteFile: shape({}, { initiative: str, note }) });

/** A plan file's result as the loader makes it. */
export const isFileResult = (v: unknown): v is FileResult => fileResult(v);

const reviewResult = shape({ path: str, decoded: bool, diagnostics: arrayOf(diagnosticShape) });

/** A review file's result (io/review-check.ts). */
export const isReviewResult = (v: unknown): v is { path: string; decoded: boolean; diagnostics: Diagnostic[] } => reviewResult(v);
