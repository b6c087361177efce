import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'yaml-key-type',
  severity: 'error',
  stage: 'read',
  summary: 'a key is not text (a number, a list, __proto__)',
  hint: 'use one of the documented field names (see csp help format)',
});
