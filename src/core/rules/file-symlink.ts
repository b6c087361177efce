import { defineRule } from '../rule.js';

/** Checked by the reader (io/plan-files.ts), core/assemble.ts. */
export const rule = defineRule({
  code: 'file-symlink',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file or folder is a symbolic link, which csp does not follow',
  hint: 'replace the link with the file or folder itself: a link can lead out of the repository',
});
