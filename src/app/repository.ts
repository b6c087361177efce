/**
 * The plan repository, loaded for a command: located (--plan, CSP_PLAN, the nearest plan/),
 * read and loaded, through the load cache unless --no-cache or CSP_NO_CACHE=1.
 */
import type { LoadResult, PlanFiles } from '../core/assemble.js';
import type { PlanLoads } from '../core/edit/prepare.js';
import type { Plan } from '../core/model.js';
import { dataProblems, type DataProblems } from '../core/problems.js';
import { planAsOf } from '../core/status.js';
import { loadPlanFromDisk } from '../io/load-plan.js';
import { loadPlanForChange } from '../io/plan-change.js';
import { locatePlan as locate, type PlanLocation, readPlanFiles } from '../io/plan-files.js';
import { stopOnErrors } from './plan-errors.js';
import { type Scope, useCache } from './scope.js';

export interface LoadedPlan {
  location: PlanLocation;
  result: LoadResult;
  files: number;
}

export interface LoadedPlanFiles extends LoadedPlan {
  /** The files as read, for commands that load the plan again with a change. */
  raw: PlanFiles;
}

/** Where the plan is: --plan, else $CSP_PLAN, else the nearest plan/ above the working folder. */
export function locatePlan(scope: Pick<Scope, 'options' | 'env' | 'cwd'>): PlanLocation {
  return locate(scope.options.plan, scope.env, scope.cwd);
}

/** What a command needs of the loaded plan: `texts: false` for commands that print no note or initiative text (the model then holds none). */
export interface LoadNeeds {
  texts?: boolean;
}

/** The plan located, read and loaded (through the cache unless --no-cache or CSP_NO_CACHE=1, or `cache` is false). */
export async function readAndLoad(scope: Scope, cache = true, needs: LoadNeeds = {}): Promise<LoadedPlan> {
  const location = locatePlan(scope);
  const { result, files } = await loadPlanFromDisk(location, { today: scope.today, cache: cache && useCache(scope), env: scope.env, texts: needs.texts ?? true });
  settleAsOf(scope, result.plan);
  return { location, result, files };
}

/**
 * For commands that change a file and load the plan again with the change
 * (they need every file's bytes): the plan read whole and loaded in memory.
 */
export async function readAndLoadFiles(scope: Scope): Promise<LoadedPlanFiles> {
  const location = locatePlan(scope);
  const files = readPlanFiles(location);
  const { loadPlan } = await import('../core/load.js');
  const result = loadPlan(files, { today: scope.today });
  settleAsOf(scope, result.plan);
  return { location, result, files: files.files.length, raw: files };
}

export interface LoadedPlanForChange extends LoadedPlanFiles {
  /** The plan as a change sees it (core/edit/prepare.ts), judged as of `today`. */
  loads(today: string): PlanLoads;
}

/**
 * For commands that add one file (note, add): the plan loaded once, through
 * the cache, and loaded again with the new file by parsing only that file.
 * The model holds no note texts, and `raw` names the files without their bytes.
 */
export async function readAndLoadForChange(scope: Scope): Promise<LoadedPlanForChange> {
  const location = locatePlan(scope);
  const loaded = await loadPlanForChange(location, { today: scope.today, cache: useCache(scope), env: scope.env });
  settleAsOf(scope, loaded.result.plan);
  return { location, result: loaded.result, files: loaded.raw.files.length, raw: loaded.raw, loads: loaded.loads };
}

/**
 * Without --as-of the plan is evaluated as of today, the local date; when a
 * colleague in a time zone ahead has already recorded a note dated
 * tomorrow-here (today there), as of that date, so that nothing recorded is
 * left out of "now".
 */
function settleAsOf(scope: Scope, plan: Plan | undefined): void {
  if (scope.asOfGiven || !plan) return;
  for (const i of plan.initiatives) {
    for (const n of i.notes) if (n.date > scope.asOf && n.date <= scope.today) scope.asOf = n.date;
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
 * Only a plan without a readable manifest stops the command (exit 1); the
 * command exits 1 when `problems.affectsView`.
 */
export async function readPlanForViewing(scope: Scope, needs: LoadNeeds = {}): Promise<ViewedPlan> {
  const loaded = await readAndLoad(scope, true, needs);
  if (!loaded.result.plan) stopOnErrors(loaded.result.diagnostics, loaded.result.sources, 'the plan');
  const full = loaded.result.plan!;
  const plan = scope.asOfGiven ? planAsOf(full, scope.asOf) : full;
  const problems = dataProblems(loaded.result.diagnostics, full, scope.asOfGiven ? scope.asOf : undefined);
  return { plan, loaded, problems };
}

/** The plan, or exit 1 with the first few errors and a pointer to `csp validate`. */
export async function requireCleanPlan(scope: Scope): Promise<{ plan: Plan; loaded: LoadedPlan }> {
  const loaded = await readAndLoad(scope);
  stopOnErrors(loaded.result.diagnostics, loaded.result.sources, 'the plan');
  return { plan: loaded.result.plan!, loaded };
}
