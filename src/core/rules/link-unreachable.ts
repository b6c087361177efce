import { defineRule } from '../rule.js';

/** Checked by io/links.ts (csp validate --links). */
export const rule = defineRule({
  code: 'link-unreachable',
  severity: 'warning',
  stage: 'links',
  summary: 'a link cited by the plan does not answer (an HTTP error, no answer in time, no such host)',
  hint: 'open it in a browser; if the page moved, cite its new address (or an archived copy), if it is gone for good, another source',
});
