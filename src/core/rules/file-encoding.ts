import { defineRule } from '../rule.js';

/** Checked by core/decode.ts. */
export const rule = defineRule({
  code: 'file-encoding',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file is not UTF-8 text (UTF-16, NUL bytes, invalid UTF-8, control characters, lone CRs)',
  hint: 'save the file as UTF-8 in your editor; text pasted from another program may carry a legacy encoding',
});
