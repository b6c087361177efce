import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/** Each id names one initiative; a repeated id is reported at every later file. */
export function uniqueIds(ctx: RuleContext): Diagnostic[] {
  const first = new Map<string, string>();
  const out: Diagnostic[] = [];
  const byFile = [...ctx.plan.initiatives].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const i of byFile) {
    const seen = first.get(i.id);
    if (seen === undefined) {
      first.set(i.id, i.file);
      continue;
    }
    out.push(
      diagnostic(
        fieldPos(ctx, i.file, ['id']),
        'duplicate-id',
        `id '${i.id}' is already used by ${seen}`,
        "give this initiative the next free id of its pillar ('csp add' picks one) and rename the file to match",
      ),
    );
  }
  return out;
}
