import { noteLabel } from '../model.js';
import { defineRule, fieldPos, report } from '../rule.js';

/** No note is dated after today, in the time zone furthest ahead. */
export const rule = defineRule({
  code: 'note-in-future',
  severity: 'error',
  stage: 'plan',
  summary: 'a progress note is dated after today (everywhere on earth)',
  hint: 'progress notes record what has happened; correct the date',
  check: (ctx) => {
    const today = ctx.today;
    if (today === undefined) return [];
    return ctx.plan.initiatives.flatMap((i) =>
      i.notes
        .filter((note) => note.date > today)
        .map((note) => ({
          ...report(
            rule,
            fieldPos(ctx, note.pos.file, [...note.at, 'date']),
            `${noteLabel(note)} is dated ${note.date}, which is still in the future everywhere on earth (today is ${today} at the latest)`,
          ),
          noteDate: note.date,
        })),
    );
  },
});
