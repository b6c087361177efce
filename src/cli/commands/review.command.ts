import type { CommandSpec } from '../command.js';

const create: CommandSpec = {
  name: 'create',
  description: 'freeze the plan as of a date into plan/reviews/NAME.yaml (commit it afterwards)',
  arguments: [{ name: '<name>', description: 'review name: lower-case letters, digits, dots and dashes, e.g. dialogue-2025' }],
  options: [
    { flags: '--date <date>', description: 'freeze the plan as of this day, YYYY-MM-DD (default: --as-of, else today)' },
    { flags: '--title <title>', description: 'what the review is for, e.g. "Strategic Dialogue, Ottawa"' },
    { flags: '--force', description: 'replace an existing review of that name' },
  ],
  examples: [
    'csp review create dialogue-2025 --date 2025-06-30 --title "Strategic Dialogue, Ottawa"',
    'csp review create adoption --date 2024-07-18 --title "Baseline at adoption"',
    'csp review create dialogue-2025 --date 2025-07-02 --force   # replace it',
  ],
  load: () => import('./review.js').then((m) => m.create),
};

const list: CommandSpec = {
  name: 'list',
  description: 'every review, oldest first',
  options: [{ flags: '--json', description: 'print the data as JSON' }],
  examples: ['csp review list', 'csp review list --json'],
  load: () => import('./review.js').then((m) => m.list),
};

const show: CommandSpec = {
  name: 'show',
  description: 'one review: the plan as it stood that day, per pillar',
  arguments: [{ name: '<name>', description: 'review name, e.g. dialogue-2025' }],
  options: [{ flags: '--json', description: 'print the data as JSON' }],
  examples: ['csp review show dialogue-2025', 'csp review show adoption --json'],
  load: () => import('./review.js').then((m) => m.show),
};

export const review: CommandSpec = {
  order: 90,
  name: 'review',
  description: 'freeze the plan as of a date for a Strategic Dialogue, and look at frozen reviews',
  examples: [
    'csp review create dialogue-2025 --date 2025-06-30 --title "Strategic Dialogue, Ottawa"',
    'csp review list',
    'csp review show dialogue-2025',
    'csp diff dialogue-2025 dialogue-2026   # what moved between two dialogues',
  ],
  subcommands: [create, list, show],
};
