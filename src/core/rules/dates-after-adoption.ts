import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { noteLabel } from '../model.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/**
 * Progress is what happened after the plan was adopted: a note dated before
 * the adoption is most often a mistyped year (2015 for 2025). A warning, since
 * a note may record groundwork on purpose.
 */
export function datesAfterAdoption(ctx: RuleContext): Diagnostic[] {
  const adopted = ctx.plan.manifest.adopted.date;
  const out: Diagnostic[] = [];
  for (const i of ctx.plan.initiatives) {
    for (const note of i.notes) {
      if (note.date >= adopted) continue;
      out.push({
        ...diagnostic(
          fieldPos(ctx, note.pos.file, [...note.at, 'date']),
          'date-before-adoption',
          `${noteLabel(note)} is dated ${note.date}, before the plan was adopted on ${adopted}`,
          'check the year: progress notes record what happened after adoption (keep the date if the note is about groundwork on purpose)',
          'warning',
        ),
        noteDate: note.date,
      });
    }
  }
  return out;
}
