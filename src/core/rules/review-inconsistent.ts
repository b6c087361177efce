import { defineRule } from '../rule.js';

/** Checked by core/review.ts. */
export const rule = defineRule({
  code: 'review-inconsistent',
  severity: 'error',
  stage: 'review',
  summary: 'a review file contradicts itself (a pillar listed twice, an initiative under a pillar the review does not list, dates after the review, note counts that do not agree)',
  hint: "review files are written by 'csp review create'; create the review again (--force) rather than editing it",
});
