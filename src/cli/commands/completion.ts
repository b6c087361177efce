import type { Argument, Command, Option } from 'commander';
import {
  type ArgumentSpec,
  type CommandSpec,
  type CompletionSpec,
  type DynamicKind,
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
  review: { kind: 'dynamic', what: 'reviews' },
  plan: { kind: 'dirs' },
};
const BY_VALUE_NAME: Record<string, ValueSource> = {
  id: { kind: 'dynamic', what: 'ids' as DynamicKind },
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

function argumentSpec(a: Argument, program: Command): ArgumentSpec {
  const name = a.name();
  let source: ValueSource = BY_VALUE_NAME[name] ?? { kind: 'none' };
  if (a.argChoices) source = { kind: 'choices', values: [...a.argChoices] };
  if (name === 'topic') {
    const commands = program.commands.map((c) => c.name()).filter((n) => n !== 'help' && !n.startsWith('__'));
    source = { kind: 'choices', values: [...commands, ...HELP_TOPICS] };
  }
  return { name, required: a.required, source };
}

/** The command line as plain data, from the commander program itself. */
export function completionSpec(program: Command): CompletionSpec {
  const options = (cmd: Command) => cmd.options.map(optionSpec).filter((o): o is OptionSpec => o !== undefined);
  const commands: CommandSpec[] = program.commands
    .filter((c) => !c.name().startsWith('__'))
    .map((c) => ({
      name: c.name(),
      description: c.description(),
      options: options(c),
      args: c.registeredArguments.map((a) => argumentSpec(a, program)),
    }));
  return { program: 'csp', globalOptions: options(program).filter((o) => o.long !== '--version'), commands };
}

export function run(cmd: Command, shell: Shell): void {
  process.stdout.write(renderCompletion(completionSpec(cmd.parent!), shell));
}
