import { defineRule, fieldPos, report } from '../rule.js';

/** Ids are pillar-prefixed (p2.10 is in pillar 2), so an id says where to look. */
export const rule = defineRule({
  code: 'id-pillar-prefix',
  severity: 'error',
  stage: 'plan',
  summary: "an initiative's id does not start with its pillar's prefix (pN.)",
  hint: 'ids are pillar-prefixed, e.g. p1.1; rename the id and its file',
  check: (ctx) =>
    ctx.plan.initiatives
      .filter((i) => !i.id.startsWith(`p${i.pillar}.`) && !i.id.startsWith(`p${i.pillar}-`))
      .map((i) =>
        report(
          rule,
          fieldPos(ctx, i.file, ['id']),
          `id '${i.id}' does not start with its pillar prefix 'p${i.pillar}.'`,
          `ids are pillar-prefixed, e.g. p${i.pillar}.1; rename the id and its file`,
        ),
      ),
});
