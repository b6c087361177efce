import { defineRule } from '../rule.js';

/** Checked by core/review.ts. */
export const rule = defineRule({
  code: 'review-duplicate-id',
  severity: 'error',
  stage: 'review',
  summary: 'a review file lists an initiative twice',
  hint: 'keep one entry per initiative',
});
