/**
 * What csp init and csp import share: checking a plan in memory before
 * anything is written, and finding a plan that is still empty enough to start.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity } from '../core/diagnostics.js';
import { type ImportedPlan, parseActionPlan } from '../core/import/action-plan.js';
import { joinPath, loadPlan } from '../core/load.js';
import { decodeText } from '../core/parse.js';
import { dataError, environmentError } from '../errors.js';
import { locatePlan, type PlanLocation, readPlanFiles } from '../io/plan-files.js';
import { formatDiagnostic } from '../render/diagnostics.js';
import type { CommandContext } from './context.js';

export interface NewFile {
  /** Relative to the repository root. */
  path: string;
  text: string;
}

/** Loads the files as a plan; on errors, shows the first few and refuses (exit 1), so that nothing is written. */
export function requireValidNewPlan(ctx: CommandContext, planDir: string, files: readonly NewFile[], what: string, hint: string): void {
  const raw = files.map((f) => ({ path: f.path, bytes: new TextEncoder().encode(f.text) }));
  const check = loadPlan({ planDir, files: raw }, { today: ctx.asOf });
  if (countBySeverity(check.diagnostics).errors === 0) return;
  for (const d of check.diagnostics.filter((x) => x.severity === 'error').slice(0, 5)) ctx.err(`${formatDiagnostic(d, check.sources, ctx.errStyle)}\n\n`);
  throw dataError(`${what} would have errors, so nothing was written`, hint);
}

/** The action-plan document, read and parsed; refuses what does not look like one. */
export function readActionPlanDocument(file: string): ImportedPlan {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw environmentError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check the file name; the document must be a plain-text (UTF-8) file');
  }
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
export function requireStartablePlan(ctx: CommandContext, file: string): StartablePlan {
  const location = locatePlan(ctx.options.plan, process.env, process.cwd());
  const current = readPlanFiles(location);
  const shown = path.relative(process.cwd(), location.planDir) || '.';
  const manifestPath = joinPath(current.planDir, 'plan.yaml');
  const others = current.files.filter((f) => f.path !== manifestPath);
  const loaded = loadPlan(current, { today: ctx.asOf });
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
    for (const d of loaded.diagnostics.filter((x) => x.severity === 'error').slice(0, 5)) ctx.err(`${formatDiagnostic(d, loaded.sources, ctx.errStyle)}\n\n`);
    throw dataError(`${manifestPath} has errors`, "fix them first ('csp validate' lists them), or start a new plan with 'csp init'");
  }
  return { location, planDir: current.planDir, shown, manifestPath, manifestText: new TextDecoder().decode(manifestRaw.bytes) };
}
