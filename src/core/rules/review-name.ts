import { defineRule } from '../rule.js';

/** Checked by core/review.ts. */
export const rule = defineRule({
  code: 'review-name',
  severity: 'error',
  stage: 'review',
  summary: 'a review file is not named NAME.yaml with a valid NAME',
  hint: 'rename the file: review names use lower-case letters, digits, dots and dashes, e.g. dialogue-2025',
});
