import { defineRule, fieldPos, report } from '../rule.js';

/** A cadence only means something for a recurring initiative. */
export const rule = defineRule({
  code: 'cadence-without-recurring',
  severity: 'warning',
  stage: 'plan',
  summary: 'a cadence is set on an initiative whose kind is not recurring',
  hint: "set 'kind: recurring', or remove the cadence",
  check: (ctx) =>
    ctx.plan.initiatives
      .filter((i) => i.cadence !== undefined && i.kind !== 'recurring')
      .map((i) =>
        report(
          rule,
          fieldPos(ctx, i.file, ['cadence']),
          `cadence '${i.cadence}' is set but kind is ${i.kind === undefined ? 'not set' : `'${i.kind}'`}`,
        ),
      ),
});
