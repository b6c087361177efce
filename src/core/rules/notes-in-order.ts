import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/** Notes are a history, oldest first, and none is dated after the day of the check. */
export function notesInOrder(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const i of ctx.plan.initiatives) {
    for (let k = 1; k < i.notes.length; k++) {
      const prev = i.notes[k - 1]!;
      const note = i.notes[k]!;
      if (note.date < prev.date) {
        out.push(
          diagnostic(
            fieldPos(ctx, i.file, ['notes', k, 'date']),
            'notes-out-of-order',
            `note ${k + 1} (${note.date}) is dated before note ${k} (${prev.date})`,
            'keep notes oldest first: move this note up, or correct its date',
          ),
        );
      }
    }
    if (ctx.asOf === undefined) continue;
    for (const note of i.notes) {
      if (note.date > ctx.asOf) {
        out.push(
          diagnostic(
            fieldPos(ctx, i.file, ['notes', note.index, 'date']),
            'note-in-future',
            `note ${note.index + 1} is dated ${note.date}, after ${ctx.asOf}`,
            'progress notes record what has happened; correct the date (or check --as-of)',
          ),
        );
      }
    }
  }
  return out;
}
