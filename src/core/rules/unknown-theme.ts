import type { Diagnostic } from '../diagnostics.js';
import { pillarsOf } from '../model.js';
import { defineRule, fieldPos, report } from '../rule.js';
import { clip, didYouMean } from '../text.js';

/** The themes an initiative names are thematic areas of its pillars. */
export const rule = defineRule({
  code: 'unknown-theme',
  severity: 'error',
  stage: 'plan',
  summary: "an initiative names a theme that is not a thematic area of its pillars",
  hint: "use a theme id of the initiative's pillar in plan.yaml",
  check: (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of ctx.plan.initiatives) {
      const themeIds = ctx.plan.pillars.filter((p) => pillarsOf(i).includes(p.number)).flatMap((p) => p.themes.map((t) => t.id));
      i.themes.forEach((t, k) => {
        if (themeIds.includes(t)) return;
        out.push(
          report(
            rule,
            fieldPos(ctx, i.file, ['themes', k]),
            `theme '${clip(t)}' is not a thematic area of pillar ${pillarsOf(i).join(' or ')}`,
            didYouMean(t, themeIds) ?? `use one of: ${themeIds.join(', ') || '(this pillar has no themes)'}`,
          ),
        );
      });
    }
    return out;
  },
});
