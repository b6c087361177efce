import { noteLabel } from '../model.js';
import { defineRule, fieldPos, report } from '../rule.js';

/**
 * Notes that keep the plan honest, as plan.yaml's `rules` asks: a note that
 * sets the status completed cites its source (`completedNeedsLink: true`),
 * and with `notesNeedLink: true` every note does.
 */
export const rule = defineRule({
  code: 'note-without-link',
  severity: 'error',
  stage: 'plan',
  summary: "a progress note cites no source, though plan.yaml's rules ask it to (completedNeedsLink, notesNeedLink)",
  hint: "add 'links:' with the address of the public source (a release, a joint statement), e.g. csp note ID \"…\" --link https://…",
  check: (ctx) => {
    const rules = ctx.plan.manifest.rules ?? {};
    const completed = rules.completedNeedsLink === true;
    const every = rules.notesNeedLink === true;
    if (!completed && !every) return [];
    const why = every ? "this plan's rules ask every note to cite its source (rules.notesNeedLink in plan.yaml)" : 'a note that marks an initiative completed must cite its source';
    return ctx.plan.initiatives.flatMap((i) =>
      i.notes
        .filter((note) => note.links.length === 0 && (every || note.status === 'completed'))
        .map((note) => ({
          ...report(rule, fieldPos(ctx, note.pos.file, note.at, 'value'), `${noteLabel(note)} (${note.date}) has no link: ${why}`),
          noteDate: note.date,
        })),
    );
  },
});
