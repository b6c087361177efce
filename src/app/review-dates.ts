/**
 * The dates of the reviews on record, read from their `date:` lines without the YAML parser
 * (core/review-dates.ts), so that status and validate stay on the warm path.
 */
import { type ReviewDate, reviewDates } from '../core/review-dates.js';
import type { PlanLocation } from '../io/plan-files.js';
import { readReviewFiles } from '../io/review-files.js';

/** The reviews' names and dates, in date order. */
export function reviewDatesOf(location: PlanLocation): ReviewDate[] {
  return reviewDates(readReviewFiles(location));
}
