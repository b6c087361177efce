import type { Diagnostic } from '../diagnostics.js';
import { defineRule, fieldPos, report } from '../rule.js';

/** Theme ids in plan.yaml are each used once, across all pillars. */
export const rule = defineRule({
  code: 'duplicate-theme',
  severity: 'error',
  stage: 'plan',
  summary: 'plan.yaml uses a theme id twice',
  hint: 'give each thematic area its own id',
  check: (ctx) => {
    const file = ctx.plan.manifest.file;
    // Positions refer to the order written in the file, not the sorted model.
    const parsed = ctx.parsed.get(file)?.value as { pillars?: { themes?: { id?: unknown }[] }[] } | undefined;
    const seen = new Set<unknown>();
    const out: Diagnostic[] = [];
    (parsed?.pillars ?? []).forEach((p, pi) => {
      (p.themes ?? []).forEach((t, ti) => {
        if (seen.has(t.id)) out.push(report(rule, fieldPos(ctx, file, ['pillars', pi, 'themes', ti, 'id']), `theme id '${String(t.id)}' is used twice`));
        seen.add(t.id);
      });
    });
    return out;
  },
});
