import { defineRule } from '../rule.js';

/** Checked by core/assemble.ts. */
export const rule = defineRule({
  code: 'note-misplaced',
  severity: 'error',
  stage: 'plan',
  summary: 'a note file is not in the folder of an initiative (plan/notes/ID/)',
  hint: 'move it into plan/notes/<initiative id>/, or record notes with \'csp note ID\'',
});
