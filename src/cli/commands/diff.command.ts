import type { CommandSpec } from '../command.js';

export const diff: CommandSpec = {
  order: 100,
  name: 'diff',
  description: 'what changed in the plan between two reviews, dates or git revisions',
  arguments: [
    { name: '<from>', description: 'a review name, a date YYYY-MM-DD (the plan as of that day) or a git revision' },
    { name: '[to]', description: 'the same kinds; default: the working tree as of --as-of (today)' },
  ],
  options: [
    { flags: '--format <format>', description: 'output format (md: for pull requests and reports)', choices: ['text', 'md', 'json'], default: 'text' },
    { flags: '--pillar <n>', description: 'only initiatives listed under this pillar (a number)' },
    { flags: '--exit-code', description: 'exit 1 when something changed, 0 when nothing did (as git diff --exit-code)' },
  ],
  examples: [
    'csp diff dialogue-2025 dialogue-2026      # between two reviews',
    'csp diff dialogue-2025                    # since a review, to today',
    'csp diff 2025-01-01 2025-12-31            # statuses and notes between two dates',
    'csp diff origin/main HEAD --format md     # what a branch changes, for a pull request',
    'csp diff HEAD~5 --pillar 2 --format json',
    'csp diff main --exit-code > /dev/null     # in a script: has the plan changed since main?',
  ],
  more:
    '\nFROM and TO are tried as a review name, then a date, then a git revision (a review wins over a\n' +
    'git revision of the same name; write NAME^0 for the revision). Dates use the notes of the working\n' +
    'tree: they show status and note changes, not edits. Git revisions are read without touching the\n' +
    'working tree.\n',
  load: () => import('./diff.js').then((m) => m.run),
};
