/** The commander program, built from the command specs (commands/index.ts). */
import { Argument, Command, Option } from 'commander';
import type { ExitCode } from '../errors.js';
import { termSafe } from '../render/sanitize.js';
import { type CommandSpec, examplesText, type OptionSpec } from './command.js';
import { COMMANDS } from './commands/index.js';
import type { CommandContext } from './context.js';
import type { Host } from './host.js';
import { formatCommanderError } from './report-error.js';
import { useColor } from './terminal.js';

declare const CSP_VERSION: string;

/** What a run needs back from the action commander called: the command's exit code and context. */
export interface RunState {
  code?: ExitCode;
  ctx?: CommandContext;
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { flags: '--plan <dir>', description: 'the plan folder, or the repository holding it (default: $CSP_PLAN, else the nearest plan/ above the current folder)' },
  { flags: '--as-of <date>', description: 'show the plan as it stood on this day, later notes left out, YYYY-MM-DD (default: today)' },
  { flags: '--color', description: 'force colour output' },
  { flags: '--no-color', description: 'no colour output (also: NO_COLOR=1)' },
  { flags: '--debug', description: 'show internal details (stack traces) on failure; also CSP_DEBUG=1' },
  { flags: '--no-cache', description: 'read and parse every file, neither using nor updating .csp-cache/ (also: CSP_NO_CACHE=1)' },
];

const PROGRAM_EXAMPLES = [
  'csp status                      # the dashboard',
  'csp status --pillar 2 --stale 90',
  'csp validate                    # check every file',
  'csp show p1.3',
  'csp note p1.3 "Workshop held in Seoul." --status in-progress',
  'csp export --json > plan.json',
  'csp diff dialogue-2025            # what moved since a review',
  'csp help format                 # the file format, field by field',
];
const EXIT_CODES =
  '\nExit codes: 0 ok · 1 the plan has errors or a change was refused · 2 usage error · 3 environment (files, lock, git, output) · 4 internal error (a bug in csp)\n';

function option(spec: OptionSpec): Option {
  const o = new Option(spec.flags, spec.description);
  if (spec.choices) o.choices(spec.choices);
  if (spec.repeatable) o.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  if (spec.default !== undefined) o.default(spec.default);
  if (spec.required) o.makeOptionMandatory();
  return o;
}

function addCommand(parent: Command, spec: CommandSpec, host: Host, state: RunState): void {
  const cmd = parent.command(spec.name, spec.hidden ? { hidden: true } : {}).description(spec.description);
  for (const a of spec.arguments ?? []) {
    const arg = new Argument(a.name, a.description);
    if (a.choices) arg.choices(a.choices);
    cmd.addArgument(arg);
  }
  for (const o of spec.options ?? []) cmd.addOption(option(o));
  if (spec.examples) cmd.addHelpText('after', examplesText(spec.examples) + (spec.more ?? ''));
  for (const sub of spec.subcommands ?? []) addCommand(cmd, sub, host, state);
  const load = spec.load;
  if (!load) return;
  cmd.action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const { commandContext, plainContext } = await import('./context.js');
    const ctx = spec.unchecked ? plainContext(host, self.optsWithGlobals()) : commandContext(host, self.optsWithGlobals());
    state.ctx = ctx;
    const run = await load();
    state.code = (await run(ctx, { args: args.slice(0, -2), opts: self.opts(), program: programOf(self) })) ?? 0;
  });
}

function programOf(cmd: Command): Command {
  let at = cmd;
  while (at.parent) at = at.parent;
  return at;
}

export function buildProgram(host: Host, state: RunState = {}): Command {
  const program = new Command('csp')
    .description('Keep a partnership action plan as plain-text files and see where every commitment stands.')
    .version(typeof CSP_VERSION === 'string' ? CSP_VERSION : '0.0.0-dev', '-V, --version', 'print the csp version');
  for (const o of GLOBAL_OPTIONS) program.addOption(option(o));
  program
    .showSuggestionAfterError(true)
    // Set before the subcommands are added so that they inherit it.
    .exitOverride()
    // Its messages quote what was typed: shown escaped, like every other text csp prints.
    .configureOutput({
      writeOut: (s) => host.stdout.write(s),
      writeErr: (s) => host.stderr.write(s),
      outputError: (s, write) => write(termSafe(formatCommanderError(s))),
      // Commander's own defaults, but from the host: 80 columns unless a terminal says.
      getOutHelpWidth: () => host.stdout.columns ?? 80,
      getErrHelpWidth: () => host.stderr.columns ?? 80,
      getOutHasColors: () => useColor({}, host.env, host.stdout.isTTY),
      getErrHasColors: () => useColor({}, host.env, host.stderr.isTTY),
    })
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .addHelpText('after', examplesText(PROGRAM_EXAMPLES) + EXIT_CODES);
  for (const spec of COMMANDS) addCommand(program, spec, host, state);
  return program;
}
