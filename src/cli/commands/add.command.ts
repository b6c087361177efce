import { CADENCES, KINDS } from '../../core/vocabulary.js';
import type { CommandSpec } from '../command.js';

export const add: CommandSpec = {
  order: 60,
  name: 'add',
  description: 'create a new initiative with the next free id of its pillar, and print the id',
  options: [
    { flags: '--pillar <n>', description: 'the pillar it is listed under (a number)', required: true },
    { flags: '--title <title>', description: 'a short label for tables and reports', required: true },
    { flags: '--text <text>', description: "the commitment as the Action Plan words it; '-' reads it from standard input; left out on a terminal, your $EDITOR opens" },
    { flags: '--theme <id>', description: 'a thematic area of that pillar; repeat for several', repeatable: true, default: [] },
    { flags: '--kind <kind>', description: 'what the wording says', choices: KINDS },
    { flags: '--cadence <cadence>', description: 'how often a recurring initiative happens (implies --kind recurring)', choices: CADENCES },
    { flags: '--dry-run', description: 'show the new file and write nothing' },
  ],
  examples: [
    'csp add --pillar 4 --title "Clean hydrogen" --text "Explore cooperation on clean hydrogen"',
    'csp add --pillar 2 --theme maritime-security --title "Joint exercise" --text - < text.txt',
    'csp add --pillar 1 --title "Annual consultations" --kind recurring --cadence annual --dry-run --text "Hold annual consultations"',
  ],
  load: () => import('./add.js').then((m) => m.run),
};
