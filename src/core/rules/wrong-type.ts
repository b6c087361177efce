import { defineRule } from '../rule.js';

/** Checked by core/schema.ts. */
export const rule = defineRule({
  code: 'wrong-type',
  severity: 'error',
  stage: 'schema',
  summary: 'a value has the wrong type (text where a list is expected, a number where text is expected)',
  hint: 'write a value of the documented type; quote text that YAML would read as a number or a boolean',
});
