import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/** A cadence only means something for a recurring initiative. */
export function cadenceNeedsRecurring(ctx: RuleContext): Diagnostic[] {
  return ctx.plan.initiatives
    .filter((i) => i.cadence !== undefined && i.kind !== 'recurring')
    .map((i) =>
      diagnostic(
        fieldPos(ctx, i.file, ['cadence']),
        'cadence-without-recurring',
        `cadence '${i.cadence}' is set but kind is ${i.kind === undefined ? 'not set' : `'${i.kind}'`}`,
        "set 'kind: recurring', or remove the cadence",
        'warning',
      ),
    );
}
