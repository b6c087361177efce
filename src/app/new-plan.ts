/**
 * What csp init and csp import share: checking a plan in memory before
 * anything is written, and finding a plan that is still empty enough to start.
 */
import path from 'node:path';
import { countBySeverity, type Diagnostic } from '../core/diagnostics.js';
import { type ImportedPlan, parseActionPlan } from '../core/import/action-plan.js';
import { joinPath, loadPlan } from '../core/load.js';
import { decodeText } from '../core/parse.js';
import { dataError } from '../errors.js';
import { readDocument } from '../io/files.js';
import { type PlanLocation, readPlanFiles } from '../io/plan-files.js';
import { PlanErrors } from './plan-errors.js';
import { locatePlan } from './repository.js';
import type { Scope } from './scope.js';

export interface NewFile {
  /** Relative to the repository root. */
  path: string;
  text: string;
}

const firstErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((x) => x.severity === 'error').slice(0, 5);

/** Loads the files as a plan; on errors, refuses (exit 1) with the first few, so that nothing is written. */
export function requireValidNewPlan(scope: Pick<Scope, 'asOf'>, planDir: string, files: readonly NewFile[], what: string, hint: string): void {
  const raw = files.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.text) }));
  const check = loadPlan({ planDir, files: raw }, { today: scope.asOf });
  if (countBySeverity(check.diagnostics).errors === 0) return;
  throw new PlanErrors(`${what} would have errors, so nothing was written`, hint, firstErrors(check.diagnostics), check.sources);
}

/** The action-plan document, read and parsed; refuses what does not look like one. */
export function readActionPlanDocument(scope: Pick<Scope, 'cwd'>, file: string): ImportedPlan {
  const bytes = readDocument(path.resolve(scope.cwd, file), file, 'check the file name; the document must be a plain-text (UTF-8) file');
  const decoded = decodeText(file, bytes);
  if (decoded.text === undefined) throw dataError(`${file}: ${decoded.diagnostics.map((d) => d.message).join('; ')}`, decoded.diagnostics[0]?.hint);
  const imported = parseActionPlan(decoded.text);
  if (imported.problems.length) {
    throw dataError(
      `${file} does not look like an action plan: ${imported.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`,
      "csp import reads 'Pillar N: Title' lines, thematic-area headings with their paragraphs, and 'Initiatives: a; b; c.' lists (see csp import --help)",
    );
  }
  return imported;
}

export interface StartablePlan {
  location: PlanLocation;
  /** The plan folder relative to the repository root, e.g. "plan". */
  planDir: string;
  /** The plan folder as the person would type it. */
  shown: string;
  manifestPath: string;
  manifestText: string;
}

/** The plan, if it has a valid manifest and no initiatives or thematic areas yet; otherwise a refusal (exit 1). */
export function requireStartablePlan(scope: Pick<Scope, 'options' | 'env' | 'cwd' | 'asOf'>, file: string): StartablePlan {
  const location = locatePlan(scope);
  const current = readPlanFiles(location);
  const shown = path.relative(scope.cwd, location.planDir) || '.';
  const manifestPath = joinPath(current.planDir, 'plan.yaml');
  const others = current.files.filter((f) => f.path !== manifestPath);
  const loaded = loadPlan(current, { today: scope.asOf });
  const themes = loaded.plan?.pillars.flatMap((p) => p.themes) ?? [];
  if (others.length || themes.length) {
    const has = others.length ? `${others.length} initiative file${others.length === 1 ? '' : 's'}` : `${themes.length} thematic areas`;
    throw dataError(
      `the plan in ${shown} already has ${has}: csp import only starts a new plan, it never overwrites one`,
      `import into a new plan and compare: csp init NEW && csp --plan NEW/plan import ${file}`,
    );
  }
  const manifestRaw = current.files.find((f) => f.path === manifestPath);
  if (!loaded.plan || !manifestRaw?.bytes || countBySeverity(loaded.diagnostics).errors > 0) {
    throw new PlanErrors(`${manifestPath} has errors`, "fix them first ('csp validate' lists them), or start a new plan with 'csp init'", firstErrors(loaded.diagnostics), loaded.sources);
  }
  return { location, planDir: current.planDir, shown, manifestPath, manifestText: new TextDecoder().decode(manifestRaw.bytes) };
}
