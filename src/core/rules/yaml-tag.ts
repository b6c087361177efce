import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'yaml-tag',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file uses a YAML tag (!!str, !custom)',
  hint: 'remove the tag; to keep a value as text, put it in double quotes',
});
