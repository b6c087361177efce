import { REPORT_LANGS } from '../../core/vocabulary.js';
import type { CommandSpec } from '../command.js';

export const note: CommandSpec = {
  order: 40,
  name: 'note',
  description: 'record a dated progress note on an initiative, as a new file plan/notes/ID/… (notes from two branches merge)',
  arguments: [
    { name: '<id>', description: 'initiative id, e.g. p1.3 (any case; 1.3 for p1.3)' },
    { name: '[text]', description: "what happened; '-' reads it from standard input; left out on a terminal, your $EDITOR opens" },
  ],
  options: [
    { flags: '--status <status>', description: "the initiative's status from this date on (see csp status)" },
    { flags: '--date <date>', description: 'the day it happened, YYYY-MM-DD (default: your local today, or --as-of)' },
    { flags: '--side <party>', description: 'who reports it: a party id from plan.yaml (e.g. ca, kr) or joint (the default)' },
    { flags: '--author <name>', description: 'who wrote the note (name, desk or department)' },
    { flags: '--lang <lang>', description: "the language the note is written in (default en, the plan's language); a report in another language marks it", choices: REPORT_LANGS },
    { flags: '--link <url>', description: 'a supporting document (http(s) or mailto URL); repeat for several', repeatable: true, default: [] },
    { flags: '--dry-run', description: 'show the change as a diff and write nothing' },
  ],
  examples: [
    'csp note p1.3 "Workshop held in Ottawa with 40 participants."',
    'csp note p2.1 "Forum meeting postponed to the autumn." --status at-risk --side ca',
    'csp note p1.2 "Report published." --status completed --link https://example.org/report',
    'csp note p4.1 - < minutes.txt        # the text from a file',
    'csp note p1.3                        # write the note in your editor',
    'csp note p1.3 "Talks resumed." --date 2025-03-14 --dry-run',
    'csp note p1.3 --status ongoing -- "-5% in spending"   # text starting with -: options first, then --, then the text',
  ],
  more:
    '\nEach note is a file of its own, plan/notes/ID/DATE-SIDE-WORDS-HASH.yaml: nothing else changes, so notes\n' +
    'recorded on two branches (Ottawa and Seoul, the same week) merge with plain git merge. A date is in the\n' +
    'future only once it is after today everywhere on earth (UTC+14).\n',
  load: () => import('./note.js').then((m) => m.run),
};
