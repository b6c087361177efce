import type { Diagnostic } from '../diagnostics.js';
import { defineRule, fieldPos, report } from '../rule.js';

/** Pillar numbers in plan.yaml are each used once. */
export const rule = defineRule({
  code: 'duplicate-pillar',
  severity: 'error',
  stage: 'plan',
  summary: 'plan.yaml declares a pillar number twice',
  hint: 'number the pillars 1, 2, 3, … once each',
  check: (ctx) => {
    const file = ctx.plan.manifest.file;
    // Positions refer to the order written in the file, not the sorted model.
    const parsed = ctx.parsed.get(file)?.value as { pillars?: { number?: unknown }[] } | undefined;
    const seen = new Set<unknown>();
    const out: Diagnostic[] = [];
    (parsed?.pillars ?? []).forEach((p, pi) => {
      if (seen.has(p.number)) out.push(report(rule, fieldPos(ctx, file, ['pillars', pi, 'number']), `pillar ${String(p.number)} is declared twice`));
      seen.add(p.number);
    });
    return out;
  },
});
