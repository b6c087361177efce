import { SHELLS } from '../../render/completion/model.js';
import type { CommandSpec } from '../command.js';

export const completion: CommandSpec = {
  order: 140,
  name: 'completion',
  description: 'print a shell completion script: commands, options, initiative ids, statuses, themes, reviews',
  arguments: [{ name: '<shell>', description: 'the shell', choices: SHELLS }],
  examples: [
    'source <(csp completion bash)                    # try it in this shell',
    'csp completion bash > ~/.local/share/bash-completion/completions/csp',
    'csp completion zsh > "${fpath[1]}/_csp"          # then restart zsh',
    'csp completion fish > ~/.config/fish/completions/csp.fish',
  ],
  unchecked: true,
  load: () => import('./completion.js').then((m) => m.run),
};

export const complete: CommandSpec = {
  order: 150,
  name: '__complete',
  hidden: true,
  description: 'values for shell completion, one per line (used by the completion scripts)',
  arguments: [{ name: '<what>', description: 'ids, statuses, themes, pillars, parties, reviews' }],
  unchecked: true,
  load: () => import('./complete.js').then((m) => m.run),
};
