import type { CommandSpec } from '../command.js';

export const exportCommand: CommandSpec = {
  order: 70,
  name: 'export',
  description: 'the whole loaded plan as one JSON document',
  options: [{ flags: '--json', description: 'JSON output (the only format; accepted for clarity)' }],
  examples: ['csp export --json > plan.json'],
  load: () => import('./export.js').then((m) => m.run),
};
