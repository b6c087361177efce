/**
 * The command line as plain data, from which the completion scripts are generated (built from
 * the command specs by cli/commands/completion.ts). Commands may have subcommands (csp review
 * show NAME). Values that depend on the plan — initiative ids, themes, pillars, review names —
 * are asked of `csp __complete KIND` at completion time, which prints one per line and never an error.
 */

type DynamicKind = 'ids' | 'statuses' | 'themes' | 'pillars' | 'parties' | 'reviews';

export type ValueSource =
  | { kind: 'none' }
  | { kind: 'choices'; values: string[] }
  | { kind: 'dynamic'; what: DynamicKind }
  | { kind: 'files' }
  | { kind: 'dirs' };

export interface CompletionOption {
  short?: string;
  long: string;
  description: string;
  /** Undefined for a flag that takes no value. */
  value?: { name: string; source: ValueSource };
  repeatable?: boolean;
}

export interface CompletionArgument {
  name: string;
  required: boolean;
  source: ValueSource;
}

export interface CompletionCommand {
  /** The words that name it: ['status'], ['review', 'show']. */
  path: string[];
  description: string;
  options: CompletionOption[];
  args: CompletionArgument[];
  subcommands: CompletionCommand[];
}

export interface CompletionSpec {
  globalOptions: CompletionOption[];
  commands: CompletionCommand[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Every command and subcommand, parents first. */
export function allCommands(commands: readonly CompletionCommand[]): CompletionCommand[] {
  return commands.flatMap((c) => [c, ...allCommands(c.subcommands)]);
}

export const name = (c: CompletionCommand) => c.path.join(' ');
export const last = (c: CompletionCommand) => c.path[c.path.length - 1]!;

/** POSIX single-quoting: safe for any text in bash and zsh. */
export function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function flagsOf(o: CompletionOption): string[] {
  return o.short ? [o.short, o.long] : [o.long];
}

export function valueOptions(options: readonly CompletionOption[]): CompletionOption[] {
  return options.filter((o) => o.value !== undefined);
}
