import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'merge-conflict',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file holds an unresolved git merge-conflict marker',
  hint: 'finish the git merge: keep what both branches meant, then delete the three marker lines',
});
