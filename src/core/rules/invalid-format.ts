import { defineRule } from '../rule.js';

/** Checked by core/schema.ts. */
export const rule = defineRule({
  code: 'invalid-format',
  severity: 'error',
  stage: 'schema',
  summary: 'a date, id, link or name is not in its expected form',
  hint: 'write dates as 2025-03-14, ids as p2.10, links starting with https://',
});
