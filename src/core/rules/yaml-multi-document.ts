import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'yaml-multi-document',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file holds several YAML documents (separated by \'---\')',
  hint: 'remove the \'---\' separator and merge the content, or move the second part into its own file',
});
