import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'yaml-duplicate-key',
  severity: 'error',
  stage: 'read',
  summary: 'a field is written twice in the same mapping',
  hint: 'keep one of the two entries and delete the other',
});
