import type { Diagnostic } from '../diagnostics.js';
import { defineRule, fieldPos, report } from '../rule.js';

/** Each id names one initiative; a repeated id is reported at every later file. */
export const rule = defineRule({
  code: 'duplicate-id',
  severity: 'error',
  stage: 'plan',
  summary: 'two initiative files have the same id',
  hint: "give this initiative the next free id of its pillar ('csp add' picks one) and rename the file to match",
  check: (ctx) => {
    const first = new Map<string, string>();
    const out: Diagnostic[] = [];
    const byFile = [...ctx.plan.initiatives].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const i of byFile) {
      const seen = first.get(i.id);
      if (seen === undefined) first.set(i.id, i.file);
      else out.push(report(rule, fieldPos(ctx, i.file, ['id']), `id '${i.id}' is already used by ${seen}`));
    }
    return out;
  },
});
