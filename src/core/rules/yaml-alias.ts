import { defineRule } from '../rule.js';

/** Checked by core/parse.ts. */
export const rule = defineRule({
  code: 'yaml-alias',
  severity: 'error',
  stage: 'read',
  summary: 'a plan file uses a YAML anchor (&) or alias (*)',
  hint: 'write each value out in full; anchors (&) and aliases (*) are not supported',
});
