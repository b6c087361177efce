/**
 * Review files (plan/reviews/NAME.yaml): the plan frozen as of a date and written as a
 * review that must read back as itself; the reviews on record, for listing. (Their dates
 * alone, for status and validate, come from review-dates.ts without the YAML parser.)
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { buildReview, loadReviewFile, loadReviews, type Review, reviewFilePath, reviewToYaml } from '../core/review.js';
import type { ReviewInput } from '../core/schema.js';
import { dataError } from '../errors.js';
import { assertGitAllowsWrite } from '../io/git-state.js';
import { readReviewFiles, writeReviewFile } from '../io/review-files.js';
import { locatePlan, requireCleanPlan } from './repository.js';
import type { Scope } from './scope.js';

/**
 * Freezes the plan (which must have no errors) as of `date` into review `name`; refused
 * when the review exists unless `force`, and while git is merging, rebasing… (exit 3).
 */
export async function createReview(scope: Scope, name: string, wanted: { date: string; title?: string; force: boolean }): Promise<{ data: ReviewInput; file: string }> {
  const { plan, loaded } = await requireCleanPlan(scope);
  const data = buildReview(plan, { date: wanted.date, ...(wanted.title !== undefined ? { title: wanted.title } : {}) });
  const text = reviewToYaml(data);
  // What is written must read back as the same valid review.
  const check = loadReviewFile({ path: reviewFilePath('plan', name), bytes: new TextEncoder().encode(text) });
  if (check.diagnostics.length || JSON.stringify(check.review?.data) !== JSON.stringify(data)) {
    throw new Error(`the review file csp wrote does not read back (${check.diagnostics.map((d) => d.message).join('; ')})`);
  }
  assertGitAllowsWrite(loaded.location.root);
  const { result, file } = await writeReviewFile(loaded.location, name, text, wanted.force);
  if (result === 'exists') throw dataError(`review '${name}' already exists (${file})`, 'choose another name, or pass --force to replace it');
  return { data, file };
}

/** Every review file of the plan, read and checked: the reviews that load, and the others' diagnostics. */
export function reviewsOnRecord(scope: Pick<Scope, 'options' | 'env' | 'cwd'>): { reviews: Review[]; diagnostics: Diagnostic[]; sources: Map<string, string> } {
  return loadReviews(readReviewFiles(locatePlan(scope)));
}
