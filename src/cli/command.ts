/**
 * A command as data: what it takes (arguments, options with their choices), its help and
 * examples, and its `run`, imported only when the command runs (so that `--help` and
 * `--version` load no command code, and no yaml or zod). program.ts builds commander's
 * program from these; completion scripts are generated from them too.
 */
import type { Command } from 'commander';
import type { ExitCode } from '../errors.js';
import type { CommandContext } from './context.js';

export interface OptionSpec {
  /** As commander takes them: '-o, --output <file>', '--json'. */
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: string | readonly string[];
  /** May be given several times; the values are collected in a list. */
  repeatable?: boolean;
  /** An option the command cannot do without (commander's requiredOption). */
  required?: boolean;
}

export interface ArgumentSpec {
  /** '<id>' (required), '[text]' (optional), '[topic...]' (several). */
  name: string;
  description: string;
  choices?: readonly string[];
}

/** What a command's run is given besides the context: its arguments in order, its options, the program. */
export interface CommandInput<O = Record<string, unknown>> {
  // Commander passes positional arguments as strings (string arrays for variadic ones, undefined when left out).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args: any[];
  opts: O;
  /** The whole program (for `csp help`). */
  program: Command;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Run = (ctx: CommandContext, input: CommandInput<any>) => Promise<ExitCode | void> | ExitCode | void;

export interface CommandSpec {
  name: string;
  /** Where it goes in `csp --help` (and the completion scripts), smallest first; subcommands keep the order they are listed in. */
  order?: number;
  description: string;
  hidden?: boolean;
  arguments?: readonly ArgumentSpec[];
  options?: readonly OptionSpec[];
  /** Command lines shown under "Examples:" in its help, each with its comment. */
  examples?: readonly string[];
  /** Text after the examples. */
  more?: string;
  subcommands?: readonly CommandSpec[];
  /**
   * Commands that must answer whatever the global options hold (help, completion): their
   * context is made without checking --as-of and --plan.
   */
  unchecked?: boolean;
  /** The command's run, imported when it runs. A command with subcommands only has none. */
  load?: () => Promise<Run>;
}

/** The help text of a list of examples. */
export function examplesText(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
