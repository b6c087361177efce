/** `csp completion SHELL`: the script, generated from the command specs. */
import { STATUSES } from '../../core/vocabulary.js';
import {
  type CompletionArgument,
  type CompletionCommand,
  type CompletionOption,
  type CompletionSpec,
  renderCompletion,
  type Shell,
  type ValueSource,
} from '../../render/completion.js';
import type { ArgumentSpec, CommandInput, CommandSpec, OptionSpec } from '../command.js';
import type { CommandContext } from '../context.js';
import { GLOBAL_OPTIONS } from '../program.js';
import { HELP_TOPICS } from './help.command.js';
import { COMMANDS } from './index.js';

/** What an option's value is, by the option's long name first, then by the name of its value. */
const BY_OPTION: Record<string, ValueSource> = {
  status: { kind: 'choices', values: [...STATUSES] },
  theme: { kind: 'dynamic', what: 'themes' },
  pillar: { kind: 'dynamic', what: 'pillars' },
  side: { kind: 'dynamic', what: 'parties' },
  review: { kind: 'dynamic', what: 'reviews' },
  plan: { kind: 'dirs' },
};
const BY_VALUE_NAME: Record<string, ValueSource> = {
  id: { kind: 'dynamic', what: 'ids' },
  review: { kind: 'dynamic', what: 'reviews' },
  file: { kind: 'files' },
  dir: { kind: 'dirs' },
};

/** Arguments whose values depend on the command, by command path and argument name. */
const BY_COMMAND_ARGUMENT: Record<string, ValueSource> = {
  'review show name': { kind: 'dynamic', what: 'reviews' },
  'diff from': { kind: 'dynamic', what: 'reviews' },
  'diff to': { kind: 'dynamic', what: 'reviews' },
};

/** The name inside <…> or […], without a trailing '...'. */
function valueName(text: string): string | undefined {
  return /[<[]([^>\]]+)[>\]]/.exec(text)?.[1]?.replace(/\.\.\.$/, '');
}

function optionSpec(o: OptionSpec): CompletionOption {
  const [, short, long] = /^(?:(-[A-Za-z]), )?(--[A-Za-z0-9-]+)/.exec(o.flags)!;
  const spec: CompletionOption = { long: long!, description: o.description };
  if (short) spec.short = short;
  const name = valueName(o.flags);
  if (name !== undefined) {
    const source: ValueSource = o.choices
      ? { kind: 'choices', values: [...o.choices] }
      : (BY_OPTION[long!.replace(/^--/, '')] ?? BY_VALUE_NAME[name] ?? { kind: 'none' });
    spec.value = { name, source };
  }
  if (o.repeatable && !o.choices) spec.repeatable = true;
  return spec;
}

function argumentSpec(a: ArgumentSpec, path: string[]): CompletionArgument {
  const name = valueName(a.name)!;
  let source: ValueSource = BY_COMMAND_ARGUMENT[[...path, name].join(' ')] ?? BY_VALUE_NAME[name] ?? { kind: 'none' };
  if (a.choices) source = { kind: 'choices', values: [...a.choices] };
  if (name === 'topic') {
    const commands = COMMANDS.map((c) => c.name).filter((n) => n !== 'help' && !n.startsWith('__'));
    source = { kind: 'choices', values: [...commands, ...HELP_TOPICS] };
  }
  return { name, required: a.name.startsWith('<'), source };
}

const listed = (commands: readonly CommandSpec[]) => commands.filter((c) => !c.name.startsWith('__'));

function commandSpec(cmd: CommandSpec, parent: string[]): CompletionCommand {
  const path = [...parent, cmd.name];
  return {
    path,
    description: cmd.description,
    options: (cmd.options ?? []).map(optionSpec),
    args: (cmd.arguments ?? []).map((a) => argumentSpec(a, path)),
    subcommands: listed(cmd.subcommands ?? []).map((c) => commandSpec(c, path)),
  };
}

/** The command line as plain data, from the command specs. */
function completionSpec(): CompletionSpec {
  return { globalOptions: GLOBAL_OPTIONS.map(optionSpec), commands: listed(COMMANDS).map((c) => commandSpec(c, [])) };
}

export function run(ctx: CommandContext, { args: [shell] }: CommandInput): void {
  ctx.out(renderCompletion(completionSpec(), shell as Shell));
}
