/**
 * What every command starts from: global options resolved, the plan
 * located, read and loaded. Commands that need a clean plan call
 * `requireCleanPlan`, which stops with the diagnostics when there are errors.
 */
import type { Command } from 'commander';
import { countBySeverity, type Diagnostic } from '../core/diagnostics.js';
import type { LoadResult, PlanFiles } from '../core/assemble.js';
import type { PlanLoads } from '../core/edit/prepare.js';
import type { Plan } from '../core/model.js';
import { dataProblems, type DataProblems } from '../core/problems.js';
import { planAsOf } from '../core/status.js';
import { CspError, EXIT, type ExitCode } from '../errors.js';
import { latestToday, today } from '../io/clock.js';
import { loadPlanFromDisk } from '../io/load-plan.js';
import { loadPlanForChange } from '../io/plan-change.js';
import { locatePlan, type PlanLocation, readPlanFiles } from '../io/plan-files.js';
import { isTerminal, terminalColumns, writeTo } from '../io/stdio.js';
import { formatDiagnostic } from '../render/diagnostics.js';
import { toSafeJson } from '../render/sanitize.js';
import { makeStyle, type Style } from '../render/style.js';
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

export interface CommandContext {
  options: GlobalOptions;
  /**
   * The day the plan is evaluated as of: --as-of, else today. With --as-of
   * the plan is shown as it stood that day (later notes left out).
   */
  asOf: string;
  /** Whether --as-of was given (a look back), rather than today. */
  asOfGiven: boolean;
  /** The recorder's local date: the default date of a note or a review. */
  localToday: string;
  /** The latest date anywhere on earth (UTC+14): a note after it is in the future. */
  today: string;
  /** Style for stdout. */
  style: Style;
  /** Style for stderr. */
  errStyle: Style;
  width: number;
  out(text: string): void;
  err(text: string): void;
}

export function commandContext(cmd: Command): CommandContext {
  const options = cmd.optsWithGlobals<GlobalOptions>();
  const localToday = today();
  const asOf = options.asOf ?? localToday;
  if (options.asOf !== undefined) parseDate('--as-of', options.asOf);
  if (options.plan !== undefined) parsePlanOption(options.plan);
  const env = process.env;
  return {
    options,
    asOf,
    asOfGiven: options.asOf !== undefined,
    localToday,
    today: latestToday(),
    style: makeStyle(useColor(options, env, isTerminal(1))),
    errStyle: makeStyle(useColor(options, env, isTerminal(2))),
    width: terminalWidth(env, terminalColumns()),
    out: (text) => writeTo(1, text),
    err: (text) => writeTo(2, text),
  };
}

export interface LoadedPlan {
  location: PlanLocation;
  result: LoadResult;
  files: number;
}

export interface LoadedPlanFiles extends LoadedPlan {
  /** The files as read, for commands that load the plan again with a change. */
  raw: PlanFiles;
}

/** Whether to use the load cache: not with --no-cache or CSP_NO_CACHE=1. */
export function useCache(ctx: CommandContext, env: NodeJS.ProcessEnv = process.env): boolean {
  return ctx.options.cache !== false && !(env.CSP_NO_CACHE !== undefined && env.CSP_NO_CACHE !== '' && env.CSP_NO_CACHE !== '0');
}

/** What a command needs of the loaded plan: `texts: false` for commands that print no note or initiative text (the model then holds none). */
export interface LoadNeeds {
  texts?: boolean;
}

/** The plan located, read and loaded (through the cache unless --no-cache or CSP_NO_CACHE=1, or `cache` is false). */
export async function readAndLoad(ctx: CommandContext, cache = true, needs: LoadNeeds = {}): Promise<LoadedPlan> {
  const env = process.env;
  const location = locatePlan(ctx.options.plan, env, process.cwd());
  const { result, files } = await loadPlanFromDisk(location, { today: ctx.today, cache: cache && useCache(ctx, env), env, texts: needs.texts ?? true });
  settleAsOf(ctx, result.plan);
  return { location, result, files };
}

/**
 * For commands that change a file and load the plan again with the change
 * (they need every file's bytes): the plan read whole and loaded in memory.
 */
export async function readAndLoadFiles(ctx: CommandContext): Promise<LoadedPlanFiles> {
  const location = locatePlan(ctx.options.plan, process.env, process.cwd());
  const files = readPlanFiles(location);
  const { loadPlan } = await import('../core/load.js');
  const result = loadPlan(files, { today: ctx.today });
  settleAsOf(ctx, result.plan);
  return { location, result, files: files.files.length, raw: files };
}

export interface LoadedPlanForChange extends LoadedPlanFiles {
  /** The plan as a change sees it (core/changes.ts), judged as of `today`. */
  loads(today: string): PlanLoads;
}

/**
 * For commands that add one file (note, add): the plan loaded once, through
 * the cache, and loaded again with the new file by parsing only that file.
 * The model holds no note texts, and `raw` names the files without their bytes.
 */
export async function readAndLoadForChange(ctx: CommandContext): Promise<LoadedPlanForChange> {
  const env = process.env;
  const location = locatePlan(ctx.options.plan, env, process.cwd());
  const loaded = await loadPlanForChange(location, { today: ctx.today, cache: useCache(ctx, env), env });
  settleAsOf(ctx, loaded.result.plan);
  return { location, result: loaded.result, files: loaded.raw.files.length, raw: loaded.raw, loads: loaded.loads };
}

/**
 * Without --as-of the plan is evaluated as of today, the local date; when a
 * colleague in a time zone ahead has already recorded a note dated
 * tomorrow-here (today there), as of that date, so that nothing recorded is
 * left out of "now".
 */
function settleAsOf(ctx: CommandContext, plan: Plan | undefined): void {
  if (ctx.asOfGiven || !plan) return;
  for (const i of plan.initiatives) {
    for (const n of i.notes) if (n.date > ctx.asOf && n.date <= ctx.today) ctx.asOf = n.date;
  }
}

export interface ViewedPlan {
  /** The plan as of --as-of when given (later notes left out), from every file that loaded. */
  plan: Plan;
  loaded: LoadedPlan;
  problems: DataProblems;
}

/**
 * For read-only commands: the plan from every file that loads, and the files
 * with errors (to be named in a banner, a JSON field or a report section).
 * Only a plan without a readable manifest stops the command (exit 1). The
 * command exits with `viewExitCode`: 1 when errors touch what it showed.
 */
export async function readPlanForViewing(ctx: CommandContext, needs: LoadNeeds = {}): Promise<ViewedPlan> {
  const loaded = await readAndLoad(ctx, true, needs);
  if (!loaded.result.plan) stopOnErrors(ctx, loaded.result.diagnostics, loaded.result.sources, 'the plan');
  const full = loaded.result.plan!;
  const plan = ctx.asOfGiven ? planAsOf(full, ctx.asOf) : full;
  const problems = dataProblems(loaded.result.diagnostics, full, ctx.asOfGiven ? ctx.asOf : undefined);
  return { plan, loaded, problems };
}

/** 1 when the data has errors that touch what was shown, else 0. */
export function viewExitCode(problems: DataProblems): ExitCode {
  return problems.affectsView ? EXIT.data : EXIT.ok;
}

const SHOWN_ERRORS = 5;

/** The plan, or exit 1 with the first few errors and a pointer to `csp validate`. */
export async function requireCleanPlan(ctx: CommandContext): Promise<{ plan: Plan; loaded: LoadedPlan }> {
  const loaded = await readAndLoad(ctx);
  stopOnErrors(ctx, loaded.result.diagnostics, loaded.result.sources, 'the plan');
  return { plan: loaded.result.plan!, loaded };
}

/** Exit 1 with the first few errors when there are any; `what` names what has them ("the plan", "review x"). */
export function stopOnErrors(ctx: CommandContext, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, what: string): void {
  const { errors } = countBySeverity(diagnostics);
  if (errors === 0) return;
  const shown = diagnostics.filter((d) => d.severity === 'error').slice(0, SHOWN_ERRORS);
  for (const d of shown) ctx.err(`${formatDiagnostic(d, sources, ctx.errStyle)}\n\n`);
  const more = errors > shown.length ? ` (${errors - shown.length} more not shown)` : '';
  throw new CspError(`${what} has ${errors} error${errors === 1 ? '' : 's'}${more}`, EXIT.data, "fix them first; 'csp validate' lists every problem");
}

export function writeJson(ctx: CommandContext, value: unknown): void {
  ctx.out(`${toSafeJson(value)}\n`);
}
