import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'empty-file',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file is empty or holds no fields',
  hint: 'fill it in, or delete the file',
});
