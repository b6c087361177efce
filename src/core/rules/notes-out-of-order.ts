import type { Diagnostic } from '../diagnostics.js';
import { inNoteFile } from '../model.js';
import { defineRule, fieldPos, report } from '../rule.js';

/** A `notes` list in an initiative file is a history, oldest first (note files are put in date order by csp). */
export const rule = defineRule({
  code: 'notes-out-of-order',
  severity: 'error',
  stage: 'plan',
  summary: "a note in an initiative file's notes list is dated before the note above it",
  hint: 'keep notes oldest first: move this note up, or correct its date',
  check: (ctx) => {
    const out: Diagnostic[] = [];
    for (const i of ctx.plan.initiatives) {
      const listed = i.notes.filter((n) => !inNoteFile(n)).sort((a, b) => a.index - b.index);
      for (let k = 1; k < listed.length; k++) {
        const prev = listed[k - 1]!;
        const note = listed[k]!;
        if (note.date < prev.date) {
          out.push(
            report(rule, fieldPos(ctx, i.file, [...note.at, 'date']), `note ${note.index + 1} (${note.date}) is dated before note ${prev.index + 1} (${prev.date})`),
          );
        }
      }
    }
    return out;
  },
});
