import { defineRule } from '../rule.js';

/** Checked by core/schema.ts. */
export const rule = defineRule({
  code: 'invalid-date',
  severity: 'error',
  stage: 'schema',
  summary: 'a date in YYYY-MM-DD form is no real calendar date (2025-02-30)',
  hint: 'check the day and month',
});
