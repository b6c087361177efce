import { defineRule, fieldPos, report } from '../rule.js';

/** An initiative is not related to itself. */
export const rule = defineRule({
  code: 'self-related',
  severity: 'error',
  stage: 'plan',
  summary: 'an initiative lists its own id under related',
  hint: 'remove it from related',
  check: (ctx) =>
    ctx.plan.initiatives.flatMap((i) =>
      i.related.flatMap((r, k) => (r === i.id ? [report(rule, fieldPos(ctx, i.file, ['related', k]), `'${r}' lists itself as related`)] : [])),
    ),
});
