import type { CommandSpec } from '../command.js';

export const splitNotes: CommandSpec = {
  order: 50,
  name: 'split-notes',
  description: "move notes written in initiative files' notes: lists into note files of their own (plan/notes/ID/…)",
  options: [{ flags: '--dry-run', description: 'list what would move and write nothing' }],
  examples: ['csp split-notes --dry-run', 'csp split-notes && git add -A plan    # then commit'],
  more:
    "\nA plan whose notes are in the initiative files' lists gets a git conflict whenever two branches add a note\n" +
    'to one initiative. After split-notes, every note is a file of its own and such branches merge cleanly.\n' +
    'The plan must be free of errors first; the notes read back the same afterwards, or nothing is written.\n',
  load: () => import('./split-notes.js').then((m) => m.run),
};
