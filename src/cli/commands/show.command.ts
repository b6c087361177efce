import type { CommandSpec } from '../command.js';

export const show: CommandSpec = {
  order: 30,
  name: 'show',
  description: 'one initiative in full, with its notes',
  arguments: [{ name: '<id>', description: 'initiative id, e.g. p1.3 (any case; 1.3 for p1.3)' }],
  options: [{ flags: '--json', description: 'print the data as JSON' }],
  examples: ['csp show p1.3', 'csp show 2.10', 'csp show p3.4 --json'],
  load: () => import('./show.js').then((m) => m.run),
};
