import { defineRule } from '../rule.js';

/** Checked by core/schema.ts. */
export const rule = defineRule({
  code: 'unknown-field',
  severity: 'error',
  stage: 'schema',
  summary: 'a field is not one of the documented fields (often a misspelling)',
  hint: 'use one of the fields allowed there (see csp help format)',
});
