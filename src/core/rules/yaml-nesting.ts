import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'yaml-nesting',
  severity: 'error',
  stage: 'read',
  summary: 'values in a plan file are nested too deep',
  hint: 'plan files need only a few levels; check for unclosed [ or { brackets and for lines indented further than they should be',
});
