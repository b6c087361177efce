import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'yaml-syntax',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file is not valid YAML',
  hint: 'check indentation (spaces, not tabs), closing quotes and brackets, and put text containing ": " or " #" in double quotes',
});
