import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/** Pillar numbers and theme ids in plan.yaml are each used once. */
export function manifestUnique(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = ctx.plan.manifest.file;
  // Positions refer to the order written in the file, not the sorted model.
  const parsed = ctx.parsed.get(file)?.value as { pillars?: { number?: unknown; themes?: { id?: unknown }[] }[] } | undefined;
  const seenPillars = new Set<unknown>();
  const seenThemes = new Set<unknown>();
  (parsed?.pillars ?? []).forEach((p, pi) => {
    if (seenPillars.has(p.number)) {
      out.push(
        diagnostic(fieldPos(ctx, file, ['pillars', pi, 'number']), 'duplicate-pillar', `pillar ${String(p.number)} is declared twice`, 'number the pillars 1, 2, 3, … once each'),
      );
    }
    seenPillars.add(p.number);
    (p.themes ?? []).forEach((t, ti) => {
      if (seenThemes.has(t.id)) {
        out.push(
          diagnostic(
            fieldPos(ctx, file, ['pillars', pi, 'themes', ti, 'id']),
            'duplicate-theme',
            `theme id '${String(t.id)}' is used twice`,
            'give each thematic area its own id',
          ),
        );
      }
      seenThemes.add(t.id);
    });
  });
  return out;
}
