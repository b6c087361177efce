import { defineRule } from '../rule.js';

/** Checked by core/assemble.ts. */
export const rule = defineRule({
  code: 'note-unknown-initiative',
  severity: 'error',
  stage: 'plan',
  summary: 'the folder of a note file names no initiative of the plan',
  hint: 'name the folder after the initiative\'s id, e.g. notes/p1.1/ (\'csp status\' lists the ids)',
});
