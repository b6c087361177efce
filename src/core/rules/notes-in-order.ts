import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { inNoteFile, noteLabel } from '../model.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/**
 * A `notes` list in an initiative file is a history, oldest first (note files
 * are put in date order by csp); and no note is dated after today.
 */
export function notesInOrder(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const i of ctx.plan.initiatives) {
    const listed = i.notes.filter((n) => !inNoteFile(n)).sort((a, b) => a.index - b.index);
    for (let k = 1; k < listed.length; k++) {
      const prev = listed[k - 1]!;
      const note = listed[k]!;
      if (note.date < prev.date) {
        out.push(
          diagnostic(
            fieldPos(ctx, i.file, [...note.at, 'date']),
            'notes-out-of-order',
            `note ${note.index + 1} (${note.date}) is dated before note ${prev.index + 1} (${prev.date})`,
            'keep notes oldest first: move this note up, or correct its date',
          ),
        );
      }
    }
    if (ctx.today === undefined) continue;
    for (const note of i.notes) {
      if (note.date > ctx.today) {
        out.push({
          ...diagnostic(
            fieldPos(ctx, note.pos.file, [...note.at, 'date']),
            'note-in-future',
            `${noteLabel(note)} is dated ${note.date}, which is still in the future everywhere on earth (today is ${ctx.today} at the latest)`,
            'progress notes record what has happened; correct the date',
          ),
          noteDate: note.date,
        });
      }
    }
  }
  return out;
}
