/**
 * Shell completion scripts for bash, zsh and fish, generated from a plain description of the
 * command line (built from the command specs, so the scripts cannot drift from them): the
 * description in completion/model.ts, one file per shell.
 */
import { bashScript } from './completion/bash.js';
import { fishScript } from './completion/fish.js';
import type { CompletionSpec, Shell } from './completion/model.js';
import { zshScript } from './completion/zsh.js';

export type { CompletionArgument, CompletionCommand, CompletionOption, CompletionSpec, Shell, ValueSource } from './completion/model.js';

export function renderCompletion(spec: CompletionSpec, shell: Shell): string {
  if (shell === 'bash') return bashScript(spec);
  if (shell === 'zsh') return zshScript(spec);
  return fishScript(spec);
}
