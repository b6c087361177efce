import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { noteLabel } from '../model.js';
import type { RuleContext } from './index.js';
import { fieldPos } from './locate.js';

/**
 * Notes that keep the plan honest, as plan.yaml's `rules` asks: a note that
 * sets the status completed cites its source (`completedNeedsLink: true`),
 * and with `notesNeedLink: true` every note does.
 */
export function notesCiteSources(ctx: RuleContext): Diagnostic[] {
  const rules = ctx.plan.manifest.rules ?? {};
  const completed = rules.completedNeedsLink === true;
  const every = rules.notesNeedLink === true;
  if (!completed && !every) return [];
  const out: Diagnostic[] = [];
  for (const i of ctx.plan.initiatives) {
    for (const note of i.notes) {
      if (note.links.length > 0) continue;
      if (every || (completed && note.status === 'completed')) {
        const why = every ? "this plan's rules ask every note to cite its source (rules.notesNeedLink in plan.yaml)" : 'a note that marks an initiative completed must cite its source';
        out.push({
          ...diagnostic(
            fieldPos(ctx, note.pos.file, note.at, 'value'),
            'note-without-link',
            `${noteLabel(note)} (${note.date}) has no link: ${why}`,
            "add 'links:' with the address of the public source (a release, a joint statement), e.g. csp note ID \"…\" --link https://…",
          ),
          noteDate: note.date,
        });
      }
    }
  }
  return out;
}
