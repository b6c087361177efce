import { defineRule } from '../rule.js';

/** Checked by core/schema.ts. */
export const rule = defineRule({
  code: 'missing-field',
  severity: 'error',
  stage: 'schema',
  summary: 'a required field is missing',
  hint: 'add a line \'FIELD: …\'',
});
