import type { CommandSpec } from '../command.js';

export const schema: CommandSpec = {
  order: 110,
  name: 'schema',
  description: 'JSON Schema of the plan files, for editors that check and complete YAML while you type',
  arguments: [{ name: '[name]', description: 'which schema: initiative (the default), plan, …' }],
  options: [
    { flags: '--out <dir>', description: 'write every schema to DIR/<name>.schema.json instead of printing one' },
    { flags: '--check', description: 'with --out: exit 1 when the files in DIR differ from what csp would write' },
  ],
  examples: [
    'csp schema                      # the initiative file schema',
    'csp schema plan > plan.schema.json',
    'csp schema --out schema         # refresh schema/*.schema.json',
    'csp schema --out schema --check # in CI: are they current?',
  ],
  load: () => import('./schema.js').then((m) => m.run),
};
