import type { CommandSpec } from '../command.js';

/** Topics beside the commands: `csp help format`, `csp help rules`. */
export const HELP_TOPICS = ['format', 'rules'] as const;

export const help: CommandSpec = {
  order: 160,
  name: 'help',
  description: "show help for a command, or 'csp help format' for the plan file format",
  arguments: [{ name: '[topic...]', description: 'a command (e.g. status, review show), or format' }],
  examples: ['csp help format', 'csp help status', 'csp help review show'],
  unchecked: true,
  load: () => import('./help.js').then((m) => m.run),
};
