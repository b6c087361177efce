import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'not-a-mapping',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file holds a list or a single value instead of \'field: value\' lines',
  hint: 'start each top-level line with a field name, e.g. "id: p1.1"',
});
