import { defineRule, fieldPos, report } from '../rule.js';
import { didYouMean } from '../text.js';

/** The related ids an initiative names are initiatives of the plan. */
export const rule = defineRule({
  code: 'unknown-related',
  severity: 'error',
  stage: 'plan',
  summary: 'an initiative lists a related id that is no initiative of the plan',
  hint: 'check the id with csp status',
  check: (ctx) => {
    const ids = new Set(ctx.plan.initiatives.map((i) => i.id));
    return ctx.plan.initiatives.flatMap((i) =>
      i.related.flatMap((r, k) =>
        r === i.id || ids.has(r)
          ? []
          : [report(rule, fieldPos(ctx, i.file, ['related', k]), `related id '${r}' is not an initiative of this plan`, didYouMean(r, ids) ?? rule.hint)],
      ),
    );
  },
});
