/**
 * What every command is given: the host (environment, working folder, streams), the global
 * options checked, the days (--as-of, today), and colour and width for each stream.
 * Commands print through `out` and `err`; they never touch `process`.
 */
import type { DataProblems } from '../core/problems.js';
import type { Scope } from '../app/scope.js';
import { EXIT, type ExitCode } from '../errors.js';
import { latestToday, today } from '../io/clock.js';
import { toSafeJson } from '../render/sanitize.js';
import { makeStyle, type Style } from '../render/style.js';
import type { Host } from './host.js';
import { parseDate, parsePlanOption } from './parse-options.js';
import { terminalWidth, useColor } from './terminal.js';

interface GlobalOptions {
  plan?: string;
  asOf?: string;
  color?: boolean;
  debug?: boolean;
  /** false with --no-cache. */
  cache?: boolean;
}

export interface CommandContext extends Scope {
  readonly host: Host;
  readonly options: GlobalOptions;
  /** The recorder's local date: the default date of a note or a review. */
  readonly localToday: string;
  /** Style for stdout. */
  readonly style: Style;
  /** Style for stderr. */
  readonly errStyle: Style;
  readonly width: number;
  /** Whether someone is at a terminal (standard input and output): the editor may open. */
  readonly interactive: boolean;
  out(text: string | Uint8Array): void;
  err(text: string): void;
}

/** The context of a command, after checking --as-of and --plan (usage errors). */
export function commandContext(host: Host, options: GlobalOptions): CommandContext {
  if (options.asOf !== undefined) parseDate('--as-of', options.asOf);
  if (options.plan !== undefined) parsePlanOption(options.plan);
  return plainContext(host, options);
}

/** The context without checking the global options (help and completion answer whatever they hold). */
export function plainContext(host: Host, options: GlobalOptions): CommandContext {
  const { env } = host;
  const localToday = today(env);
  return {
    host,
    env,
    cwd: host.cwd,
    options,
    asOf: options.asOf ?? localToday,
    asOfGiven: options.asOf !== undefined,
    localToday,
    today: latestToday(env),
    style: makeStyle(useColor(options, env, host.stdout.isTTY)),
    errStyle: makeStyle(useColor(options, env, host.stderr.isTTY)),
    width: terminalWidth(env, host.stdout.columns),
    get interactive() {
      return host.stdin.isTTY && host.stdout.isTTY;
    },
    out: (text) => host.stdout.write(text),
    err: (text) => host.stderr.write(text),
  };
}

/** 1 when the data has errors that touch what was shown, else 0. */
export function viewExitCode(problems: DataProblems): ExitCode {
  return problems.affectsView ? EXIT.data : EXIT.ok;
}

export function writeJson(ctx: CommandContext, value: unknown): void {
  ctx.out(`${toSafeJson(value)}\n`);
}
