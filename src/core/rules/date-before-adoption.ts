import { noteLabel } from '../model.js';
import { defineRule, fieldPos, report } from '../rule.js';

/**
 * Progress is what happened after the plan was adopted: a note dated before
 * the adoption is most often a mistyped year (2015 for 2025). A warning, since
 * a note may record groundwork on purpose. (core/review-dates.ts says the same
 * of a review's date.)
 */
export const rule = defineRule({
  code: 'date-before-adoption',
  severity: 'warning',
  stage: 'plan',
  summary: 'a progress note or a review is dated before the plan was adopted',
  hint: 'check the year: progress notes record what happened after adoption (keep the date if the note is about groundwork on purpose)',
  check: (ctx) => {
    const adopted = ctx.plan.manifest.adopted.date;
    return ctx.plan.initiatives.flatMap((i) =>
      i.notes
        .filter((note) => note.date < adopted)
        .map((note) => ({
          ...report(rule, fieldPos(ctx, note.pos.file, [...note.at, 'date']), `${noteLabel(note)} is dated ${note.date}, before the plan was adopted on ${adopted}`),
          noteDate: note.date,
        })),
    );
  },
});
