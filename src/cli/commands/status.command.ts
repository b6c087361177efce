import { SCALES } from '../../core/scales.js';
import type { CommandSpec } from '../command.js';

export const status: CommandSpec = {
  order: 20,
  name: 'status',
  description: 'the dashboard: progress per pillar and where every initiative stands',
  options: [
    { flags: '--pillar <n>', description: 'only this pillar (a number)' },
    { flags: '--status <status>', description: 'only initiatives with this status (and only the pillars that have one)' },
    { flags: '--theme <id>', description: 'only initiatives of this thematic area' },
    { flags: '--stale <days>', description: 'flag initiatives without a note for this many days (default 180)' },
    { flags: '--flagged', description: "only initiatives flagged stale, overdue or where the sides' assessments differ" },
    {
      flags: '--scale <scale>',
      description: 'show statuses as csp statuses, on the OGP completion scale, or as a +1/0/−1 compliance score',
      choices: SCALES,
      default: 'status',
    },
    { flags: '--json', description: 'print the data as JSON' },
  ],
  examples: ['csp status', 'csp status --pillar 3', 'csp status --status at-risk', 'csp status --stale 90 --flagged', 'csp status --scale ogp', 'csp status --as-of 2025-06-30 --json'],
  load: () => import('./status.js').then((m) => m.run),
};
