import { defineRule } from '../rule.js';

/** Checked by core/schema.ts. */
export const rule = defineRule({
  code: 'invalid-value',
  severity: 'error',
  stage: 'schema',
  summary: 'a value is not one of the allowed values, is empty or is too long',
  hint: 'use one of the allowed values (see csp help format)',
});
