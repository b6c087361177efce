import type { Argument, Command, Option } from 'commander';
import {
  type ArgumentSpec,
  type CommandSpec,
  type CompletionSpec,
  type OptionSpec,
  renderCompletion,
  type Shell,
  type ValueSource,
} from '../../render/completion.js';
import { STATUSES } from '../../core/vocabulary.js';
import { HELP_TOPICS } from './help.js';

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

function valueName(flags: string): string {
  return /[<[]([^>\]]+)[>\]]/.exec(flags)?.[1]?.replace(/\.\.\.$/, '') ?? 'value';
}

function optionSpec(o: Option): OptionSpec | undefined {
  if (o.hidden || !o.long) return undefined;
  const spec: OptionSpec = { long: o.long, description: o.description };
  if (o.short) spec.short = o.short;
  if (o.required || o.optional) {
    const name = valueName(o.flags);
    const source: ValueSource = o.argChoices
      ? { kind: 'choices', values: [...o.argChoices] }
      : (BY_OPTION[o.long.replace(/^--/, '')] ?? BY_VALUE_NAME[name] ?? { kind: 'none' });
    spec.value = { name, source };
  }
  // A collecting parser (as for --party) makes an option repeatable; choices install a parser too.
  if (o.parseArg && !o.argChoices) spec.repeatable = true;
  return spec;
}

/** Arguments whose values depend on the command, by command path and argument name. */
const BY_COMMAND_ARGUMENT: Record<string, ValueSource> = {
  'review show name': { kind: 'dynamic', what: 'reviews' },
  'diff from': { kind: 'dynamic', what: 'reviews' },
  'diff to': { kind: 'dynamic', what: 'reviews' },
};

function argumentSpec(a: Argument, path: string[], program: Command): ArgumentSpec {
  const name = a.name();
  let source: ValueSource = BY_COMMAND_ARGUMENT[[...path, name].join(' ')] ?? BY_VALUE_NAME[name] ?? { kind: 'none' };
  if (a.argChoices) source = { kind: 'choices', values: [...a.argChoices] };
  if (name === 'topic') {
    const commands = program.commands.map((c) => c.name()).filter((n) => n !== 'help' && !n.startsWith('__'));
    source = { kind: 'choices', values: [...commands, ...HELP_TOPICS] };
  }
  return { name, required: a.required, source };
}

function optionsOf(cmd: Command): OptionSpec[] {
  return cmd.options.map(optionSpec).filter((o): o is OptionSpec => o !== undefined);
}

function commandSpec(cmd: Command, parent: string[], program: Command): CommandSpec {
  const path = [...parent, cmd.name()];
  return {
    path,
    description: cmd.description(),
    options: optionsOf(cmd),
    args: cmd.registeredArguments.map((a) => argumentSpec(a, path, program)),
    subcommands: cmd.commands.filter((c) => !c.name().startsWith('__')).map((c) => commandSpec(c, path, program)),
  };
}

/** The command line as plain data, from the commander program itself. */
export function completionSpec(program: Command): CompletionSpec {
  return {
    globalOptions: optionsOf(program).filter((o) => o.long !== '--version'),
    commands: program.commands.filter((c) => !c.name().startsWith('__')).map((c) => commandSpec(c, [], program)),
  };
}

export function run(cmd: Command, shell: Shell): void {
  process.stdout.write(renderCompletion(completionSpec(cmd.parent!), shell));
}
