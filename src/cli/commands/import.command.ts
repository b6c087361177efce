import type { CommandSpec } from '../command.js';

export const importCommand: CommandSpec = {
  order: 130,
  name: 'import',
  description: "turn an action-plan document (pillar headings, thematic areas, 'Initiatives:' lists) into plan files",
  arguments: [{ name: '<file>', description: 'the document as plain text (UTF-8), e.g. copied from the published page' }],
  options: [
    { flags: '--dry-run', description: 'parse and check, print what would be written, write nothing' },
    { flags: '--json', description: 'print what was imported as JSON' },
  ],
  examples: [
    'csp init my-plan && csp --plan my-plan/plan import action-plan.txt',
    'csp --plan my-plan/plan import action-plan.txt --dry-run   # what it would write',
    'csp --plan my-plan/plan import action-plan.txt --json',
  ],
  more:
    "\nThe document: a line 'Pillar N: Title' for each pillar; under it, each thematic\n" +
    "area's heading and paragraph(s), then one paragraph 'Initiatives: first; second.'\n" +
    'Paragraphs are separated by blank lines. import only starts a plan: it refuses\n' +
    'a plan that already has initiatives or thematic areas (start one: csp init NEW).\n',
  load: () => import('./import.js').then((m) => m.run),
};
