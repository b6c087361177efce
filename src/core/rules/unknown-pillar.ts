import type { Diagnostic } from '../diagnostics.js';
import { defineRule, fieldPos, report } from '../rule.js';

/** The pillars an initiative names (pillar, alsoListedUnder) are pillars of plan.yaml. */
export const rule = defineRule({
  code: 'unknown-pillar',
  severity: 'error',
  stage: 'plan',
  summary: 'an initiative names a pillar that plan.yaml does not declare',
  hint: 'use one of the pillar numbers of plan.yaml',
  check: (ctx) => {
    const pillarNumbers = new Set(ctx.plan.pillars.map((p) => p.number));
    const hint = `use one of: ${[...pillarNumbers].join(', ')}`;
    const out: Diagnostic[] = [];
    for (const i of ctx.plan.initiatives) {
      if (!pillarNumbers.has(i.pillar)) out.push(report(rule, fieldPos(ctx, i.file, ['pillar']), `pillar ${i.pillar} is not in plan.yaml`, hint));
      i.alsoListedUnder.forEach((p, k) => {
        if (!pillarNumbers.has(p)) out.push(report(rule, fieldPos(ctx, i.file, ['alsoListedUnder', k]), `pillar ${p} is not in plan.yaml`, hint));
      });
    }
    return out;
  },
});
