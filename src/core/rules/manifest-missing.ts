import { defineRule } from '../rule.js';

/** Checked by core/assemble.ts. */
export const rule = defineRule({
  code: 'manifest-missing',
  severity: 'error',
  stage: 'plan',
  summary: 'the plan folder has no plan.yaml',
  hint: 'create it with \'csp init\', or point --plan at the folder that holds plan.yaml',
});
