import { defineRule } from '../rule.js';

/** Checked by the reader (io/plan-files.ts), core/assemble.ts. */
export const rule = defineRule({
  code: 'file-unreadable',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file cannot be read as a regular file (permissions, a name that is not UTF-8, a device or FIFO)',
  hint: 'check the file permissions',
});
