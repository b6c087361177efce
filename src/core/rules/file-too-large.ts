import { defineRule } from '../rule.js';

/** Checked by core/decode.ts. */
export const rule = defineRule({
  code: 'file-too-large',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file is larger than 1 MiB',
  hint: 'split the content or move long material to a linked document',
});
