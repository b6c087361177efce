import type { CommandSpec } from '../command.js';

export const validate: CommandSpec = {
  order: 10,
  name: 'validate',
  description: 'check every plan file against the schema and the plan-wide rules',
  options: [
    { flags: '--format <format>', description: 'output format', choices: ['text', 'json', 'github'], default: 'text' },
    { flags: '--links', description: 'also check that every cited http(s) link answers (uses the network; dead links are warnings)' },
    { flags: '--links-timeout <seconds>', description: 'with --links: how long to wait for each address (default 10)' },
  ],
  examples: [
    'csp validate',
    'csp validate --format json',
    'csp validate --format github   # in GitHub Actions',
    'csp validate --links          # also ask every cited source whether it answers',
  ],
  more: '\nWithout --links, csp validate makes no network access.\n',
  load: () => import('./validate.js').then((m) => m.run),
};
