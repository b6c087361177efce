/**
 * Dates as people type them (`--date`, `--as-of`, FROM/TO) and as plan files
 * hold them: YYYY-MM-DD and a real calendar day. One message for each
 * mistake, wherever the date comes from. Pure.
 */
import { calendarDateProblem, isCalendarDate, looksLikeIsoDate } from '../dates.js';
import type { InputProblem } from './problem.js';

/** The form of a date (the JSON Schema's pattern): a calendar check follows (isCalendarDate). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** What editors say of a date not in that form (the JSON Schema's patternErrorMessage). */
export const DATE_PATTERN_HELP = 'Write the date as YYYY-MM-DD, e.g. 2025-03-14.';

export type DateProblem = InputProblem & { rule: 'invalid-format' | 'invalid-date' };

/**
 * Why `value` is not a date, or undefined when it is one. `shown` names it
 * in the message (e.g. "--date '2025-13-01'", already made safe to print);
 * `formHint` says how to write it where it was given (e.g. "e.g. --date 2025-03-14").
 */
export function dateProblem(value: string, shown: string, formHint: string): DateProblem | undefined {
  if (!looksLikeIsoDate(value)) return { rule: 'invalid-format', message: `${shown} is not a date in YYYY-MM-DD form`, hint: formHint };
  if (!isCalendarDate(value)) return { rule: 'invalid-date', message: `${shown} is not a real calendar date`, hint: calendarDateProblem(value) ?? 'check the day and month' };
  return undefined;
}
